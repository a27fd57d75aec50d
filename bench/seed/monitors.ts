// The monitor board of the seeded year: the `monitor` documents (most imported
// on the first day, the rest added over the year, some edited, a few retired)
// and each monitor's history of state changes, as the NOC laptop that runs
// them records it (`monitor.state-changed`, never each check). Outages of a
// service show on its monitors: some go down just before an incident is
// declared and come back when it is mitigated; the rest is the everyday noise
// of a large board. The history is kept in typed arrays and turned into events
// only as it is written.
import { normaliseName } from '../../common/domain/documents';
import type { EventDraft, PayloadOf } from '../../common/events/event';
import { MONITOR_COLLECTION, monitorServices } from '../../common/monitors/monitor-docs';
import { monitorSchema, type MonitorDefinition } from '../../common/monitors/monitor-schema';
import { monitorSpec, type MonitorSpec } from './content';
import type { Cast, Member } from './cast';
import type { Item, Stream } from './item';
import type { Rng } from './rng';
import { apportion, DAY, HOUR, MINUTE, oddMs } from './time';

/** What the NOC laptop's history says at one change; each start is followed by its end (start + 1). */
const Change = {
  Down: 0,
  Up: 1,
  MaintenanceStart: 2,
  MaintenanceEnd: 3,
  ParentStart: 4,
  ParentEnd: 5,
} as const;
type Change = (typeof Change)[keyof typeof Change];

const TRANSITIONS = [
  ['up', 'down'],
  ['down', 'up'],
  ['up', 'maintenance'],
  ['maintenance', 'up'],
  ['up', 'caused-by-parent'],
  ['caused-by-parent', 'up'],
] as const satisfies Record<Change, readonly [string, string]>;

export interface Alignment {
  readonly services: readonly string[];
  /** The incident's declaration: its monitors went down a little before. */
  readonly from: number;
  /** Its mitigation: they come back then. */
  readonly to: number;
}

export interface MonitorBoard {
  readonly specs: readonly MonitorSpec[];
  /** Monitors whose document stands at the end (the others were retired). */
  readonly alive: number;
  /** Document events: puts, edits, deletes. */
  readonly docItems: readonly Item[];
  /** Monitors whose last change left them down at the end. */
  readonly downAtEnd: number;
  /** State changes planned (see `plan`). */
  changeCount(): number;
  /** State changes of monitors standing for any of `services`, strictly after `after`. */
  changesFor(services: readonly string[], after: number): number;
  stream(): Stream;
}

interface Lifetime {
  readonly from: number;
  readonly to: number;
}

/** Monitor doc authors: the people who own the board. */
const BOARD_OWNERS = ['Camille Laurent', 'Priya Raman', 'Bob Nguyen', 'Jonas Weber', 'Dana Kowalski'];

function windowOf(cast: Cast, rng: Rng, at: number, preferred: readonly Member[]) {
  const first = rng.pick(preferred);
  const laptop = cast.laptopAt(first, at) ?? cast.laptopAt(cast.members[0] as Member, at);
  if (!laptop) throw new Error(`nobody can write at ${new Date(at).toISOString()}`);
  return cast.chain(laptop.window);
}

export class MonitorPlan implements MonitorBoard {
  readonly specs: MonitorSpec[] = [];
  readonly docItems: Item[] = [];
  readonly alive: number;
  downAtEnd = 0;
  private readonly lifetimes: Lifetime[] = [];
  private readonly services: string[][] = [];
  private times = new Float64Array(0);
  private monitorOf = new Int32Array(0);
  private kinds = new Uint8Array(0);

