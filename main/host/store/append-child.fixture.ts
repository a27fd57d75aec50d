// Test fixture, run in a child process by pglite-durability.test.ts: opens the
// store in the data dir given, then appends one note per transaction forever,
// acknowledging each on stdout only once its transaction has committed.
import { openPgliteClient } from './pglite-client';
import { SqlEventStore } from './sql-event-log';
import { noteDrafts } from './test-storage';

async function main(dir: string): Promise<void> {
  const client = await openPgliteClient(dir);
  const log = (await SqlEventStore.open(client)).log('durability');
  process.stdout.write(`ready fsyncs ${client.fsyncCount()}\n`);
  for (let index = 0; ; index += 1) {
    const result = await log.append(noteDrafts(1, index), Date.now());
    if (!result.ok) throw new Error(result.error.message);
    process.stdout.write(`ack ${result.events[0]?.seq} fsyncs ${client.fsyncCount()}\n`);
  }
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: append-child.fixture.ts <dir>');
void main(dir);
