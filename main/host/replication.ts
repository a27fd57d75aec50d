// Replication in the host: answers the windows' exchanges over the bridge, and
// keeps the host's record in step with the team hub when one is joined: at
// start, on every local or window change, on the hub's live "changed" signal,
// and after failures with backoff. Offline is a normal state, not an error.
// Each hub answer tells the hub's clock: a laptop whose clock is off by more than
// receivers tolerate says so in its status (the window shows a banner), and its
// events wait here, retried, until the clock is right.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SyncStatus } from '../../common/bridge/contract';
import { DEFAULT_WORKSPACE } from '../../common/events/event';
import type { EventLog } from '../../common/sync/event-log';
import { estimateClockOffset, isClockOffBeyondBound } from '../../common/sync/clock-offset';
import { answerExchange, pullFrom, syncWith, type ExchangeFn } from '../../common/sync/exchange';
import type { AdmitEnrolment } from '../../common/sync/plan';
import { SyncRefusedError, type ExchangeRequest, type ExchangeResponse } from '../../common/sync/protocol';
import { countMissing, type VersionVector } from '../../common/sync/vector';
import { writeFileAtomic } from '../services/atomic-file';
import type { Logger } from '../services/logger';
import type { HostEvents } from './bridge-router';
import type { SecretStore } from './secret-store';

/** A window's exchanges carry smaller batches than the hub's: they cross the bridge. */
export const WINDOW_BATCH_EVENTS = 500;
const MIN_BACKOFF_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** A bound on the round trips of a pull, against a hub that never settles. */

/** Where a workspace keeps its hub: the real record's names predate exercises, so they stay as they were. */
export function hubFiles(workspace: string): { readonly config: string; readonly tokenSecret: string } {
  return workspace === DEFAULT_WORKSPACE
    ? { config: 'hub.json', tokenSecret: 'hub-token' }
    : { config: `hub-${workspace}.json`, tokenSecret: `hub-token-${workspace}` };
}

export interface HubConnection {
  readonly exchange: ExchangeFn;
  /** Calls `onChanged` whenever the hub stores new events; returns a stop function. */
  readonly subscribe: (onChanged: () => void) => () => void;
}

export type ConnectHub = (options: { url: string; workspace: string; token: string }) => HubConnection;

export interface ReplicationOptions {
  readonly dataDir: string;
  /** The workspace this replication carries; the hub serves each under its own token. */
  readonly workspace: string;
  /** The host's replica; opened on first call. */
  readonly log: () => Promise<EventLog>;
  /** The host's own device id in this record: the sponsor of the windows that enrol through it. */
  readonly deviceId: () => Promise<string>;
  readonly events: HostEvents;
  readonly secrets: SecretStore;
  readonly connectHub: ConnectHub;
  readonly logger: Logger;
  /** This computer's wall clock (the host's clock): the one its events are sealed with. */
  readonly now?: () => number;
}

const hubConfigSchema = z.strictObject({ url: z.string() });

interface ConnectedHub {
  readonly url: string;
  readonly connection: HubConnection;
  readonly unsubscribe: () => void;
}

export class Replication {
  private hub: ConnectedHub | null = null;
  private peerVector: VersionVector = {};
  private current: SyncStatus;
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private backoffMs = MIN_BACKOFF_MS;
  private isClosed = false;
  /** This computer's clock minus the hub's, as the hub's last answer told; null until one did. */
  private clockOffsetMs: number | null = null;
  private readonly now: () => number;
  private readonly files: ReturnType<typeof hubFiles>;

  constructor(private readonly options: ReplicationOptions) {
    this.now = options.now ?? Date.now;
    this.files = hubFiles(options.workspace);
    this.current = {
      state: 'disabled',
      hubUrl: null,
      workspace: options.workspace,
      waiting: 0,
      lastSyncedAt: null,
      error: null,
      clockOffsetMs: null,
      isClockOff: false,
    };
  }

  /** Resumes the hub joined in an earlier run, if any. */
  async start(): Promise<void> {
    const url = await this.readHubUrl();
    const token = await this.options.secrets.get(this.files.tokenSecret);
    if (url && token) this.connect(url, token);
  }

