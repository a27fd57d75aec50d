// Paths into parsed YAML documents, shared by the importers (monitors, runbooks)
// that point at the line of a problem and name its field.

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
