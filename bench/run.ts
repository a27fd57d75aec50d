// `npm run bench`: runs every `*.bench.ts` module of this folder one after the
// other, each in a process of its own (so that no figure carries the memory,
// heap or compiled code an earlier benchmark left), and prints their figures
// beside their targets. A figure short of its target is reported, not failed;
// a benchmark that crashes fails the run.
//
//   npx tsx bench/run.ts               every benchmark
//   npx tsx bench/run.ts cold-start    only those whose file name contains a word given
import { fork } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatTarget, formatValue, isFigure, verdict, type Benchmark, type Figure } from './figure';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const SUFFIX = '.bench.ts';

type Outcome =
  | { readonly bench: string; readonly ok: true; readonly figures: readonly Figure[] }
  | { readonly bench: string; readonly ok: false; readonly error: string };

const ONE = '--one';

async function findBenchmarks(filters: readonly string[]): Promise<string[]> {
  const names = (await readdir(BENCH_DIR)).filter((name) => name.endsWith(SUFFIX)).sort();
  return filters.length === 0 ? names : names.filter((name) => filters.some((filter) => name.includes(filter)));
}

function isBenchmark(value: unknown): value is Benchmark {
  return typeof value === 'function';
}

async function runOne(file: string): Promise<Outcome> {
  const bench = file.slice(0, -SUFFIX.length);
  try {
    const module: unknown = await import(pathToFileURL(join(BENCH_DIR, file)).href);
    const run = (module as { default?: unknown }).default;
    if (!isBenchmark(run)) throw new Error(`${file} has no default export function`);
    const returned: unknown = await run();
    const figures: unknown[] = Array.isArray(returned) ? returned : [returned];
    const malformed = figures.find((figure) => !isFigure(figure));
    if (malformed !== undefined) throw new Error(`${file} returned a malformed figure: ${JSON.stringify(malformed)}`);
    return { bench, ok: true, figures: figures.filter(isFigure) };
  } catch (error) {
    return { bench, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

/** Runs one benchmark in a child process (with this one's loader flags) and takes its outcome. */
function runInOwnProcess(file: string): Promise<Outcome> {
  const bench = file.slice(0, -SUFFIX.length);
  return new Promise((resolve) => {
    let outcome: Outcome | null = null;
    const child = fork(fileURLToPath(import.meta.url), [ONE, file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (message) => {
      outcome = message as Outcome;
    });
    child.on('error', (error) => resolve({ bench, ok: false, error: error.message }));
    child.on('exit', (code, signal) =>
      resolve(
        outcome ?? { bench, ok: false, error: `its process ended (${signal ?? `exit code ${code}`}) with no figures` },
      ),
    );
  });
}

/** Left-aligned text columns, right-aligned numeric ones. */
function printTable(header: readonly string[], rows: readonly (readonly string[])[], rightAligned: readonly number[]) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return rightAligned.includes(column) ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(row));
}

async function main(filters: readonly string[]): Promise<number> {
  const files = await findBenchmarks(filters);
  if (files.length === 0) {
    console.error(`no benchmark matches ${filters.join(', ')} in ${BENCH_DIR}`);
    return 1;
  }

  const outcomes: Outcome[] = [];
  for (const file of files) {
    // Progress goes to stderr so that stdout carries only the table.
    console.error(`running ${file}…`);
    const started = performance.now();
    const outcome = await runInOwnProcess(file);
    console.error(`  ${outcome.ok ? 'done' : 'crashed'} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    outcomes.push(outcome);
  }

  const rows = outcomes.flatMap((outcome) =>
    outcome.ok
      ? outcome.figures.map((figure) => [
          figure.name,
          formatValue(figure.value, figure.unit),
          formatTarget(figure),
          verdict(figure),
          figure.note ?? '',
        ])
      : [[outcome.bench, '', '', 'CRASH', 'see below']],
  );
  console.log('');
  printTable(['figure', 'value', 'target', 'result', 'note'], rows, [1, 2]);

  let crashes = 0;
  for (const outcome of outcomes) {
    if (outcome.ok) continue;
    crashes += 1;
    console.error(`\n${outcome.bench} crashed:\n${outcome.error}`);
  }
  return crashes === 0 ? 0 : 1;
}

// Exit explicitly: a crashed benchmark may leave a handle open (a socket, a
// timer) that would otherwise keep the runner alive after the report.
const [first, file] = process.argv.slice(2);
if (first === ONE && file !== undefined) {
  void runOne(file).then((outcome) => process.send?.(outcome, () => process.exit(0)));
} else {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