  constructor(
    private readonly rng: Rng,
    private readonly cast: Cast,
    options: {
      readonly alive: number;
      readonly retired: number;
      readonly start: number;
      readonly until: number;
      readonly isEnabled: boolean;
    },
  ) {
    this.alive = options.alive;
    const { start, until } = options;
    const total = options.alive + options.retired;
    const pings = new Map<string, string[]>();
    const importedAt = start + 2 * HOUR;
    const owners = BOARD_OWNERS.map((name) => cast.byName(name));
    for (let index = 0; index < total; index += 1) {
      const isRetired = index >= options.alive;
      const spec = monitorSpec(rng, index, {
        isEnabled: options.isEnabled,
        // A retired monitor is nobody's parent: a child never outlives it.
        parentIn: (region) => (rng.chance(0.12) ? rng.pick(pings.get(region) ?? [undefined]) : undefined),
      });
      if (spec.definition.type === 'ping' && !isRetired) {
        pings.set(spec.region, [...(pings.get(spec.region) ?? []), spec.definition.id]);
      }
      // Most of the board came in one import on the first day; the rest over the year.
      let from = rng.chance(0.6) ? importedAt : rng.between(start + DAY, until - 2 * DAY);
      const parent = spec.definition.parent;
      const parentIndex = parent === undefined ? -1 : this.specs.findIndex((known) => known.definition.id === parent);
      if (parentIndex >= 0) from = Math.max(from, (this.lifetimes[parentIndex] as Lifetime).from + MINUTE);
      const to = isRetired ? Math.min(from + rng.between(30 * DAY, 300 * DAY), until - 3 * DAY) : Infinity;
      this.specs.push(spec);
      this.lifetimes.push({ from, to: Math.max(to, from + DAY) });
      this.services.push(monitorServices(spec.definition).map(normaliseName));
    }
    this.planDocs(owners, until);
  }

  private planDocs(owners: readonly Member[], until: number): void {
    const { rng, cast } = this;
    const put = (at: number, definition: MonitorDefinition): Item => ({
      at,
      chain: windowOf(cast, rng, at, owners),
      draft: {
        type: 'doc.put',
        actor: '',
        payload: {
          collection: MONITOR_COLLECTION,
          docId: definition.id,
          body: definition as unknown as PayloadOf<'doc.put'>['body'],
        },
      },
    });
    this.specs.forEach((spec, index) => {
      const { from, to } = this.lifetimes[index] as Lifetime;
      this.docItems.push(put(from, spec.definition));
      // About one monitor in six is tuned once during the year: a cadence, a threshold, a name.
      if (rng.chance(0.16)) {
        const at = rng.between(from + HOUR, Math.min(to, until) - HOUR);
        const tuned = monitorSchema.parse({
          ...spec.definition,
          interval: rng.pick([30, 60, 120]),
          failureThreshold: rng.pick([2, 3, 4]),
          name: rng.chance(0.3) ? `${spec.definition.name} v2` : spec.definition.name,
        });
        this.docItems.push(put(at, JSON.parse(JSON.stringify(tuned)) as MonitorDefinition));
      }
      if (to !== Infinity) {
        this.docItems.push({
          at: to,
          chain: windowOf(cast, rng, to, owners),
          draft: {
            type: 'doc.delete',
            actor: '',
            payload: { collection: MONITOR_COLLECTION, docId: spec.definition.id },
          },
        });
      }
    });
  }

