// A list whose versions share their storage, for the incident timeline: every
// state snapshot holds its own version, a new entry costs the same at ten
// entries as at a million, and a snapshot taken before an entry keeps showing
// what it showed (React and the stores compare snapshots by reference).
//
// Items sit in chunks of CHUNK. The chunks, and the list of chunks, only ever
// grow at their end, and each version remembers how many items are its own:
// appending to the newest version is a push, and items pushed by a later
// version lie beyond an older version's length, where it never looks. A
// version that is not the newest (another has grown from it) copies its last
// chunk and the chunk list before it grows: O(length / CHUNK + CHUNK), once per
// branch. Replacing an item copies its chunk and the chunk list, never the items.
//
// It reads like a readonly array (length, at, slice, iteration, map, filter…)
// but is not one: no `[index]` (the compiler says so), `Array.isArray` is false,
// and `structuredClone` keeps only its length. `toJSON` gives the items.

/** Reading a list in order and by position: a readonly array is one, and so is a PersistentList. */
export interface ListView<T> extends Iterable<T> {
  readonly length: number;
  at(index: number): T | undefined;
  some(predicate: (item: T, index: number) => unknown): boolean;
}

/** Items per chunk: a power of two, so that positions split with a shift and a mask. */
const CHUNK_BITS = 10;
const CHUNK = 1 << CHUNK_BITS;
const IN_CHUNK = CHUNK - 1;

export class PersistentList<T> implements ListView<T> {
  readonly length: number;
  // Private (#) so that deep equality, structuredClone and JSON see neither the
  // chunks nor the items a later version appended to them.
  readonly #chunks: T[][];

  private constructor(chunks: T[][], length: number) {
    this.#chunks = chunks;
    this.length = length;
  }

  static of<T>(...items: T[]): PersistentList<T> {
    return PersistentList.from(items);
  }

  static from<T>(items: Iterable<T>): PersistentList<T> {
    let list = new PersistentList<T>([], 0);
    for (const item of items) list = list.append(item);
    return list;
  }

  /** This list with `item` at its end; this list itself does not change. */
  append(item: T): PersistentList<T> {
    const length = this.length;
    const offset = length & IN_CHUNK;
    const index = length >>> CHUNK_BITS;
    let chunks = this.#chunks;
    if (offset === 0) {
      // Full chunks never change, so only the chunk list can have grown past us.
      if (chunks.length !== index) chunks = chunks.slice(0, index);
      chunks.push([item]);
    } else {
      let chunk = chunks[index] as T[];
      if (chunk.length !== offset || chunks.length !== index + 1) {
        chunk = chunk.slice(0, offset);
        chunks = chunks.slice(0, index);
        chunks.push(chunk);
      }
      chunk.push(item);
    }
    return new PersistentList(chunks, length + 1);
  }

  /** This list with the item at `index` replaced (as `Array.prototype.with`); this list itself does not change. */
  with(index: number, item: T): PersistentList<T> {
    const at = index < 0 ? index + this.length : index;
    if (!Number.isInteger(at) || at < 0 || at >= this.length) throw new RangeError(`no item at ${index}`);
    const count = ((this.length - 1) >>> CHUNK_BITS) + 1;
    const chunks = this.#chunks.slice(0, count);
    const chunkIndex = at >>> CHUNK_BITS;
    const chunk = (chunks[chunkIndex] as T[]).slice(0, Math.min(CHUNK, this.length - (chunkIndex << CHUNK_BITS)));
    chunk[at & IN_CHUNK] = item;
    chunks[chunkIndex] = chunk;
    return new PersistentList(chunks, this.length);
  }

  /** The item at `index`, counting from the end when negative (as `Array.prototype.at`). */
  at(index: number): T | undefined {
    const relative = Math.trunc(index) || 0;
    const at = relative < 0 ? relative + this.length : relative;
    if (at < 0 || at >= this.length) return undefined;
    return this.#chunks[at >>> CHUNK_BITS]?.[at & IN_CHUNK];
  }

