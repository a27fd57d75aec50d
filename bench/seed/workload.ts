// The seeded year as one stream of sealed, signed events in the record's
// total order: the plan (how many incidents, monitors, drills; how the events
// are shared out so that they add up to exactly the number asked for) and the
// merge of every part's stream by time, each event a millisecond after the one
// before it at least, so every device's clock only moves forward and the last
// event is no later than `until`.
import { DEFAULT_WORKSPACE, EXERCISE_WORKSPACE, type PersonRef, type WarEvent } from '../../common/events/event';
import type { DeviceKey } from '../../main/services/identity/device-key';
import { Cast } from './cast';
import { planDocuments } from './docs';
import { planExercises } from './exercises';
import { alignmentsOf, bigIncidentSpec, incidentStream, planIncidents, type IncidentSpec } from './incidents';
import { listStream, type Item, type Stream } from './item';
import { MonitorPlan } from './monitors';
import { Rng } from './rng';
import { apportion, DAY } from './time';

export interface WorkloadOptions {
  /** Events in all, both workspaces. */
  readonly events: number;
  readonly seed: number;
  /** The last moment of the year (ms): nothing is later. */
  readonly until: number;
  /** Whether the monitors are enabled; off, a host opening the data dir probes nothing. */
  readonly isLive?: boolean;
}

/** What the record holds once written, as the plan counts it. */
export interface Expected {
  readonly events: number;
  readonly byWorkspace: Readonly<Record<typeof DEFAULT_WORKSPACE | typeof EXERCISE_WORKSPACE, number>>;
  readonly devices: Readonly<Record<typeof DEFAULT_WORKSPACE | typeof EXERCISE_WORKSPACE, number>>;
  readonly revokedDevices: number;
  /** Incidents of the real record, the long one included. */
  readonly incidents: number;
  /** Of which not closed at the end. */
  readonly openIncidents: number;
  /** `monitor` documents standing at the end. */
  readonly monitors: number;
  readonly monitorChanges: number;
  readonly exercises: number;
  readonly longIncident: { readonly id: string; readonly title: string; readonly entries: number };
  readonly from: number;
  readonly until: number;
}

export interface Workload {
  readonly expected: Expected;
  /** The laptop whose data dir this is: its host key and the person at it. */
  readonly own: { readonly key: DeviceKey; readonly person: PersonRef };
  /** Every event, in the record's total order; once. */
  events(): Generator<WarEvent, void>;
}

/** The first line the sealing process writes (seal-process.ts), before the events. */
export interface SealHeader {
  readonly expected: Expected;
  /** The laptop's device key, PKCS#8 in base64, as its secret store keeps it. */
  readonly key: string;
  readonly person: PersonRef;
}

/** Fewer events than this cannot hold a year's shape (a board, a team, a drill). */
export const MIN_EVENTS = 3_000;
const MIN_INCIDENT_EVENTS = 10;
/** Of what is left after the fixed parts (devices, documents, drills), the share of monitor changes. */
const MONITOR_SHARE = 0.4;
const SEVERITY_WEIGHT = { SEV1: 8, SEV2: 4, SEV3: 1.3, SEV4: 0.6 } as const;

interface Queued {
  readonly item: Item;
  readonly stream: Stream;
  readonly order: number;
}

/** A binary heap of the streams' next items, by time, then by when they were queued. */
class Merge {
  private readonly heap: Queued[] = [];
  private order = 0;

  add(stream: Stream): void {
    const next = stream.next();
    if (next.done) return;
    this.push({ item: next.value, stream, order: (this.order += 1) });
  }

  take(): Item | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop() as Queued;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.down(0);
    }
    this.add(top.stream);
    return top.item;
  }

  private before(a: Queued, b: Queued): boolean {
    return a.item.at < b.item.at || (a.item.at === b.item.at && a.order < b.order);
  }

  private push(entry: Queued): void {
    const { heap } = this;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(heap[index] as Queued, heap[parent] as Queued)) break;
      [heap[index], heap[parent]] = [heap[parent] as Queued, heap[index] as Queued];
      index = parent;
    }
  }

  private down(start: number): void {
    const { heap } = this;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && this.before(heap[left] as Queued, heap[smallest] as Queued)) smallest = left;
      if (right < heap.length && this.before(heap[right] as Queued, heap[smallest] as Queued)) smallest = right;
      if (smallest === index) return;
      [heap[index], heap[smallest]] = [heap[smallest] as Queued, heap[index] as Queued];
      index = smallest;
    }
  }
}

