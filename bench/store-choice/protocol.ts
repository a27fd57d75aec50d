// What the store-choice benchmark asks of a child process and what the child
// answers: one task per process, so that each resident-memory figure is that of
// one store in a Node process of its own, as in the host.

/** The candidates. PGlite "app" is opened as main/host/store/pglite-client.ts opens it. */
export type EngineId = 'pglite-app' | 'pglite-tuned' | 'pglite-worker' | 'better-sqlite3' | 'node-sqlite';

/** How a first open makes the empty store. */
export type FirstOpen =
  /** PostgreSQL's initdb, at run time (PGlite). */
  | 'initdb'
  /** A copy of an empty data dir made at build time (PGlite, as the app does now). */
  | 'template-copy'
  /** PGlite's `loadDataDir`: a tarball made at build time with `dumpDataDir`, unpacked by PGlite. */
  | 'load-data-dir'
  /** A new file and the schema (SQLite). */
  | 'create';

export type ChildTask =
  /** A Node process that loads nothing: the floor under every resident-memory figure. */
  | { readonly task: 'bare'; readonly idleMs: number }
  /** Opens a store in an empty `dir`, then waits `idleMs` and samples again. */
  | {
      readonly task: 'create';
      readonly engine: EngineId;
      readonly dir: string;
      readonly firstOpen: FirstOpen;
      readonly idleMs: number;
    }
  /** Opens the store a `create` left in `dir`. */
  | { readonly task: 'reopen'; readonly engine: EngineId; readonly dir: string; readonly idleMs: number }
  /** Opens the store in `dir` and appends `events` rows from `from`, `batch` rows per transaction. */
  | {
      readonly task: 'insert';
      readonly engine: EngineId;
      readonly dir: string;
      readonly from: number;
      readonly events: number;
      readonly batch: number;
    }
  /** Opens a large store and asks it what a window asks first. */
  | { readonly task: 'read'; readonly engine: EngineId; readonly dir: string; readonly events: number }
  /** Makes the build-time artefacts for PGlite: an empty data dir (`template`) and its `dumpDataDir` tarball. */
  | { readonly task: 'prepare'; readonly engine: EngineId; readonly template: string; readonly tarball: string };

export interface OpenSample {
  /** From loading the engine's module to the store answering a query. */
  readonly openMs: number;
  /** CPU time of the whole process (every thread) over the same span. */
  readonly openCpuMs: number;
  readonly rssMb: number;
}

/** An open, then a wait as an idle host. */
export interface IdleSample extends OpenSample {
  readonly idleRssMb: number;
  /** CPU spent while idle: the engine's background work (V8 optimising WASM, for PGlite). */
  readonly idleCpuMs: number;
}

export type ChildResult =
  | { readonly task: 'bare'; readonly rssMb: number; readonly idleRssMb: number; readonly sinceStartMs: number }
  | ({ readonly task: 'create' } & IdleSample)
  | ({ readonly task: 'reopen' } & IdleSample)
  | ({
      readonly task: 'insert';
      /** Time inside the store's calls only: making the rows is left out. */
      readonly insertMs: number;
      /** CPU of the whole process over the same calls: less swayed than time by a busy machine. */
      readonly insertCpuMs: number;
      /** After a full garbage collection: the rows' own garbage left out. */
      readonly insertedRssMb: number;
    } & OpenSample)
  | ({
      readonly task: 'read';
      readonly newestMs: number;
      readonly deviceAfterMs: number;
      readonly readRssMb: number;
    } & OpenSample)
  | { readonly task: 'prepare'; readonly templateMs: number };

/** The child prints its answer on one stdout line that starts with this. */
export const RESULT_PREFIX = 'store-choice-result ';

/** The app's migrations (STORE_MIGRATIONS) as JSON, passed in so that the child loads none of the app's modules. */
export const SCHEMA_ENV = 'STORE_CHOICE_PG_SCHEMA';
/** Where better-sqlite3 is installed (its package folder, or a folder with node_modules/better-sqlite3). */
export const BETTER_SQLITE3_ENV = 'BETTER_SQLITE3_DIR';
/** PGlite's build-time artefacts, for a first open by `template-copy` or `load-data-dir`. */
export const TEMPLATE_ENV = 'STORE_CHOICE_PGLITE_TEMPLATE';
export const TARBALL_ENV = 'STORE_CHOICE_PGLITE_TARBALL';
