// Who wrote the seeded year, and on which devices: eight people with a laptop
// each (its host, and the window on it), the NOC's always-on laptop that runs
// the monitors, the team hub and the hub's ChatOps bridge. Two things a real
// year brings happen too: Dana's laptop was enrolled under her login name and
// renamed the next day, and Bob's laptop was lost in the summer, revoked by the
// hub, and replaced. Camille's laptop is the one whose data dir is written.
import { DEFAULT_WORKSPACE, type EventDraft } from '../../common/events/event';
import type { Item } from './item';
import type { Rng } from './rng';
import { Chain, seedDevice, type SeedDevice } from './team';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Laptop {
  readonly host: SeedDevice;
  readonly window: SeedDevice;
  /** Its enrolment. */
  readonly from: number;
  /** Its revocation; Infinity while in use. */
  readonly to: number;
}

export interface Member {
  readonly name: string;
  readonly team: string;
  /** The person's document in the directory (`person` collection), named in roles. */
  readonly personId: string;
  readonly laptops: readonly Laptop[];
}

const TEAM = [
  ['Camille Laurent', 'SRE'],
  ['Élodie Martin', 'Communications'],
  ['Bob Nguyen', 'Platform'],
  ['Dana Kowalski', 'Database'],
  ['Samir Haddad', 'Payments'],
  ['Priya Raman', 'SRE'],
  ['Jonas Weber', 'Network'],
  ['Lucía Ortega', 'Customer service'],
] as const;

export class Cast {
  readonly members: readonly Member[];
  /** The NOC's laptop: it runs the monitors, so their state changes are in its chain. */
  readonly noc: SeedDevice;
  readonly hub: SeedDevice;
  /** The hub's ChatOps bridge: lines from the team's chat relayed into incidents. */
  readonly chatOps: SeedDevice;
  /** Whose data dir is written: the host of this laptop opens it. */
  readonly own: Laptop;
  /** Events of the default workspace about the devices themselves: enrolments, a rename, revocations. */
  readonly items: readonly Item[];
  private readonly chains = new Map<string, Chain>();

  constructor(rng: Rng, start: number) {
    const items: Item[] = [];
    this.hub = seedDevice(rng, 'team hub', 'hub', { name: 'Team hub' });
    this.chatOps = seedDevice(rng, 'ChatOps bridge', 'hub', { name: 'ChatOps' });
    this.noc = seedDevice(rng, 'NOC laptop', 'host', { name: 'NOC desk' });
    const enrol = (device: SeedDevice, at: number) =>
      items.push({ at, chain: this.chain(device), draft: () => this.chain(device).enrolment() });
    enrol(this.hub, start);
    enrol(this.chatOps, start + MINUTE);
    enrol(this.noc, start + 30 * MINUTE);

    const lost = start + 201 * DAY + 10 * HOUR;
    const replaced = lost + 3 * HOUR;
    this.members = TEAM.map(([name, team], index) => {
      const personId = rng.uuid();
      const at = start + (2 + 2 * index) * MINUTE;
      // The host enrols the person in its "You" box (no directory id), as the app does.
      const enrolledAs = name === 'Dana Kowalski' ? { name: 'dana' } : { name };
      const laptop = (from: number, to: number): Laptop => {
        const host = seedDevice(rng, `${name}'s laptop`, 'host', enrolledAs);
        const window = seedDevice(rng, `${name}'s window`, 'window', enrolledAs, host);
        enrol(host, from);
        enrol(window, from + 20_000);
        return { host, window, from, to };
      };
      if (name === 'Bob Nguyen') {
        const old = laptop(at, lost);
        const revoke = (device: SeedDevice, delay: number, reason: string) =>
          items.push({
            at: lost + delay,
            chain: this.chain(this.hub),
            draft: (): EventDraft => ({
              type: 'device.revoked',
              actor: this.hub.person.name,
              payload: { deviceId: device.deviceId, afterSeq: this.chain(device).seq, reason },
            }),
          });
        revoke(old.host, 0, 'Laptop lost on a train; reported by Bob.');
        revoke(old.window, 1_000, 'Window of the lost laptop.');
        return { name, team, personId, laptops: [old, laptop(replaced, Infinity)] };
      }
      const only = laptop(at, Infinity);
      if (name === 'Dana Kowalski') {
        // The "You" box corrected the next morning: later events are written by the full name.
        for (const [device, delay] of [
          [only.host, 0],
          [only.window, 5_000],
        ] as const) {
          items.push({
            at: start + DAY + 9 * HOUR + delay,
            chain: this.chain(device),
            draft: { type: 'device.person-changed', actor: name, payload: { person: { name } } },
          });
        }
      }
      return { name, team, personId, laptops: [only] };
    });
    this.own = (this.members[0] as Member).laptops[0] as Laptop;
    this.items = items.sort((a, b) => a.at - b.at);
  }

  /** The chain of `device` in `workspace`, one per pair. */
  chain(device: SeedDevice, workspace: string = DEFAULT_WORKSPACE): Chain {
    const key = `${workspace}:${device.deviceId}`;
    let chain = this.chains.get(key);
    if (!chain) {
      chain = new Chain(device, workspace);
      this.chains.set(key, chain);
    }
    return chain;
  }

  /** Every chain opened so far (both workspaces). */
  allChains(): Chain[] {
    return [...this.chains.values()];
  }

  /** The laptop a member used at `at`, if any (none between a loss and its replacement). */
  laptopAt(member: Member, at: number): Laptop | undefined {
    return member.laptops.find((laptop) => at > laptop.from + HOUR && at < laptop.to);
  }

  byName(name: string): Member {
    const found = this.members.find((member) => member.name === name);
    if (!found) throw new Error(`no member named ${name}`);
    return found;
  }
}
