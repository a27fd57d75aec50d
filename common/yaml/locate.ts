// Locating problems in an imported YAML file, shared by the importers (monitors,
// runbooks): a path named as a person reads it, the offset of the node it points
// at, and a refusal that lists every problem in file order.
import { isMap, isScalar, type Document } from 'yaml';

export type Path = readonly PropertyKey[];

/** `steps[2].command.args`: a path as a person reads it. */
export function pathLabel(path: Path): string {
  return path.reduce<string>(
    (label, part) =>
      typeof part === 'number' ? `${label}[${part}]` : label ? `${label}.${String(part)}` : String(part),
    '',
  );
}

/** The value at a path of plain data; undefined when any step is missing. */
export function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[part];
  }
  return node;
}

/** Where a path points in the source: the key when one is named, else the deepest node that exists. */
export function offsetOf(document: Document, path: Path, key?: string): number {
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node: unknown = depth === 0 ? document.contents : document.getIn(path.slice(0, depth), true);
    if (node === undefined || node === null) continue;
    if (key !== undefined && depth === path.length && isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
    }
    const range = (node as { range?: readonly number[] | null }).range;
    if (range?.[0] !== undefined) return range[0];
  }
  return 0;
}

/** A whole file refused: its problems in file order, the first one to show. */
export function refuseInOrder<P extends { readonly line: number; readonly column: number }>(
  problems: readonly P[],
): { readonly ok: false; readonly error: P; readonly errors: readonly P[] } {
  const ordered = [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
  const [first] = ordered;
  // Callers refuse only with a problem in hand; an empty list is a bug here.
  if (first === undefined) throw new Error('a refusal needs a problem');
  return { ok: false, error: first, errors: ordered };
}
