// Test and bench support (not product code): a long-running incident written
// into a host's store before the host starts, as if another laptop had
// recorded it and the team hub had delivered it. Events are sealed on their own
// device chain, one second apart, and stored through the sync path (`apply`),
// which verifies them as any replica would; the window then syncs them from its
// host the ordinary way.
import { DEFAULT_WORKSPACE, NOTE_KINDS, type EventDraft, type WarEvent } from '../../common/events/event';
import { MAX_BATCH_EVENTS } from '../../common/sync/protocol';
import { openHostStore } from '../../main/host/host-store';
import { generateDeviceKey } from '../../main/services/identity/device-key';
import { createLogger } from '../../main/services/logger';
import { signedDevice } from './signed-device';

export interface SeededTimeline {
  readonly incidentId: string;
  readonly title: string;
  /** Entries in the incident's timeline: the declaration and what follows. */
  readonly entries: number;
  /** The text of the last note, the newest entry. */
  readonly newestText: string;
}

export interface SeedOptions {
  /** Events after the declaration. */
  readonly entries: number;
  readonly title?: string;
  /** When the last event happened; the others go back one second each. */
  readonly endsAt?: number;
  /**
   * Services the incident impacts. The default ones are those of built-in
   * business processes, so the window records RTO crossings on top.
   */
  readonly services?: readonly string[];
}

const PEOPLE = ['Camille Laurent', 'Élodie Martin', 'Bob Nguyen', 'Dana Kowalski', 'Samir Haddad'];
const SERVICES = ['checkout', 'payments', 'search', 'stores', 'warehouse', 'identity'];
const PHRASES = [
  'p95 latency on {s} is {n} ms',
  'error rate on {s} at {n}%',
  'restarted {n} pods of {s}',
  'customer reports from store #{n} about {s}',
  'rolled back {s} to the release before last',
  'vendor confirms degradation on their side, ticket {n}',
  'dashboards for {s} look stable for {n} minutes',
];

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length] as T;
}

/** A note's text: one to three lines, varied like a real night's notes. */
function noteText(index: number): string {
  const line = (offset: number) =>
    pick(PHRASES, index * 7 + offset)
      .replace('{s}', pick(SERVICES, index + offset))
      .replace('{n}', String((index * 37 + offset * 11) % 997));
  const lines = 1 + ((index * 13) % 7 === 0 ? 2 : (index * 5) % 3 === 0 ? 1 : 0);
  return Array.from({ length: lines }, (_, offset) => `${line(offset)}.`).join('\n');
}

/** What happens at step `index` of the incident: mostly notes, now and then a change. */
function draftAt(index: number, incidentId: string, isLast: boolean, text: string): EventDraft {
  const actor = pick(PEOPLE, index * 3);
  if (!isLast && index % 997 === 500) {
    return {
      type: 'incident.role-handed-over',
      incidentId,
      actor,
      payload: {
        role: pick(['commander', 'scribe', 'communications'], index),
        to: { name: pick(PEOPLE, index + 1) },
        briefing: {
          conditions: `Stable since the last rollback; ${pick(SERVICES, index)} still degraded.`,
          actions: 'Vendor escalation open; rollback of the cache layer prepared.',
          needs: 'A database engineer on call before 06:00.',
        },
      },
    };
  }
  if (!isLast && index % 1_009 === 300) {
    return {
      type: 'incident.role-assigned',
      incidentId,
      actor,
      payload: { role: pick(['commander', 'scribe', 'communications', 'operations'], index), person: { name: actor } },
    };
  }
  if (!isLast && index % 4_999 === 1_000) {
    return {
      type: 'incident.status-changed',
      incidentId,
      actor,
      payload: { status: pick(['identified', 'monitoring', 'investigating'] as const, index) },
    };
  }
  if (!isLast && index % 20_011 === 7_000) {
    return {
      type: 'incident.severity-changed',
      incidentId,
      actor,
      payload: { severity: pick(['SEV2', 'SEV1'] as const, index) },
    };
  }
  return {
    type: 'incident.note-added',
    incidentId,
    actor,
    payload: { text, kind: pick(NOTE_KINDS, index * 11) },
  };
}

/** Writes the incident into `<dataDir>/store`; the host must not be running on it. */
export async function seedLongIncident(dataDir: string, options: SeedOptions): Promise<SeededTimeline> {
  const {
    entries,
    title = 'Checkout outage across every store',
    endsAt = Date.now() - 60_000,
    services = ['checkout', 'payments'],
  } = options;
  const startsAt = endsAt - entries * 1000;
  // One signed device per person, each opening its chain with its enrolment, as laptops do.
  const devices = new Map(PEOPLE.map((person) => [person, signedDevice(person, { workspace: DEFAULT_WORKSPACE })]));
  const seal = (draft: EventDraft, at: number): WarEvent[] => {
    const device = devices.get(draft.actor) ?? signedDevice(draft.actor);
    devices.set(draft.actor, device);
    return device.write([draft], at);
  };

  const store = await openHostStore(dataDir, createLogger('seed'), {
    key: generateDeviceKey(),
    person: () => ({ name: 'Seed' }),
  });
  try {
    const declared = seal(
      {
        type: 'incident.declared',
        actor: PEOPLE[0] as string,
        payload: { title, severity: 'SEV1', kind: 'technical-failure', services: [...services] },
      },
      startsAt,
    );
    const incidentId = declared.at(-1)?.id ?? '';
    let batch: WarEvent[] = [...declared];
    let newestText = '';
    for (let index = 1; index <= entries; index += 1) {
      const isLast = index === entries;
      const text = isLast ? `Newest entry: all ${entries.toLocaleString('en-US')} steps recorded.` : noteText(index);
      if (isLast) newestText = text;
      batch.push(...seal(draftAt(index, incidentId, isLast, text), startsAt + index * 1000));
      if (batch.length >= MAX_BATCH_EVENTS - 1 || isLast) {
        const result = await store.log.apply(batch);
        if (!result.ok) throw new Error(`the seed was refused: ${JSON.stringify(result.error)}`);
        batch = [];
      }
    }
    return { incidentId, title, entries: entries + 1, newestText };
  } finally {
    await store.close();
  }
}
