// The small JSON path subset that health checks need: `$.status`,
// `$.checks[0].ok`, `$["odd key"]`. Anything richer belongs in the service.
export type JsonPathResult = { readonly found: true; readonly value: unknown } | { readonly found: false };

const SEGMENT = /\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["([^"]*)"\]/y;

/** The segments of a path, or null when it is not in the subset. */
export function parseJsonPath(path: string): (string | number)[] | null {
  if (!path.startsWith('$')) return null;
  const segments: (string | number)[] = [];
  SEGMENT.lastIndex = 1;
  while (SEGMENT.lastIndex < path.length) {
    const start = SEGMENT.lastIndex;
    const match = SEGMENT.exec(path);
    if (match === null || SEGMENT.lastIndex === start) return null;
    segments.push(match[1] ?? (match[2] !== undefined ? Number(match[2]) : (match[3] ?? '')));
  }
  return segments;
}

export function readJsonPath(document: unknown, path: string): JsonPathResult {
  const segments = parseJsonPath(path);
  if (segments === null) return { found: false };
  let node = document;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(node) || segment >= node.length) return { found: false };
      node = node[segment];
    } else {
      if (typeof node !== 'object' || node === null || Array.isArray(node) || !Object.hasOwn(node, segment)) {
        return { found: false };
      }
      node = (node as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: node };
}
