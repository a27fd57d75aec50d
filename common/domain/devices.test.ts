// The devices slice of the fold: the same views whether a revocation is folded
// as it arrives or found in the record when it is folded whole (a reload).
import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD, sealEvents, type ChainHead } from '../events/chain';
import type { EventDraft, WarEvent } from '../events/event';
import { advanceState, foldEvents } from './incidents';

const T0 = Date.UTC(2026, 2, 14, 9, 0);
const MINUTE = 60_000;

/** A device's chain, unsigned: the fold does not check signatures, receivers do. */
function chain(deviceId: string) {
  let head: ChainHead = EMPTY_HEAD;
  let ids = 0;
  return (drafts: readonly EventDraft[], nowMs: number): WarEvent[] => {
    const sealed = sealEvents(head, drafts, {
      workspace: 'default',
      deviceId,
      nowMs,
      newId: () => `${deviceId}-${(ids += 1)}`,
    });
    head = sealed.head;
    return sealed.events;
  };
}

const declared = (actor: string, title: string): EventDraft => ({
  type: 'incident.declared',
  actor,
  payload: { title, severity: 'SEV3', kind: 'technical-failure' },
});

describe('the devices slice', () => {
  it('shows a revoked device with its first and last seen times, whether folded live or refolded', () => {
    const host = chain('laptop');
    const browser = chain('browser');
    const first = [
      ...host([declared('Alice', 'Checkout down')], T0),
      ...browser([declared('Tariq', 'Stores offline'), declared('Tariq', 'Tills frozen')], T0 + MINUTE),
    ];
    const revocation = host(
      [{ type: 'device.revoked', actor: 'Alice', payload: { deviceId: 'browser', afterSeq: 2 } }],
      T0 + 2 * MINUTE,
    );
    const late = browser([declared('Tariq', 'written after')], T0 + 3 * MINUTE);

    // Live: the browser's events first, then its revocation (which refolds them), then a late one.
    const live = advanceState(foldEvents(first), revocation) ?? foldEvents([...first, ...revocation]);
    const liveAfter = advanceState(live, late) ?? foldEvents([...first, ...revocation, ...late]);
    // Whole: the record read at once, the revocation known before the device's events are folded.
    const whole = foldEvents([...first, ...revocation, ...late]);

    for (const state of [liveAfter, whole]) {
      expect(state.devices.get('browser')).toMatchObject({
        firstSeen: T0 + MINUTE,
        lastSeen: T0 + MINUTE,
        events: 2,
        revokedAfter: 2,
        revokedBy: 'laptop',
        revokedAt: T0 + 2 * MINUTE,
      });
      expect([...state.incidents.values()].map((incident) => incident.title).sort()).toEqual([
        'Checkout down',
        'Stores offline',
        'Tills frozen',
      ]);
    }
  });
});
