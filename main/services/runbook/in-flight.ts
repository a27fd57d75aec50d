// The steps this host is running, kept in a small file beside the store. A
// step's start reaches the record ("running") before its process is launched,
// and its end only when the process ends; if the host dies between the two
// (a crash, a killed process, a laptop out of battery), the record would show
// the step running forever and the host would refuse to run it again. On the
// next start the host reads this file and records each step left in it as
// failed, interrupted.
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file';
import type { Logger } from '../logger';

const entrySchema = z.strictObject({
  execId: z.string().min(1).max(64),
  incidentId: z.string().min(1).max(64),
  runId: z.string().min(1).max(64),
  stepId: z.string().min(1).max(64),
  actor: z.string().max(200),
  kind: z.enum(['command', 'http', 'wait']),
  /** What ran, as the evidence shows it: program and arguments, method and URL, or the monitor. */
  program: z.string().max(500).optional(),
  args: z.array(z.string().max(4_000)).max(64).optional(),
  method: z.string().max(10).optional(),
  url: z.string().max(2_000).optional(),
  monitor: z.string().max(200).optional(),
  until: z.enum(['up', 'down']).optional(),
  startedAt: z.number().int().min(0),
});
export type InFlightEntry = z.infer<typeof entrySchema>;

const fileSchema = z.strictObject({ version: z.literal(1), entries: z.array(entrySchema) });

export const IN_FLIGHT_FILE = 'runbook-in-flight.json';

export class InFlightJournal {
  private readonly path: string;
  private readonly entries = new Map<string, InFlightEntry>();
  /** Writes go one at a time, each with the whole current list. */
  private writing: Promise<void> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.path = join(dataDir, IN_FLIGHT_FILE);
  }

  /** Read once, before the first write, so a step started early never overwrites what was left. */
  private loaded: Promise<InFlightEntry[]> | null = null;

  /**
   * The steps a previous run of the host left running. They stay written down
   * until `settle` removes each, once the caller has recorded them. An
   * unreadable file is set aside (renamed, never deleted) and reads as none.
   */
  takeLeftOver(): Promise<InFlightEntry[]> {
    return this.load();
  }

  private load(): Promise<InFlightEntry[]> {
    this.loaded ??= this.read().then((left) => {
      for (const entry of left) this.entries.set(entry.execId, entry);
      return left;
    });
    return this.loaded;
  }

  private async read(): Promise<InFlightEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      return fileSchema.parse(JSON.parse(text)).entries;
    } catch (error) {
      const aside = `${this.path}.unreadable-${Date.now()}`;
      this.logger.error(`${this.path} is unreadable; it is kept as ${aside}`, error);
      await rename(this.path, aside);
      return [];
    }
  }

  /** Resolves once the step is on disk; a launch waits for it. */
  async add(entry: InFlightEntry): Promise<void> {
    await this.load();
    this.entries.set(entry.execId, entry);
    await this.flush();
  }

  /** The step's end is in the record: it is no longer in flight. */
  settle(execId: string): Promise<void> {
    if (!this.entries.delete(execId)) return Promise.resolve();
    return this.flush();
  }

  private flush(): Promise<void> {
    const write = async () => {
      const content = JSON.stringify({ version: 1, entries: [...this.entries.values()] });
      await writeFileAtomic(this.path, content);
    };
    const next = this.writing.then(write, write);
    this.writing = next.catch(() => undefined);
    return next;
  }
}
