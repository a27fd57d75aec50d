// `npm run seed -- --events 1000000 --data-dir <dir> [--seed 42] [--until <ISO date or ms>] [--live-monitors]`:
// writes a year of a team's use of the war-room into a new data dir, for
// benchmarks (bench/seed/README.md). Progress goes to stderr, one line per
// tenth; the last line is the summary.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDataDir } from './seed';
import { MIN_EVENTS } from './workload';

const USAGE =
  'usage: npm run seed -- --events <n> --data-dir <dir> [--seed <n>] [--until <ISO date or ms>] [--live-monitors]';
/** The year ends a minute ago: no event is in the future for the host that opens it, even on a slow machine. */
const END_MARGIN_MS = 60_000;

function parseWhole(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(value)) throw new Error(`--${name} must be a whole number, not "${text}"`);
  return value;
}

function parseUntil(text: string | undefined): number {
  if (text === undefined) return Date.now() - END_MARGIN_MS;
  const value = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(value)) throw new Error(`--until must be an ISO date or milliseconds, not "${text}"`);
  if (value > Date.now()) throw new Error('--until is in the future: receivers refuse clocks ahead of theirs');
  return value;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      events: { type: 'string' },
      'data-dir': { type: 'string' },
      seed: { type: 'string' },
      until: { type: 'string' },
      'live-monitors': { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values['data-dir'] === undefined) throw new Error(USAGE);
  const dataDir = resolve(values['data-dir']);
  const events = parseWhole('events', values.events, 1_000_000);
  if (events < MIN_EVENTS) throw new Error(`--events must be at least ${MIN_EVENTS}`);
  const options = {
    events,
    seed: parseWhole('seed', values.seed, 42),
    until: parseUntil(values.until),
    isLive: values['live-monitors'],
  };
  process.stderr.write(
    `seed: ${events.toLocaleString('en-US')} events, seed ${options.seed}, year ending ${new Date(options.until).toISOString()}, into ${dataDir}\n`,
  );
  const summary = await seedDataDir(dataDir, options, ({ written, total, seconds }) =>
    process.stderr.write(
      `seed: ${written.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} events (${Math.round((100 * written) / total)}%), ${seconds.toFixed(1)} s\n`,
    ),
  );
  const { expected } = summary;
  const devices = expected.devices.default + expected.devices.exercise;
  process.stderr.write(
    `seed: done: ${expected.events.toLocaleString('en-US')} events, ${expected.incidents.toLocaleString('en-US')} incidents ` +
      `(${expected.openIncidents} open; the longest ${expected.longIncident.entries.toLocaleString('en-US')} entries), ` +
      `${expected.monitors.toLocaleString('en-US')} monitors, ${expected.exercises} exercises, ${devices} devices, ` +
      `${mebibytes(summary.bytes)} in ${dataDir}, ${summary.seconds.toFixed(1)} s\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`seed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
