// The sealing half of the seed, run as a child process so that making and
// signing the events (one core) overlaps with the store checking and writing
// them (the other). Given the workload options as JSON in argv, it writes on
// stdout one line with what the plan counts and the key of the laptop whose
// data dir it is, then every sealed event, one JSON line each, in the
// record's order. A full pipe holds it back: it never runs far ahead of the store.
import { once } from 'node:events';
import { planWorkload, type SealHeader, type WorkloadOptions } from './workload';

/** Lines are written a megabyte at a time. */
const CHUNK_CHARS = 1 << 20;

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

async function main(argument: string | undefined): Promise<void> {
  const options = JSON.parse(argument ?? 'null') as WorkloadOptions;
  const workload = planWorkload(options);
  const header: SealHeader = {
    expected: workload.expected,
    key: workload.own.key.exported,
    person: workload.own.person,
  };
  let chunk = `${JSON.stringify(header)}\n`;
  for (const event of workload.events()) {
    chunk += `${JSON.stringify(event)}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
