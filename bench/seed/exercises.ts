// The drills of the year, in the exercise workspace: a built-in scenario
// played at real speed, its clock on the facilitator's laptop (Élodie's host
// starts it and fires the injects), the team declaring and working the drill
// incident from their windows, an observer taking notes, and the debrief.
// Each device enrols in the exercise workspace before its first event there.
import { EXERCISE_WORKSPACE, type EventDraft, type PayloadOf } from '../../common/events/event';
import { BUILT_IN_SCENARIOS } from '../../common/exercises/library';
import { injectsInOrder, scenarioSchema } from '../../common/exercises/scenario-schema';
import { localText } from '../../common/runbooks/runbook-schema';
import type { Cast, Member } from './cast';
import { noteText } from './content';
import type { Item } from './item';
import type { Rng } from './rng';
import type { SeedDevice } from './team';
import { DAY, evenMs, HOUR, MINUTE, SECOND } from './time';

export interface Drills {
  readonly items: readonly Item[];
  readonly sessions: number;
  /** Devices enrolled in the exercise workspace. */
  readonly devices: number;
}

export function planExercises(rng: Rng, cast: Cast, count: number, start: number, until: number): Drills {
  const items: Item[] = [];
  const enrolled = new Set<string>();
  const facilitator = cast.byName('Élodie Martin');
  const span = until - start - 20 * DAY;
  for (let session = 0; session < count; session += 1) {
    const day = Math.floor((start + 10 * DAY + (span * (session + 0.5)) / count) / DAY) * DAY;
    const begin = evenMs(day + (9.5 + rng.int(0, 5)) * HOUR);
    const scenario = JSON.parse(
      JSON.stringify(scenarioSchema.parse(BUILT_IN_SCENARIOS[session % BUILT_IN_SCENARIOS.length])),
    ) as PayloadOf<'exercise.started'>['scenario'];
    const parsed = scenarioSchema.parse(scenario);
    const players = rng.sample(
      cast.members.filter((member) => member !== facilitator),
      4,
    );
    const [commander, scribe, comms, observer] = players as [Member, Member, Member, Member];
    const played: Item[] = [];
    const sessionId = rng.uuid();
    const incidentId = rng.uuid();
    const laptopOf = (member: Member, at: number) => cast.laptopAt(member, at) ?? cast.own;
    const chainOf = (device: SeedDevice) => cast.chain(device, EXERCISE_WORKSPACE);
    const add = (at: number, device: SeedDevice, draft: EventDraft, id?: string) =>
      played.push({ at: evenMs(at), chain: chainOf(device), draft, ...(id ? { id } : {}) });
    const clock = laptopOf(facilitator, begin).host;
    const window = (member: Member) => laptopOf(member, begin).window;

    add(begin, clock, {
      type: 'exercise.started',
      actor: '',
      payload: { sessionId, scenario, speed: 1, allowLiveActions: false },
    });
    // The clock stops for six minutes halfway (a question from the floor): later injects fire later.
    const pausedAt = begin + parsed.durationMinutes * MINUTE * 0.5;
    const pause = 6 * MINUTE;
    for (const inject of injectsInOrder(parsed)) {
      const isSkipped = rng.chance(0.1);
      const due = begin + inject.offsetSeconds * SECOND;
      const firesAt = Math.min(due + (due >= pausedAt ? pause : 0), begin + parsed.durationMinutes * MINUTE + pause);
      add(Math.max(firesAt + (isSkipped ? -MINUTE : SECOND), begin + SECOND), clock, {
        type: 'exercise.inject',
        actor: '',
        payload: {
          sessionId,
          injectId: inject.id,
          action: isSkipped ? 'skipped' : 'fired',
          by: isSkipped ? 'facilitator' : 'clock',
        },
      });
    }
    const declaredAt = begin + rng.between(2 * MINUTE, 5 * MINUTE);
    const { incident } = parsed;
    add(
      declaredAt,
      window(commander),
      {
        type: 'incident.declared',
        actor: '',
        payload: {
          title: localText(incident.title, 'en'),
          severity: incident.severity,
          kind: incident.kind,
          services: incident.services,
          processes: incident.processes,
        },
      },
      incidentId,
    );
    const roles: [Member, string][] = [
      [commander, 'commander'],
      [scribe, 'scribe'],
      [comms, 'communications'],
    ];
    roles.forEach(([member, role], index) =>
      add(declaredAt + (index + 1) * 50 * SECOND, window(commander), {
        type: 'incident.role-assigned',
        incidentId,
        actor: '',
        payload: { role, person: { id: member.personId, name: member.name } },
      }),
    );
    const end = begin + parsed.durationMinutes * MINUTE + 6 * MINUTE;
    const notes = rng.int(12, 24);
    for (let index = 0; index < notes; index += 1) {
      const at = declaredAt + ((end - declaredAt) * (index + 0.5)) / notes;
      const service = rng.pick(incident.services.length > 0 ? incident.services : ['checkout']);
      add(at, window(rng.chance(0.6) ? scribe : commander), {
        type: 'incident.note-added',
        incidentId,
        actor: '',
        payload: {
          text: noteText(rng, 'note', { service, region: 'eu-west-1', person: commander.name, at }),
          kind: 'note',
        },
      });
    }
    add(begin + parsed.durationMinutes * MINUTE * 0.3, window(commander), {
      type: 'incident.status-changed',
      incidentId,
      actor: '',
      payload: { status: 'identified' },
    });
    add(begin + parsed.durationMinutes * MINUTE * 0.7, window(commander), {
      type: 'incident.status-changed',
      incidentId,
      actor: '',
      payload: { status: 'monitoring' },
    });
    // Rehearsed messages: recorded by the sender's host, never delivered.
    for (const offset of [0.15, 0.45, 0.8]) {
      add(begin + parsed.durationMinutes * MINUTE * offset, laptopOf(comms, begin).host, {
        type: 'comms.message-recorded',
        incidentId,
        actor: '',
        payload: {
          messageId: rng.uuid(),
          audience: offset < 0.3 ? 'internal' : 'status-page',
          channel: 'clipboard',
          destination: offset < 0.3 ? '#incidents' : 'Status page',
          text: offset < 0.8 ? 'We are investigating an issue with the checkout.' : 'The checkout is working again.',
        },
      });
    }
    for (let index = 0; index < rng.int(3, 6); index += 1) {
      add(begin + rng.between(5 * MINUTE, parsed.durationMinutes * MINUTE), window(observer), {
        type: 'exercise.observer-note',
        actor: '',
        payload: {
          sessionId,
          text: rng.pick([
            'Commander named within four minutes; good.',
            'Nobody owned the customer message for ten minutes.',
            'The scribe kept up; decisions clearly marked.',
            'Runbook not opened until the second inject.',
            'Status page wording reviewed by legal: slow but right.',
          ]),
        },
      });
    }
    add(pausedAt, clock, {
      type: 'exercise.controlled',
      actor: '',
      payload: { sessionId, action: 'paused' },
    });
    add(pausedAt + pause, clock, {
      type: 'exercise.controlled',
      actor: '',
      payload: { sessionId, action: 'resumed' },
    });
    add(end + 10 * MINUTE, clock, { type: 'exercise.controlled', actor: '', payload: { sessionId, action: 'ended' } });
    add(end + 40 * MINUTE, window(facilitator), {
      type: 'exercise.debrief',
      actor: '',
      payload: {
        sessionId,
        notes: {
          participants: players.map((member, index) => ({
            name: member.name,
            role: ['commander', 'scribe', 'communications', 'observer'][index] as string,
          })),
          strengths: ['Roles filled fast', 'Clear decisions in the timeline'],
          improvements: ['First customer message came late'],
          plan: [
            {
              action: 'Pre-approve the first status page message',
              owner: comms.name,
              due: new Date(end + 30 * DAY).toISOString().slice(0, 10),
            },
          ],
        },
      },
    });
    // Each device opens its chain in the exercise workspace just before its first event there.
    played.sort((a, b) => a.at - b.at);
    const firsts = new Map<string, Item>();
    for (const item of played)
      if (!firsts.has(item.chain.device.deviceId)) firsts.set(item.chain.device.deviceId, item);
    let offset = 0;
    for (const [deviceId, item] of firsts) {
      if (enrolled.has(deviceId)) continue;
      enrolled.add(deviceId);
      const chain = item.chain;
      items.push({ at: begin - 2 * MINUTE + (offset += SECOND), chain, draft: () => chain.enrolment() });
    }
    items.push(...played);
  }
  return { items: items.sort((a, b) => a.at - b.at), sessions: count, devices: enrolled.size };
}