  /**
   * Spreads `total` state changes over the monitors (a few flaky monitors
   * account for much of it), `aligned` with the incidents, and leaves a few
   * monitors down at the end.
   */
  plan(total: number, alignments: readonly Alignment[], until: number): void {
    const { rng } = this;
    const count = this.specs.length;
    let down = Math.min(count, Math.max(1, Math.round(this.alive * 0.004)));
    if ((total - down) % 2 !== 0) down = down > 1 ? down - 1 : down + 1;
    if (total < down) throw new RangeError(`too few monitor changes (${total}) for ${count} monitors`);
    const downAtEnd = new Set(
      rng.sample(
        Array.from({ length: this.alive }, (_, index) => index),
        down,
      ),
    );
    this.downAtEnd = downAtEnd.size;
    const spanOf = (index: number) => {
      const { from, to } = this.lifetimes[index] as Lifetime;
      return { from: from + 10 * MINUTE, to: Math.min(to, until) - HOUR };
    };
    const weights = this.specs.map((_, index) => {
      const span = spanOf(index);
      return rng.logNormal(1, 1.2) * Math.max(0, span.to - span.from);
    });
    const caps = this.specs.map((_, index) => {
      const span = spanOf(index);
      return Math.floor(Math.max(0, span.to - span.from) / (3 * HOUR));
    });
    const pairs = apportion((total - down) / 2, weights, caps);

    // Outages of a service take some of its monitors down with them.
    const byService = new Map<string, number[]>();
    this.specs.forEach((spec, index) => {
      byService.set(spec.service, [...(byService.get(spec.service) ?? []), index]);
    });
    const intervals: [number, number, Change][][] = this.specs.map(() => []);
    for (const alignment of alignments) {
      const candidates = alignment.services.flatMap((service) => byService.get(service) ?? []);
      for (const index of rng.sample(candidates, 2)) {
        const span = spanOf(index);
        const from = alignment.from - rng.between(MINUTE, 10 * MINUTE);
        const to = alignment.to;
        const list = intervals[index] as [number, number, Change][];
        if (list.length >= (pairs[index] as number) || from < span.from || to > span.to) continue;
        list.push([from, to, Change.Down]);
      }
    }
    const allTimes: number[] = [];
    const allMonitors: number[] = [];
    const allKinds: number[] = [];
    this.specs.forEach((spec, index) => {
      const span = spanOf(index);
      const list = intervals[index] as [number, number, Change][];
      const hasMaintenance = (spec.definition.maintenance?.length ?? 0) > 0;
      const hasParent = spec.definition.parent !== undefined;
      while (list.length < (pairs[index] as number)) {
        const from = rng.between(span.from, span.to);
        const kind =
          hasMaintenance && rng.chance(0.3)
            ? Change.MaintenanceStart
            : hasParent && rng.chance(0.3)
              ? Change.ParentStart
              : Change.Down;
        const length =
          kind === Change.MaintenanceStart
            ? 2 * HOUR
            : Math.min(Math.max(rng.logNormal(6 * MINUTE, 1.1), 40_000), 6 * HOUR);
        list.push([from, from + length, kind]);
      }
      list.sort((a, b) => a[0] - b[0]);
      // Changes of one monitor alternate: an outage ends before the next begins.
      let free = span.from;
      for (const interval of list) {
        const length = Math.max(interval[1] - interval[0], 30_000);
        interval[0] = Math.max(interval[0], free + 30_000);
        interval[1] = interval[0] + length;
        free = interval[1];
      }
      if (free > span.to) {
        // A very flaky monitor pushed past its end: space its outages evenly instead.
        const step = (span.to - span.from) / (list.length + 1);
        list.forEach((interval, position) => {
          interval[0] = span.from + step * (position + 0.5);
          interval[1] = interval[0] + Math.min(step / 3, 10 * MINUTE);
        });
      }
      for (const [from, to, kind] of list) {
        allTimes.push(oddMs(from), oddMs(to));
        allMonitors.push(index, index);
        allKinds.push(kind, kind + 1);
      }
      if (downAtEnd.has(index)) {
        const last = Math.max(list.at(-1)?.[1] ?? span.from, until - 3 * DAY) + HOUR;
        allTimes.push(oddMs(Math.min(last, until - 10 * MINUTE)));
        allMonitors.push(index);
        allKinds.push(Change.Down);
      }
    });
    const order = Array.from(allTimes.keys()).sort(
      (a, b) => (allTimes[a] as number) - (allTimes[b] as number) || a - b,
    );
    this.times = Float64Array.from(order, (index) => allTimes[index] as number);
    this.monitorOf = Int32Array.from(order, (index) => allMonitors[index] as number);
    this.kinds = Uint8Array.from(order, (index) => allKinds[index] as number);
    if (this.times.length !== total) throw new Error(`planned ${this.times.length} monitor changes, not ${total}`);
  }

