// Test fixture, run in a child process by pglite-durability.test.ts: opens the
// store in the data dir given, writing as the device whose key it is given (the
// same one on every start, as a host keeps its key), then appends one signed
// note per transaction forever, acknowledging each on stdout only once its
// transaction has committed.
import { importDeviceKey } from '../../services/identity/device-key';
import { openPgliteClient } from './pglite-client';
import { SqlEventStore } from './sql-event-log';
import { noteDrafts } from './test-storage';

async function main(dir: string, exportedKey: string): Promise<void> {
  const client = await openPgliteClient(dir);
  const signer = { kind: 'host', key: importDeviceKey(exportedKey), person: () => ({ name: 'Alice' }) } as const;
  const log = (await SqlEventStore.open(client, { signer })).log('durability');
  process.stdout.write(`ready fsyncs ${client.fsyncCount()}\n`);
  for (let index = 0; ; index += 1) {
    const result = await log.append(noteDrafts(1, index), Date.now());
    if (!result.ok) throw new Error(result.error.message);
    process.stdout.write(`ack ${result.events[0]?.seq} fsyncs ${client.fsyncCount()}\n`);
  }
}

const [dir, exportedKey] = process.argv.slice(2);
if (!dir || !exportedKey) throw new Error('usage: append-child.fixture.ts <dir> <PKCS#8 key, base64>');
void main(dir, exportedKey);