  status(): SyncStatus {
    return this.current;
  }

  /**
   * A window's exchange: the same protocol the hub speaks. A window enrols only as
   * a device this host sponsors: one of its own windows when at the laptop, a
   * teammate's browser (`lan`) otherwise; never as a host or a hub.
   */
  async exchangeWithWindow(request: ExchangeRequest, caller: { isAtLaptop: boolean }): Promise<ExchangeResponse> {
    const log = await this.options.log();
    const before = request.events.length > 0 ? await log.vector() : null;
    // A read-only record (a test's) has no device to sponsor anyone: it admits no enrolment.
    const sponsor = request.events.length > 0 ? await this.options.deviceId().catch(() => undefined) : undefined;
    const kind = caller.isAtLaptop ? 'window' : 'lan';
    const admit: AdmitEnrolment = (event) => {
      if (sponsor !== undefined && event.payload.kind === kind && event.payload.sponsor === sponsor) return undefined;
      return {
        code: 'not-allowed',
        message: `${event.deviceId} enrols as a ${event.payload.kind} of ${event.payload.sponsor ?? 'nobody'}; here it can only be a ${kind} of ${sponsor}`,
        eventId: event.id,
      };
    };
    const response = await answerExchange(log, request, WINDOW_BATCH_EVENTS, { admit, now: this.now });
    if (response.ok && before && countMissing(response.answer.vector, before) > 0)
      this.onLocalChange(response.answer.vector);
    return response;
  }

  /** Something new in the host's record (a window or a host service wrote). */
  onLocalChange(vector: VersionVector): void {
    this.options.events.emit('sync:changed', { workspace: this.options.workspace, vector });
    this.kick();
  }

  async join(url: string, token: string): Promise<SyncStatus> {
    const normalised = url.replace(/\/+$/, '');
    await this.options.secrets.set(this.files.tokenSecret, token);
    await writeFileAtomic(join(this.options.dataDir, this.files.config), `${JSON.stringify({ url: normalised })}\n`);
    this.connect(normalised, token);
    await this.running;
    return this.current;
  }

  async leave(): Promise<SyncStatus> {
    this.disconnect();
    await this.options.secrets.set(this.files.tokenSecret, null);
    await writeFileAtomic(join(this.options.dataDir, this.files.config), '{}\n');
    this.update({
      state: 'disabled',
      hubUrl: null,
      waiting: 0,
      error: null,
      refusal: null,
      clockOffsetMs: null,
      isClockOff: false,
    });
    return this.current;
  }

  close(): void {
    this.isClosed = true;
    this.disconnect();
  }

  private connect(url: string, token: string): void {
    this.disconnect();
    const connection = this.options.connectHub({ url, workspace: this.options.workspace, token });
    const unsubscribe = connection.subscribe(() => this.kick());
    this.hub = { url, connection, unsubscribe };
    this.peerVector = {};
    this.backoffMs = MIN_BACKOFF_MS;
    this.clockOffsetMs = null;
    this.update({ state: 'connecting', hubUrl: url, error: null, clockOffsetMs: null, isClockOff: false });
    this.kick();
  }

  private disconnect(): void {
    clearTimeout(this.retryTimer);
    this.hub?.unsubscribe();
    this.hub = null;
  }