  /** Whether the monitor's document stands at `at`. */
  isAlive(index: number, at: number): boolean {
    const lifetime = this.lifetimes[index];
    return lifetime !== undefined && lifetime.from <= at && at < lifetime.to;
  }

  changeCount(): number {
    return this.times.length;
  }

  changesFor(services: readonly string[], after: number): number {
    const wanted = new Set(services.map(normaliseName));
    let count = 0;
    for (let index = 0; index < this.times.length; index += 1) {
      if ((this.times[index] as number) <= after) continue;
      const names = this.services[this.monitorOf[index] as number] as string[];
      if (names.some((name) => wanted.has(name))) count += 1;
    }
    return count;
  }

  *stream(): Generator<Item, void> {
    const chain = this.cast.chain(this.cast.noc);
    for (let index = 0; index < this.times.length; index += 1) {
      const spec = this.specs[this.monitorOf[index] as number] as MonitorSpec;
      const kind = this.kinds[index] as Change;
      yield { at: this.times[index] as number, chain, draft: this.stateChanged(spec, kind) };
    }
  }

  private stateChanged(spec: MonitorSpec, kind: Change): EventDraft {
    const { rng } = this;
    const { definition } = spec;
    const [from, status] = TRANSITIONS[kind];
    const latencyMs = status === 'up' ? rng.int(12, 900) : undefined;
    const reason = ((): PayloadOf<'monitor.state-changed'>['reason'] => {
      if (status === 'maintenance') return { key: 'monitors.reason.maintenance', values: {} };
      if (status === 'caused-by-parent')
        return { key: 'monitors.reason.causedByParent', values: { parent: definition.parent ?? '' } };
      const isUp = status === 'up';
      switch (definition.type) {
        case 'http':
          return isUp
            ? { key: 'monitors.reason.httpOk', values: { status: 200, latency: latencyMs ?? 0 } }
            : {
                key: 'monitors.reason.statusMismatch',
                values: { expected: '2xx', status: rng.pick([500, 502, 503, 504]) },
              };
        case 'tcp':
          return isUp
            ? { key: 'monitors.reason.tcpOk', values: { latency: latencyMs ?? 0 } }
            : { key: 'monitors.reason.connectionRefused', values: { host: definition.host, port: definition.port } };
        case 'dns':
          return isUp
            ? {
                key: 'monitors.reason.dnsOk',
                values: {
                  type: definition.recordType,
                  name: definition.domain,
                  answers: `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
                },
              }
            : { key: 'monitors.reason.dnsTimeout', values: { seconds: definition.timeout } };
        case 'ping':
          return isUp
            ? { key: 'monitors.reason.pingOk', values: { latency: latencyMs ?? 0 } }
            : { key: 'monitors.reason.pingNoReply', values: { host: definition.host } };
        case 'prometheus':
          return isUp
            ? { key: 'monitors.reason.prometheusOk', values: { op: '<', threshold: 0.02 } }
            : {
                key: 'monitors.reason.prometheusThreshold',
                values: {
                  series: `{service="${spec.service}"}`,
                  value: rng.int(3, 60) / 100,
                  op: '<',
                  threshold: 0.02,
                },
              };
        case 'heartbeat':
          return isUp
            ? { key: 'monitors.reason.heartbeatOk', values: { amount: rng.int(1, 50), unit: 'min' } }
            : { key: 'monitors.reason.heartbeatMissing', values: { amount: rng.int(2, 26), unit: 'h' } };
      }
    })();
    return {
      type: 'monitor.state-changed',
      actor: '',
      payload: {
        monitorId: definition.id,
        name: definition.name,
        status,
        from,
        reason,
        ...(latencyMs === undefined ? {} : { latencyMs }),
        services: monitorServices(definition),
        isAlert: status === 'down',
      },
    };
  }
}
