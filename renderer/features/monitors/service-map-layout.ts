// Where each monitor goes on the service map: a tree by parent, roots on the
// left, each child one column to the right, one row per monitor in depth-first
// order, so a failing parent sits visibly left of what it takes down.
// A missing parent or a cycle makes a monitor a root rather than losing it.
export interface MapInput {
  readonly id: string;
  readonly parent?: string;
}

export interface MapPlacement {
  readonly id: string;
  readonly column: number;
  readonly row: number;
  readonly parent?: string;
}

export function layoutServiceMap(nodes: readonly MapInput[]): MapPlacement[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const node of nodes) {
    if (node.parent !== undefined && byId.has(node.parent) && !reachesItself(node.id, byId)) {
      const siblings = children.get(node.parent) ?? [];
      siblings.push(node.id);
      children.set(node.parent, siblings);
    } else roots.push(node.id);
  }
  const placements: MapPlacement[] = [];
  const visit = (id: string, column: number, parent: string | undefined) => {
    placements.push({ id, column, row: placements.length, ...(parent === undefined ? {} : { parent }) });
    for (const child of children.get(id) ?? []) visit(child, column + 1, id);
  };
  for (const root of roots) visit(root, 0, undefined);
  return placements;
}

function reachesItself(id: string, byId: ReadonlyMap<string, MapInput>): boolean {
  const seen = new Set<string>();
  for (let at = byId.get(id)?.parent; at !== undefined; at = byId.get(at)?.parent) {
    if (at === id) return true;
    if (seen.has(at)) return false;
    seen.add(at);
  }
  return false;
}
