// Test fixture, run in a child process by runbook-interrupted.test.ts: a host
// on the real store of the data dir given starts a long command step, says
// "running" once the record shows it, and waits to be killed.
import { seedRun } from '../../test/support/seed-run';
import { testHostOptions } from '../../test/support/test-host';
import { createHost } from './host';
import { openHostStore } from './host-store';
import { createLogger } from '../services/logger';

async function main(dir: string, pidFile: string): Promise<void> {
  const host = await createHost(
    testHostOptions(dir, { openLog: (identity) => openHostStore(dir, createLogger('store'), identity) }),
  );
  const command = {
    program: process.execPath,
    args: [
      '-e',
      `require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`,
    ],
  };
  const { incidentId } = await seedRun(host, [{ id: 'long', kind: 'command', title: 'Long', command }]);
  const result = await host.route('runbook:run-step', {
    execId: 'exec-killed',
    incidentId,
    runId: 'run-1',
    stepId: 'long',
    actor: 'Alice',
    dryRun: false,
    action: { kind: 'command', command: { ...command, timeoutSeconds: 300, expectExit: 0 } },
    after: {},
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  const log = await host.log();
  for (;;) {
    const events = await log.eventsBeyond({}, 1_000);
    if (events.some((event) => event.type === 'runbook.step-changed' && event.payload.status === 'running')) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.stdout.write(`running ${incidentId}\n`);
}

const [dir, pidFile] = process.argv.slice(2);
if (!dir || !pidFile) throw new Error('usage: run-step-child.fixture.ts <dir> <pid file>');
main(dir, pidFile).catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
