// Hub ingest into PostgreSQL: several laptops push their own events at once
// through a hub process (the built `out/main/hub.js`) over loopback, in full
// batches; the hub verifies every event (parse, hash, chain) and stores each
// batch in one transaction. Events are sealed beforehand, and every request
// names all devices' final seqs, so the hub sends nothing back: what is timed is
// ingest alone. Needs PostgreSQL (BENCH_DATABASE_URL or
// WARROOM_TEST_DATABASE_URL); without it the benchmark says so and reports nothing.
import type { WarEvent } from '../common/events/event';
import { MAX_BATCH_EVENTS } from '../common/sync/protocol';
import type { VersionVector } from '../common/sync/vector';
import { createHubExchange } from '../main/host/hub/hub-client';
import { noteDrafts } from '../main/host/store/test-storage';
import { signedDevice } from '../test/support/signed-device';
import { max, median, min, type Figure } from './figure';
import { withTempDir } from './support/temp-dir';
import { benchDatabaseUrl, startBenchHub } from './sync.bench';

const WORKSPACE = 'ingest';
const DEVICES = 4;
const EVENTS_PER_DEVICE = 25_000;
const RUNS = 3;
const TARGET = 20_000;

/** Each device's chain, sealed once and reused: every run starts from an empty hub. */
function sealChains(): WarEvent[][] {
  const start = Date.now();
  return Array.from({ length: DEVICES }, (_, device) =>
    signedDevice(`laptop ${device}`, { workspace: WORKSPACE }).write(noteDrafts(EVENTS_PER_DEVICE), start + device),
  );
}

/** One run: a fresh hub, every device pushing its chain at once; events stored per second. */
async function ingestOnce(chains: readonly WarEvent[][]): Promise<number> {
  return withTempDir('hub-ingest', async (dir) => {
    const hub = await startBenchHub(dir, WORKSPACE);
    try {
      const exchange = createHubExchange({ url: hub.process.url, workspace: WORKSPACE, token: hub.token });
      const everything: VersionVector = Object.fromEntries(
        chains.map((chain) => [chain[0]?.deviceId ?? '', chain.length]),
      );
      const started = performance.now();
      await Promise.all(
        chains.map(async (chain) => {
          for (let from = 0; from < chain.length; from += MAX_BATCH_EVENTS) {
            const events = chain.slice(from, from + MAX_BATCH_EVENTS);
            const response = await exchange({ workspace: WORKSPACE, vector: everything, events });
            if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const final = await exchange({ workspace: WORKSPACE, vector: everything, events: [] });
      const held = final.ok ? Object.values(final.answer.vector).reduce((sum, seq) => sum + seq, 0) : 0;
      // Each laptop's chain opens with its enrolment.
      if (held !== DEVICES * (EVENTS_PER_DEVICE + 1)) throw new Error(`the hub holds ${held} events`);
      return held / seconds;
    } finally {
      await hub.close();
    }
  });
}

export default async function hubBench(): Promise<Figure[]> {
  if (!benchDatabaseUrl()) {
    console.error('hub ingest skipped: set BENCH_DATABASE_URL or WARROOM_TEST_DATABASE_URL to a PostgreSQL server');
    return [];
  }
  const chains = sealChains();
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run += 1) rates.push(await ingestOnce(chains));
  const format = (rate: number) => Math.round(rate).toLocaleString('en-US');
  return [
    {
      name: 'hub ingest into PostgreSQL',
      value: median(rates),
      unit: 'events/s',
      target: TARGET,
      better: 'higher',
      note:
        `${DEVICES} laptops × ${EVENTS_PER_DEVICE.toLocaleString('en-US')} events at once, one hub process; ` +
        `median of ${RUNS}, min ${format(min(rates))}, max ${format(max(rates))}`,
    },
  ];
}
