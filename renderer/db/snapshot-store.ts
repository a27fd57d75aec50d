// The window's folded state between visits, so a reload folds only what is new
// (a year of history opens without reading it). Kept in an IndexedDB database
// of its own beside the record's: a snapshot is a cache, dropped freely. One is
// taken up only when the code that folded it is the code running (the bundle's
// own address changes with every build) and the record still holds, for every
// device, the very event the snapshot was folded up to.
import Dexie, { type Table } from 'dexie';
import type { StateSnapshot } from '../../common/domain/state-snapshot';

export interface SnapshotRow {
  readonly key: 'fold';
  /** The code that folded it. */
  readonly build: string;
  /** Per device, the last seq folded in, and that event's hash. */
  readonly vector: Readonly<Record<string, number>>;
  readonly hashes: Readonly<Record<string, string>>;
  readonly state: StateSnapshot;
}

class SnapshotDatabase extends Dexie {
  snapshots!: Table<SnapshotRow, string>;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ snapshots: 'key' });
  }
}

export class SnapshotStore {
  private readonly db: SnapshotDatabase;

  constructor(recordName: string) {
    this.db = new SnapshotDatabase(`${recordName}-snapshot`);
  }

  /** The snapshot folded by `build`, or undefined (none, another build's, or unreadable). */
  async load(build: string): Promise<SnapshotRow | undefined> {
    try {
      const row = await this.db.snapshots.get('fold');
      return row?.build === build ? row : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps `row` in place of the last one; a snapshot that cannot be kept is only a slower next visit. */
  async save(row: SnapshotRow): Promise<boolean> {
    try {
      await this.db.snapshots.put(row);
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    this.db.close();
  }
}