  /** Runs one sync now, or once more after the one under way: never two at once. */
  private kick(): void {
    if (!this.hub || this.isClosed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.retryTimer);
    this.running = this.runSync().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  private async runSync(): Promise<void> {
    const hub = this.hub;
    if (!hub) return;
    const log = await this.options.log();
    const exchange = this.measuringClock(hub);
    this.update({ state: 'syncing', refusal: null });
    try {
      const outcome = await syncWith(log, exchange, { knownPeerVector: this.peerVector });
      if (this.hub !== hub) return;
      this.peerVector = outcome.peerVector;
      this.backoffMs = MIN_BACKOFF_MS;
      const after = await log.vector();
      this.update({
        state: 'online',
        waiting: countMissing(after, outcome.peerVector),
        lastSyncedAt: this.now(),
        error: null,
        ...this.clockStatus(false),
      });
      if (outcome.pulled > 0)
        this.options.events.emit('sync:changed', { workspace: this.options.workspace, vector: after });
    } catch (error) {
      if (this.hub !== hub) return;
      if (error instanceof SyncRefusedError && error.error.code === 'clock-ahead') {
        await this.whileClockRefused(hub, log, exchange, error);
        return;
      }
      const waiting = countMissing(await log.vector(), this.peerVector);
      if (error instanceof SyncRefusedError) {
        // The hub will refuse the same thing again: say why and wait for a change or a new token.
        this.options.logger.warn('the hub refused a sync', error.error);
        this.update({
          state: 'refused',
          waiting,
          error: `${error.error.code}: ${error.error.message}`,
          refusal: error.error.code,
          ...this.clockStatus(false),
        });
        return;
      }
      this.update({ state: 'offline', waiting, error: error instanceof Error ? error.message : String(error) });
      this.retryLater();
    }
  }

  /**
   * A clock more than the bound apart: the hub refused this computer's events as
   * ahead of its clock, or this host refused the hub's as ahead of its own. The
   * team's events are still pulled (they are refused only when this clock is
   * behind), which also measures the hub's clock; this computer's events stay
   * queued, and are offered again on every change and, as time or a corrected
   * clock may settle it, after a backoff.
   */
  private async whileClockRefused(
    hub: ConnectedHub,
    log: EventLog,
    exchange: ExchangeFn,
    refusal: SyncRefusedError,
  ): Promise<void> {
    this.options.logger.warn('a clock more than the bound apart stops the sync', refusal.error);
    let pulled = 0;
    try {
      pulled = await this.pullOnly(hub, log, exchange);
    } catch (error) {
      this.options.logger.debug('the pull beside a clock refusal failed too', error);
    }
    if (this.hub !== hub) return;
    const after = await log.vector();
    this.update({
      state: 'refused',
      waiting: countMissing(after, this.peerVector),
      error: `${refusal.error.code}: ${refusal.error.message}`,
      refusal: refusal.error.code,
      ...this.clockStatus(true),
    });
    if (pulled > 0) this.options.events.emit('sync:changed', { workspace: this.options.workspace, vector: after });
    this.retryLater();
  }

  /** Takes what the hub holds that this host lacks, sending nothing of its own. */
  private async pullOnly(hub: ConnectedHub, log: EventLog, exchange: ExchangeFn): Promise<number> {
    const taken = await pullFrom(log, exchange, () => this.hub !== hub);
    if (taken.peerVector && this.hub === hub) this.peerVector = taken.peerVector;
    return taken.pulled;
  }

  /** The hub's exchange, reading this computer's clock around each call to measure the hub's. */
  private measuringClock(hub: ConnectedHub): ExchangeFn {
    return async (request) => {
      const sentAt = this.now();
      const response = await hub.connection.exchange(request);
      const receivedAt = this.now();
      if (this.hub === hub && response.ok && response.answer.now !== undefined)
        this.clockOffsetMs = estimateClockOffset({ sentAt, receivedAt, peerNow: response.answer.now });
      return response;
    };
  }

  /** What the status says of the clock; `isRefused`: the last attempt failed on `clock-ahead`. */
  private clockStatus(isRefused: boolean): Pick<SyncStatus, 'clockOffsetMs' | 'isClockOff'> {
    const offset = this.clockOffsetMs;
    return { clockOffsetMs: offset, isClockOff: isRefused || (offset !== null && isClockOffBeyondBound(offset)) };
  }

  private retryLater(): void {
    this.retryTimer = setTimeout(() => this.kick(), this.backoffMs);
    this.backoffMs = Math.min(MAX_BACKOFF_MS, this.backoffMs * 2);
  }

  private update(patch: Partial<SyncStatus>): void {
    this.current = { ...this.current, ...patch };
    this.options.events.emit('sync:status', this.current);
  }

  private async readHubUrl(): Promise<string | null> {
    try {
      const parsed = hubConfigSchema.safeParse(
        JSON.parse(await readFile(join(this.options.dataDir, this.files.config), 'utf8')),
      );
      return parsed.success ? parsed.data.url : null;
    } catch {
      return null;
    }
  }
}
