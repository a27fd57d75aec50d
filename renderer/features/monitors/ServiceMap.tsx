// The service map: every monitor under the one it depends on, coloured by
// status and labelled in words, drawn by mermaid (loaded on first use). Until
// it is drawn, and if drawing fails, the same map shows as a plain list, so the
// area is never blank; once drawn, the list stays for screen readers.
import { useEffect, useRef, useState } from 'react';
import type { MonitorEntryStatus } from '../../../common/domain/incidents';
import { drawMermaid, release } from '../../diagram/mermaid';
import { useT } from '../../i18n';
import { createLogger } from '../../log';
import { type MapMonitor, type ServiceMapDiagram, serviceMapDiagram } from './service-map-source';

export type { MapMonitor } from './service-map-source';

const log = createLogger('service-map');
const SVG_NS = 'http://www.w3.org/2000/svg';

type Outcome = { readonly source: string; readonly kind: 'drawn' | 'failed' };

export function ServiceMap({ monitors }: { monitors: readonly MapMonitor[] }) {
  const t = useT();
  const statusWord = (status: MonitorEntryStatus) => t(`monitors.status.${status}`);
  const diagram = useSameDiagram(serviceMapDiagram(monitors, statusWord));
  const canvas = useRef<HTMLDivElement>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const label = t('monitors.map.label');

  useEffect(() => {
    const host = canvas.current;
    if (!host || diagram.nodes.length === 0) return;
    let isCurrent = true;
    let sheet: CSSStyleSheet | undefined;
    drawMermaid(diagram.source).then(
      (drawing) => {
        if (!isCurrent) return release(drawing.sheet);
        sheet = drawing.sheet;
        decorate(drawing.svg, diagram, label);
        host.replaceChildren(drawing.svg);
        setOutcome({ source: diagram.source, kind: 'drawn' });
      },
      (error: unknown) => {
        if (!isCurrent) return;
        log.warn('the service map could not be drawn; showing it as a list', String(error));
        host.replaceChildren();
        setOutcome({ source: diagram.source, kind: 'failed' });
      },
    );
    return () => {
      isCurrent = false;
      if (sheet) release(sheet);
    };
  }, [diagram, label]);

  if (monitors.length === 0) return <p className="muted">{t('monitors.map.empty')}</p>;
  const state = outcome?.source === diagram.source ? outcome.kind : 'drawing';
  const byId = new Map(diagram.nodes.map(({ monitor }) => [monitor.id, monitor]));
  return (
    <figure className="service-map" data-testid="service-map" data-state={state}>
      {state === 'failed' ? (
        <p className="map-failed" role="status" data-testid="service-map-failed">
          {t('monitors.map.failed')}
        </p>
      ) : null}
      <div ref={canvas} className="map-canvas" hidden={state !== 'drawn'} />
      <ul className={state === 'drawn' ? 'visually-hidden' : 'map-list'} data-testid="service-map-list">
        {diagram.nodes.map(({ monitor }) => {
          const parent = monitor.parent === undefined ? undefined : byId.get(monitor.parent);
          return (
            <li key={monitor.id} data-status={monitor.status}>
              {monitor.name}: {statusWord(monitor.status)}
              {parent ? ` ← ${parent.name}` : ''}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** The same object while the diagram is unchanged, so a board refresh does not redraw it. */
function useSameDiagram(next: ServiceMapDiagram): ServiceMapDiagram {
  const [kept, setKept] = useState(next);
  const isSame =
    kept.source === next.source &&
    kept.nodes.length === next.nodes.length &&
    kept.nodes.every(({ monitor }, index) => monitor.name === next.nodes[index]?.monitor.name);
  if (!isSame) setKept(next);
  return isSame ? kept : next;
}

/** Test ids, statuses and a tooltip with the exact name on mermaid's nodes (ids like mermaid-3-flowchart-m0-0). */
function decorate(svg: SVGSVGElement, diagram: ServiceMapDiagram, label: string): void {
  const byNode = new Map(diagram.nodes.map((entry) => [entry.node, entry]));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const box = svg.viewBox.baseVal;
  if (box.width > 0) {
    svg.setAttribute('width', String(Math.ceil(box.width)));
    svg.setAttribute('height', String(Math.ceil(box.height)));
  }
  for (const group of svg.querySelectorAll('g.node')) {
    const entry = byNode.get(/-flowchart-(m\d+)-\d+$/.exec(group.id)?.[1] ?? '');
    if (!entry) continue;
    group.setAttribute('data-testid', 'map-node');
    group.setAttribute('data-status', entry.monitor.status);
    const title = document.createElementNS(SVG_NS, 'title');
    title.textContent = `${entry.monitor.name} · ${entry.statusText}`;
    group.prepend(title);
  }
}
