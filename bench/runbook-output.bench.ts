// Command output into the terminal pane, end to end: a real host (the web
// host, the runbook runner, real child processes) streams over the real bridge
// to xterm.js in Chromium, through the window's flow control. Figures: MB/s
// rendered with every byte accounted for (size and SHA-256 against the host's
// evidence), and input echo latency in the same window while `yes` runs.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { createHost } from '../main/host/host';
import { startWebHost } from '../main/host/web-host';
import { testHostOptions } from '../test/support/test-host';
import { max, median, min, type Figure } from './figure';
import { seedRun } from '../test/support/seed-run';
import { BENCH_RUN_ID, benchCommand, type OutputRun } from './browser/terminal-output-api';
import { chromiumLaunchOptions } from './support/chromium';
import { withTempDir } from './support/temp-dir';

const PAGE_DIR = fileURLToPath(new URL('./browser', import.meta.url));
const PAGE = 'terminal-output.html';
const OUTPUT_MB = 64;
const RUNS = 3;
const KEYSTROKES = 40;
const TIMEOUT_MS = 120_000;

/** 64 MiB of 80-column text lines, as a chatty command prints them. */
const TEXT_SCRIPT = `
  const line = 'x'.repeat(73);
  const lines = [];
  for (let n = 0; n < 1024; n += 1) lines.push(String(n).padStart(6, '0') + ' ' + line);
  const block = Buffer.from(lines.join('\\n') + '\\n');
  let left = Math.ceil(${OUTPUT_MB} * 1024 * 1024 / block.length);
  const write = () => { while (left > 0) { left -= 1; if (!process.stdout.write(block)) return process.stdout.once('drain', write); } };
  write();`;

async function bundlePage(outDir: string): Promise<void> {
  await build({
    root: PAGE_DIR,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4096,
      rollupOptions: {
        input: join(PAGE_DIR, PAGE),
        onwarn: (warning, warn) => {
          if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
        },
      },
    },
  });
}

function mbPerSecond(run: OutputRun): number {
  return run.written / (1024 * 1024) / (run.ms / 1000);
}

function percentile(values: readonly number[], p: number): number {
  const ordered = [...values].sort((a, b) => a - b);
  return ordered[Math.min(ordered.length - 1, Math.ceil((p / 100) * ordered.length) - 1)] ?? Number.NaN;
}

export default function runbookOutput(): Promise<Figure[]> {
  return withTempDir('terminal-page', (outDir) =>
    withTempDir('terminal-host', async (dataDir) => {
      await bundlePage(outDir);
      const host = await createHost(testHostOptions(dataDir));
      const seeded = await seedRun(
        host,
        [
          ...Array.from({ length: RUNS }, (_, run) => ({
            id: `text-${run}`,
            kind: 'command' as const,
            title: `${OUTPUT_MB} MiB of text`,
            command: benchCommand(process.execPath, ['-e', TEXT_SCRIPT]),
          })),
          { id: 'yes', kind: 'command' as const, title: 'yes', command: benchCommand('yes', []) },
        ],
        { runId: BENCH_RUN_ID },
      );
      const web = await startWebHost({ host, rendererDir: outDir, port: 0 });
      const browser = await chromium.launch(chromiumLaunchOptions());
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        const pageErrors: string[] = [];
        page.on('pageerror', (error) => pageErrors.push(error.message));
        await page.goto(`${web.url}${PAGE}`, { timeout: TIMEOUT_MS });
        await page
          .waitForFunction(() => window.terminalOutputBench !== undefined, undefined, { timeout: TIMEOUT_MS })
          .catch((error: unknown) => {
            throw new Error(`the bench page did not start: ${pageErrors.join('; ') || String(error)}`);
          });

        await page.evaluate((id) => window.terminalOutputBench!.useIncident(id), seeded.incidentId);
        const runs: OutputRun[] = [];
        for (let run = 0; run < RUNS; run += 1) {
          runs.push(
            await page.evaluate(
              ({ stepId, program, script }) => window.terminalOutputBench!.run(stepId, program, ['-e', script]),
              { stepId: `text-${run}`, program: process.execPath, script: TEXT_SCRIPT },
            ),
          );
        }
        const lost = runs.filter((run) => run.written !== run.recorded || !run.isSameHash).length;
        const rates = runs.map(mbPerSecond);

        // Responsiveness while a runaway command prints as fast as it can.
        await page.evaluate(() => window.terminalOutputBench!.start('yes', 'yes', []));
        await page.focus('#echo');
        const latencies: number[] = [];
        for (let key = 1; key <= KEYSTROKES; key += 1) {
          const started = performance.now();
          await page.keyboard.press('x');
          await page.waitForFunction(
            (length) => (document.getElementById('echo') as HTMLInputElement).value.length >= length,
            key,
          );
          latencies.push(performance.now() - started);
        }
        const yes = await page.evaluate(() => window.terminalOutputBench!.stop());
        const renderer = runs[0]?.renderer ?? 'dom';
        const format = (rate: number) => rate.toFixed(1);
        return [
          {
            name: `Command output into the terminal pane (${OUTPUT_MB} MiB of text, ${renderer} renderer)`,
            value: median(rates),
            unit: 'MB/s',
            target: 25,
            better: 'higher',
            note: `median of ${RUNS} runs (min ${format(min(rates))}, max ${format(max(rates))}); ${lost === 0 ? 'no byte lost: size and SHA-256 match the host’s evidence in every run' : `${lost} run(s) LOST BYTES`}`,
          },
          {
            name: 'Input echo while `yes` runs, 95th percentile',
            value: percentile(latencies, 95),
            unit: 'ms',
            target: 100,
            better: 'lower',
            note: `${KEYSTROKES} keystrokes; median ${median(latencies).toFixed(1)} ms, max ${max(latencies).toFixed(1)} ms; ${(yes.written / (1024 * 1024)).toFixed(0)} MiB of \`yes\` rendered meanwhile, ${yes.written === yes.recorded && yes.isSameHash ? 'none lost' : 'BYTES LOST'}`,
          },
        ];
      } finally {
        await browser.close();
        await web.close();
        await host.close();
      }
    }),
  );
}
