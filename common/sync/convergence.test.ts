// The property the whole design rests on: replicas that write while partitioned,
// over a network that drops, duplicates and delays messages, with restarts and
// clocks skewed by up to an hour, end with identical state once they can all
// talk, and no event is lost.
//
// Replay one schedule: SYNC_SEED=1234 npx vitest run common/sync/convergence.test.ts
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/random';
import { foldEvents } from '../domain/incidents';
import { verifyChains } from '../events/chain';
import type { EventDraft, WarEvent } from '../events/event';
import { answerExchange, syncWith, type ExchangeFn } from './exchange';
import { MemoryEventLog } from './memory-log';
import type { ExchangeRequest } from './protocol';
import type { VersionVector } from './vector';

const REPLICAS = 5;
const SCHEDULES = Number(process.env.SYNC_SCHEDULES ?? 10_000);
const HOUR = 3_600_000;
const PEOPLE = ['p1', 'p2', 'p3'] as const;

class Dropped extends Error {}

interface Replica {
  readonly log: MemoryEventLog;
  readonly skewMs: number;
  /** Volatile: what this replica last heard of each peer's vector; lost on restart. */
  known: Map<number, VersionVector>;
}

function runSchedule(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  let ids = 0;
  const newId = () => `s${seed}-e${(ids += 1)}`;
  let now = 1_700_000_000_000;
  const replicas: Replica[] = Array.from({ length: REPLICAS }, (_, index) => ({
    log: new MemoryEventLog('ws', `device-${index}`, newId),
    skewMs: Math.round((random() * 2 - 1) * HOUR),
    known: new Map(),
  }));
  const written: WarEvent[] = [];
  const delayed: { to: number; request: ExchangeRequest }[] = [];
  let partition = new Set<number>();
  const canTalk = (a: number, b: number) => partition.has(a) === partition.has(b);

  // Single-valued fields: concurrent changes must resolve the same way everywhere.
  const fieldChange = (incidentId: string, actor: string): EventDraft =>
    random() < 0.5
      ? {
          type: 'incident.status-changed',
          incidentId,
          actor,
          payload: { status: pick(['investigating', 'identified', 'monitoring', 'resolved', 'closed'] as const) },
        }
      : {
          type: 'incident.severity-changed',
          incidentId,
          actor,
          payload: { severity: pick(['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const) },
        };

  // Roles, key-time corrections and pins: maps and sets inside an incident.
  const commandChange = (incidentId: string, actor: string): EventDraft => {
    const role = pick(['commander', 'communications', 'scribe'] as const);
    const person = { id: pick(PEOPLE), name: pick(['Ana', 'Bo', 'Cy']) };
    switch (Math.floor(random() * 5)) {
      case 0:
        return { type: 'incident.role-assigned', incidentId, actor, payload: { role, person } };
      case 1:
        return {
          type: 'incident.role-handed-over',
          incidentId,
          actor,
          payload: { role, to: person, briefing: { conditions: 'c', actions: 'a', needs: 'n' } },
        };
      case 2:
        return { type: 'incident.role-released', incidentId, actor, payload: { role } };
      case 3:
        return {
          type: 'incident.key-time-corrected',
          incidentId,
          actor,
          payload: { key: pick(['started', 'detected', 'resolved'] as const), at: now - 60_000, reason: 'log' },
        };
      default:
        return {
          type: 'incident.entry-pinned',
          incidentId,
          actor,
          payload: { eventId: incidentId, pinned: random() < 0.5 },
        };
    }
  };

  const write = (index: number) => {
    const replica = replicas[index]!;
    const incidents = [...foldEvents(replica.log.all()).incidents.keys()];
    const drafts: EventDraft[] = [];
    const count = 1 + Math.floor(random() * 2);
    for (let i = 0; i < count; i += 1) {
      const change = random();
      if (incidents.length > 0 && change < 0.35) {
        drafts.push(
          change < 0.1 ? fieldChange(pick(incidents), `r${index}`) : commandChange(pick(incidents), `r${index}`),
        );
        continue;
      }
      if (change > 0.95) {
        drafts.push(
          random() < 0.7
            ? {
                type: 'doc.put',
                actor: `r${index}`,
                payload: { collection: 'person', docId: pick(PEOPLE), body: { name: `p${ids}`, team: 'ops' } },
              }
            : { type: 'doc.delete', actor: `r${index}`, payload: { collection: 'person', docId: pick(PEOPLE) } },
        );
        continue;
      }
      drafts.push(
        incidents.length === 0 || random() < 0.25
          ? {
              type: 'incident.declared',
              actor: `r${index}`,
              payload: {
                title: `t${ids}`,
                severity: pick(['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const),
                kind: 'security',
              },
            }
          : {
              type: 'incident.note-added',
              incidentId: pick(incidents),
              actor: `r${index}`,
              payload: { text: `n${ids}` },
            },
      );
    }
    written.push(...replica.log.write(drafts, now + replica.skewMs));
  };

  // The network between two replicas: each fault is drawn per message.
  const link =
    (from: number, to: number, faulty: boolean): ExchangeFn =>
    async (request) => {
      const peer = replicas[to]!.log;
      const roll = faulty ? random() : 1;
      if (roll < 0.1) throw new Dropped('request lost');
      if (roll < 0.15) {
        delayed.push({ to, request });
        throw new Dropped('request delayed');
      }
      const response = await answerExchange(peer, request, 1 + Math.floor(random() * 6));
      if (roll < 0.22) await answerExchange(peer, request); // duplicated on the wire
      if (roll < 0.3) throw new Dropped('response lost');
      void from;
      return response;
    };

  const sync = async (a: number, b: number, faulty: boolean) => {
    const replica = replicas[a]!;
    try {
      const outcome = await syncWith(replica.log, link(a, b, faulty), {
        knownPeerVector: replica.known.get(b),
        batchSize: 1 + Math.floor(random() * 6),
      });
      replica.known.set(b, outcome.peerVector);
    } catch (error) {
      if (!(error instanceof Dropped)) throw error;
    }
  };

  return (async () => {
    const steps = 8 + Math.floor(random() * 10);
    for (let step = 0; step < steps; step += 1) {
      now += Math.floor(random() * 5_000);
      const roll = random();
      const a = Math.floor(random() * REPLICAS);
      const b = (a + 1 + Math.floor(random() * (REPLICAS - 1))) % REPLICAS;
      if (roll < 0.45) write(a);
      else if (roll < 0.8) {
        if (canTalk(a, b)) await sync(a, b, true);
      } else if (roll < 0.88) {
        partition = new Set(Array.from({ length: REPLICAS }, (_, i) => i).filter(() => random() < 0.5));
      } else if (roll < 0.94) {
        replicas[a]!.known = new Map(); // restart: volatile state is gone, the log is not
      } else if (delayed.length > 0) {
        // A stale message arrives late; its answer goes nowhere.
        const late = delayed.splice(Math.floor(random() * delayed.length), 1)[0]!;
        await answerExchange(replicas[late.to]!.log, late.request);
      }
    }
    // The network heals: everyone syncs through replica 0, twice round.
    partition = new Set();
    for (let round = 0; round < 2; round += 1) for (let i = 1; i < REPLICAS; i += 1) await sync(i, 0, false);
    return { replicas, written };
  })();
}

describe('sync convergence (property)', () => {
  it(`converges on ${SCHEDULES} seeded schedules`, async () => {
    const only = process.env.SYNC_SEED ? [Number(process.env.SYNC_SEED)] : null;
    const seeds = only ?? Array.from({ length: SCHEDULES }, (_, i) => i + 1);
    for (const seed of seeds) {
      let replicas: Replica[];
      let written: WarEvent[];
      try {
        ({ replicas, written } = await runSchedule(seed));
      } catch (error) {
        throw new Error(`schedule failed, replay with SYNC_SEED=${seed}: ${String(error)}`, { cause: error });
      }
      const reference = replicas[0]!.log;
      const expectedVector = await reference.vector();
      const expectedState = foldEvents(reference.all());
      for (const replica of replicas) {
        const message = `replay with SYNC_SEED=${seed} (${replica.log.deviceId})`;
        expect(await replica.log.vector(), message).toEqual(expectedVector);
        expect(foldEvents(replica.log.all()), message).toEqual(expectedState);
      }
      const held = new Set(reference.all().map((event) => event.id));
      const lost = written.filter((event) => !held.has(event.id));
      expect(lost, `replay with SYNC_SEED=${seed}`).toEqual([]);
      expect(verifyChains(reference.all()), `replay with SYNC_SEED=${seed}`).toEqual([]);
    }
  }, 600_000);
});