export function planWorkload(options: WorkloadOptions): Workload {
  const { events, seed, until } = options;
  if (!Number.isSafeInteger(events) || events < MIN_EVENTS)
    throw new RangeError(`--events must be at least ${MIN_EVENTS}`);
  const start = until - 365 * DAY;
  const scale = events / 1_000_000;
  const rng = new Rng(seed);
  const cast = new Cast(rng, start);
  const monitorCount = Math.max(10, Math.round(5_000 * scale));
  const board = new MonitorPlan(rng, cast, {
    alive: monitorCount,
    retired: Math.max(1, Math.round(monitorCount * 0.01)),
    start,
    until,
    isEnabled: options.isLive ?? false,
  });
  const documents = planDocuments(rng, cast, start, until);
  const drills = planExercises(rng, cast, Math.min(12, Math.max(1, Math.round(6 * scale))), start, until);
  const incidentCount = Math.max(4, Math.round(2_000 * scale));
  const open = Math.min(5, Math.max(2, Math.round(incidentCount * 0.0025)));
  const regular = planIncidents(rng, cast, { count: incidentCount - 1, open, start, until });
  const big = bigIncidentSpec(rng, cast, until);

  // Fixed parts first; what is left goes to the monitors' history and the incidents.
  const fixed = cast.items.length + board.docItems.length + documents.items.length + drills.items.length;
  const rest = events - fixed;
  const monitorChanges = Math.round(rest * MONITOR_SHARE);
  board.plan(monitorChanges, alignmentsOf(regular), until);
  // The long incident's timeline: its own entries plus the changes of its services' monitors while it is open.
  const entries = Math.max(100, Math.round(100_000 * scale));
  const evidence = board.changesFor(big.services, big.declaredAt);
  big.pins = Math.min(40, Math.floor(entries / 100));
  big.events = entries - evidence + big.pins;
  const forRegular = rest - monitorChanges - big.events;
  if (big.events < entries / 2 || forRegular < MIN_INCIDENT_EVENTS * regular.length)
    throw new RangeError(`--events ${events} is too few for ${incidentCount} incidents and ${monitorCount} monitors`);
  const weights = regular.map(
    (spec) =>
      SEVERITY_WEIGHT[spec.severity] *
      Math.sqrt((spec.respondedUntil - spec.declaredAt) / 3_600_000 + 1) *
      rng.logNormal(1, 0.5),
  );
  const shares = apportion(
    forRegular - MIN_INCIDENT_EVENTS * regular.length,
    weights,
    regular.map(() => Number.MAX_SAFE_INTEGER),
  );
  regular.forEach((spec, index) => {
    spec.events = MIN_INCIDENT_EVENTS + (shares[index] as number);
    spec.pins = Math.min(3, Math.floor(spec.events / 30));
  });
  const incidents: IncidentSpec[] = [big, ...regular];
  const exerciseEvents = drills.items.length;
  const expected: Expected = {
    events,
    byWorkspace: { [DEFAULT_WORKSPACE]: events - exerciseEvents, [EXERCISE_WORKSPACE]: exerciseEvents },
    devices: {
      [DEFAULT_WORKSPACE]: 3 + cast.members.reduce((sum, member) => sum + 2 * member.laptops.length, 0),
      [EXERCISE_WORKSPACE]: drills.devices,
    },
    revokedDevices: 2,
    incidents: incidents.length,
    openIncidents: incidents.filter((spec) => spec.closedAt === undefined).length,
    monitors: monitorCount,
    monitorChanges,
    exercises: drills.sessions,
    longIncident: { id: big.id, title: big.title, entries },
    from: start,
    until,
  };

  let isUsed = false;
  return {
    expected,
    own: { key: cast.own.host.key, person: cast.own.host.person },
    *events() {
      if (isUsed) throw new Error('a workload is written once');
      isUsed = true;
      const hashes = new Map<string, string>();
      const context = { rng, cast, board, hashes, until, extraRoles: documents.extraRoles };
      const ids = new Rng(seed ^ 0x5eed5eed);
      const merge = new Merge();
      for (const items of [cast.items, board.docItems, documents.items, drills.items]) merge.add(listStream(items));
      merge.add(board.stream());
      for (const spec of incidents) merge.add(incidentStream(spec, context));
      let last = 0;
      let count = 0;
      for (let item = merge.take(); item !== undefined; item = merge.take()) {
        // One event per millisecond at most: every chain's clock moves forward, and the order is the plan's.
        const at = Math.max(Math.round(item.at), last + 1);
        last = at;
        const draft = typeof item.draft === 'function' ? item.draft() : item.draft;
        const event = item.chain.seal(draft, at, item.id ?? ids.uuid());
        if (item.isRemembered) hashes.set(event.id, event.hash);
        count += 1;
        yield event;
      }
      if (count !== events) throw new Error(`the plan wrote ${count} events, not ${events}`);
      if (last > until) throw new Error(`the last event is ${last - until} ms after the end of the year`);
    },
  };
}
