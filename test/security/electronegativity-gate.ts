// `npm run audit:electron`: Doyensec Electronegativity over the desktop shell,
// failing on any finding of medium severity or above. It scans what decides
// the shell's security, together, so that its global checks (navigation limits,
// permission handler, CSP) see the whole app: the main process sources, the
// preload, and the built page. Tests are left out: they hold hostile strings on
// purpose. A finding reviewed and kept is marked where it stands with the tool's
// own `// eng-disable CHECK_ID` comment, never excluded here.
import { createRequire } from 'node:module';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const ROOT = join(__dirname, '..', '..');
/** The Electron we ship (package.json); the tool would otherwise ask the network. */
const ELECTRON_VERSION: string = (
  require(join(ROOT, 'node_modules', 'electron', 'package.json')) as { version: string }
).version;

interface Level {
  readonly name: string;
  readonly value: number;
}

interface Issue {
  readonly id: string;
  readonly severity: Level;
  readonly confidence: Level;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly sample?: string;
  readonly description: string;
}

type Run = (options: Record<string, unknown>) => Promise<{ issues: Issue[]; errors: unknown[] }>;
const run = require('@doyensec/electronegativity') as Run;

/** Electronegativity's own scale: informational 0, low 1, medium 2, high 3. */
const MEDIUM = 2;

export interface Audit {
  readonly issues: readonly Issue[];
  /** Findings of medium severity or above: each fails `npm test`. */
  readonly blocking: readonly Issue[];
  readonly parseErrors: number;
}

/** Runs Electronegativity over one folder holding the whole shell. */
export async function auditFolder(input: string): Promise<Audit> {
  const result = await run({
    input,
    isRelative: true,
    severitySet: 'informational',
    confidenceSet: 'tentative',
    electronVersionOverride: ELECTRON_VERSION,
    // It fetches Electron's release list from GitHub; `npm audit` and updates cover that.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
    customScan: [],
    parserPlugins: [],
  });
  return {
    issues: result.issues,
    blocking: result.issues.filter((issue) => issue.severity.value >= MEDIUM),
    parseErrors: result.errors.length,
  };
}

/** Copies what decides the shell's security into one folder, and audits it. */
export async function auditShell(
  root: string = ROOT,
  page: string = join(root, 'out', 'renderer', 'index.html'),
): Promise<Audit> {
  const stage = await mkdtemp(join(tmpdir(), 'warroom-electronegativity-'));
  try {
    const isSource = (source: string) => !/\.(test|spec)\.tsx?$/.test(source) && !source.includes('fixture');
    await cp(join(root, 'main'), join(stage, 'main'), { recursive: true, filter: isSource });
    await cp(join(root, 'preload'), join(stage, 'preload'), { recursive: true, filter: isSource });
    await cp(page, join(stage, 'renderer', 'index.html'));
    return await auditFolder(stage);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  const { issues, blocking, parseErrors } = await auditShell();
  for (const issue of issues) {
    const where = `${issue.file}:${issue.location.line}:${issue.location.column}`;
    const mark = issue.severity.value >= MEDIUM ? 'FAIL' : 'note';
    process.stdout.write(`${mark} ${issue.id} (${issue.severity.name}, ${issue.confidence.name}) ${where}\n`);
    process.stdout.write(`     ${issue.description}\n`);
  }
  if (parseErrors > 0) {
    process.stderr.write(`Electronegativity could not parse ${parseErrors} file(s)\n`);
    return 1;
  }
  process.stdout.write(
    blocking.length === 0
      ? `Electronegativity (Electron ${ELECTRON_VERSION}): no finding of medium severity or above.\n`
      : `Electronegativity: ${blocking.length} finding(s) of medium severity or above.\n`,
  );
  return blocking.length === 0 ? 0 : 1;
}

// Run as a script (`tsx test/security/electronegativity-gate.ts`), not when a test imports it.
if (process.argv[1] && /electronegativity-gate\.ts$/.test(process.argv[1]))
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