  /** Calls `visit` on each item, oldest first, until it returns true: the index it stopped at, or -1. */
  #scan(visit: (item: T, index: number) => unknown): number {
    const chunks = this.#chunks;
    const length = this.length;
    for (let start = 0; start < length; start += CHUNK) {
      const chunk = chunks[start >>> CHUNK_BITS] as T[];
      const end = Math.min(CHUNK, length - start);
      for (let offset = 0; offset < end; offset += 1) {
        if (visit(chunk[offset] as T, start + offset) === true) return start + offset;
      }
    }
    return -1;
  }

  [Symbol.iterator](): IterableIterator<T> {
    return new ListIterator(this.#chunks, this.length);
  }

  /** The items from `start` to `end` (exclusive) as a new array, as `Array.prototype.slice`. */
  slice(start = 0, end = this.length): T[] {
    const from = clamp(start, this.length);
    const to = clamp(end, this.length);
    const chunks = this.#chunks;
    // Sized up front: pushing a million items one by one costs several times more.
    const items = new Array<T>(Math.max(0, to - from));
    for (let index = from; index < to;) {
      const chunk = chunks[index >>> CHUNK_BITS] as T[];
      const stop = Math.min(to, ((index >>> CHUNK_BITS) + 1) << CHUNK_BITS);
      for (let offset = index & IN_CHUNK; index < stop; index += 1, offset += 1) {
        items[index - from] = chunk[offset] as T;
      }
    }
    return items;
  }

  map<U>(project: (item: T, index: number) => U): U[] {
    const items: U[] = [];
    this.#scan((item, index) => {
      items.push(project(item, index));
    });
    return items;
  }

  filter<S extends T>(predicate: (item: T, index: number) => item is S): S[];
  filter(predicate: (item: T, index: number) => unknown): T[];
  filter(predicate: (item: T, index: number) => unknown): T[] {
    const items: T[] = [];
    this.#scan((item, index) => {
      if (predicate(item, index)) items.push(item);
    });
    return items;
  }

  flatMap<U>(project: (item: T, index: number) => U | readonly U[]): U[] {
    const items: U[] = [];
    this.#scan((item, index) => {
      const projected = project(item, index);
      if (isReadonlyArray(projected)) items.push(...projected);
      else items.push(projected);
    });
    return items;
  }

  some(predicate: (item: T, index: number) => unknown): boolean {
    return this.#scan((item, index) => Boolean(predicate(item, index))) >= 0;
  }

  find<S extends T>(predicate: (item: T, index: number) => item is S): S | undefined;
  find(predicate: (item: T, index: number) => unknown): T | undefined;
  find(predicate: (item: T, index: number) => unknown): T | undefined {
    const index = this.#scan((item, at) => Boolean(predicate(item, at)));
    return index < 0 ? undefined : this.at(index);
  }

  /** The index of the newest item that passes, or -1 (as ES2023's `findLastIndex`), reading from the end. */
  findLastIndex(predicate: (item: T, index: number) => unknown): number {
    for (let index = this.length - 1; index >= 0; index -= 1) {
      if (predicate(this.#chunks[index >>> CHUNK_BITS]?.[index & IN_CHUNK] as T, index)) return index;
    }
    return -1;
  }

  toJSON(): T[] {
    return this.slice();
  }
}

/** A plain iterator rather than a generator: `for…of` over a 100,000-entry timeline is on the typing path. */
class ListIterator<T> implements IterableIterator<T> {
  readonly #chunks: readonly (readonly T[])[];
  readonly #length: number;
  #chunk: readonly T[] = [];
  /** Index of the next item in the list, and in its chunk. */
  #index = 0;
  #offset = CHUNK;

  constructor(chunks: readonly (readonly T[])[], length: number) {
    this.#chunks = chunks;
    this.#length = length;
  }

  next(): IteratorResult<T> {
    if (this.#index >= this.#length) return { done: true, value: undefined };
    if (this.#offset === CHUNK) {
      this.#chunk = this.#chunks[this.#index >>> CHUNK_BITS] ?? [];
      this.#offset = 0;
    }
    this.#index += 1;
    return { done: false, value: this.#chunk[this.#offset++] as T };
  }

  [Symbol.iterator](): IterableIterator<T> {
    return this;
  }
}

function clamp(position: number, length: number): number {
  const at = Math.trunc(position) || 0;
  return at < 0 ? Math.max(0, length + at) : Math.min(at, length);
}

// Array.isArray narrows a `readonly U[]` union member to `any[]`; this keeps it typed.
function isReadonlyArray<U>(value: U | readonly U[]): value is readonly U[] {
  return Array.isArray(value);
}
