// The service map as mermaid source: a `flowchart LR` of monitors under their
// parents, one node per monitor with its name and its status in words, coloured
// by status through classDef. Node ids are generated (m0, m1…) and names only
// ever appear escaped inside quoted labels, so no monitor name is diagram syntax.
import type { MonitorEntryStatus } from '../../../common/domain/incidents';
import { mermaidLabel } from '../../../common/monitors/mermaid-label';
import { layoutServiceMap } from './service-map-layout';

export interface MapMonitor {
  readonly id: string;
  readonly name: string;
  readonly parent?: string;
  readonly status: MonitorEntryStatus;
}

export interface MapNode {
  /** The node's id in the diagram source. */
  readonly node: string;
  readonly monitor: MapMonitor;
  /** The status in words, as the label shows it. */
  readonly statusText: string;
}

export interface ServiceMapDiagram {
  readonly source: string;
  readonly nodes: readonly MapNode[];
}

/** Colours kept readable on both the light and the dark theme: a tinted card with dark text. */
const STATUS_CLASS: Record<MonitorEntryStatus, string> = {
  up: 'st-up',
  down: 'st-down',
  'caused-by-parent': 'st-parent',
  maintenance: 'st-maint',
  pending: 'st-pending',
};

const CLASS_DEFS = [
  'classDef st-up fill:#ecfdf3,stroke:#067647,stroke-width:1.5px,color:#054f31',
  'classDef st-down fill:#fef3f2,stroke:#b42318,stroke-width:2.5px,color:#7a271a',
  'classDef st-parent fill:#fef3f2,stroke:#b42318,stroke-width:2.5px,stroke-dasharray:5 3,color:#7a271a',
  'classDef st-maint fill:#eff8ff,stroke:#175cd3,stroke-width:1.5px,color:#194185',
  'classDef st-pending fill:#f9fafb,stroke:#98a2b3,stroke-width:1.5px,color:#344054',
];

export function serviceMapDiagram(
  monitors: readonly MapMonitor[],
  statusWord: (status: MonitorEntryStatus) => string,
): ServiceMapDiagram {
  const byId = new Map(monitors.map((monitor) => [monitor.id, monitor]));
  const placements = layoutServiceMap(monitors);
  const nodeOf = new Map(placements.map((placement, index) => [placement.id, `m${index}`]));
  const nodes: MapNode[] = [];
  const lines = ['flowchart LR'];
  for (const placement of placements) {
    const monitor = byId.get(placement.id);
    const node = nodeOf.get(placement.id);
    if (!monitor || node === undefined) continue;
    const statusText = statusWord(monitor.status);
    nodes.push({ node, monitor, statusText });
    // The trailing ";;" absorbs mermaid's own `style…:…#…;` clean-up, which drops a line's last ";".
    lines.push(`  ${node}("${mermaidLabel(monitor.name)}<br/>${mermaidLabel(statusText)}");;`);
  }
  for (const placement of placements) {
    const parent = placement.parent === undefined ? undefined : nodeOf.get(placement.parent);
    const child = nodeOf.get(placement.id);
    if (parent !== undefined && child !== undefined) lines.push(`  ${parent} --> ${child}`);
  }
  lines.push(...CLASS_DEFS.map((line) => `  ${line}`));
  for (const [status, className] of Object.entries(STATUS_CLASS)) {
    const members = nodes.filter(({ monitor }) => monitor.status === status).map(({ node }) => node);
    if (members.length > 0) lines.push(`  class ${members.join(',')} ${className}`);
  }
  return { source: `${lines.join('\n')}\n`, nodes };
}
