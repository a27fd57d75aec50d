// Who is on the other end of the bridge, as the host sees it. The person at
// the laptop (the desktop window, a browser on loopback) may make every call;
// a teammate's browser in LAN mode reads and writes the shared record, and the
// calls that act on the laptop itself or steer an exercise answer it with
// `forbidden` and a reason code the window words (`lan.refusal.<reason>`).
import { z } from 'zod';
import { CALL_NAMES } from './channels';

/** Reasons a LAN browser is given for a call that answers only the person at the laptop. */
export const LAN_REFUSALS = ['exercise-laptop-only', 'settings-laptop-only', 'devices-laptop-only'] as const;
export type LanRefusal = (typeof LAN_REFUSALS)[number];

export function isLanRefusal(value: unknown): value is LanRefusal {
  return typeof value === 'string' && (LAN_REFUSALS as readonly string[]).includes(value);
}

export const accessSchema = z.strictObject({
  /** The desktop window or a browser on this machine's loopback; false for a teammate's browser on the LAN. */
  isAtLaptop: z.boolean(),
  /** The calls this window will be refused, so that it does not offer them; empty at the laptop. */
  laptopOnly: z.array(z.enum(CALL_NAMES)).readonly(),
});
export type WindowAccess = z.infer<typeof accessSchema>;
