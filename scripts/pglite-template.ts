// Makes the empty embedded database a first start copies instead of running
// PostgreSQL's initdb (seconds, and hundreds of MB): `out/pglite-template`, or
// the directory given. Kept when the PGlite that made it is the one installed.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makePgliteTemplate } from '../main/host/store/pglite-client';

async function pgliteVersion(): Promise<string> {
  const manifest = JSON.parse(
    await readFile(join(__dirname, '..', 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
  ) as { version?: string };
  return manifest.version ?? 'unknown';
}

async function main(dir: string): Promise<void> {
  const version = await pgliteVersion();
  const stamp = join(dir, 'made-by');
  const made = await readFile(stamp, 'utf8').catch(() => '');
  if (made === version) return;
  const started = performance.now();
  await makePgliteTemplate(dir);
  await writeFile(stamp, version);
  console.log(`pglite-template: an empty database in ${dir} (${Math.round(performance.now() - started)} ms)`);
}

main(process.argv[2] ?? join(__dirname, '..', 'out', 'pglite-template')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
