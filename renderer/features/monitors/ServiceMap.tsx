// The service map: every monitor under the one it depends on, coloured by
// status and labelled in words. Drawn as our own SVG (mermaid is not bundled
// yet); monitor names are user text and only ever become SVG text nodes.
import type { MonitorEntryStatus } from '../../../common/domain/incidents';
import { useT } from '../../i18n';
import { layoutServiceMap } from './service-map-layout';

const COLUMN = 220;
const ROW = 56;
const BOX_WIDTH = 200;
const BOX_HEIGHT = 42;
const PAD = 8;
/** Bold 13 px text fits about this many characters in a box. */
const NAME_CHARS = 22;

export interface MapMonitor {
  readonly id: string;
  readonly name: string;
  readonly parent?: string;
  readonly status: MonitorEntryStatus;
}

function shorten(name: string): string {
  return name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name;
}

export function ServiceMap({ monitors }: { monitors: readonly MapMonitor[] }) {
  const t = useT();
  if (monitors.length === 0) return <p className="muted">{t('monitors.map.empty')}</p>;
  const byId = new Map(monitors.map((monitor) => [monitor.id, monitor]));
  const placements = layoutServiceMap(monitors);
  const at = new Map(placements.map((placement) => [placement.id, placement]));
  const columns = Math.max(...placements.map((placement) => placement.column)) + 1;
  const width = columns * COLUMN + PAD * 2;
  const height = placements.length * ROW + PAD * 2;
  const x = (column: number) => PAD + column * COLUMN;
  const y = (row: number) => PAD + row * ROW;
  return (
    <figure className="service-map" data-testid="service-map">
      <svg
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('monitors.map.label')}
      >
        {placements.map((placement) => {
          const parent = placement.parent === undefined ? undefined : at.get(placement.parent);
          if (!parent) return null;
          const fromX = x(parent.column) + 16;
          const fromY = y(parent.row) + BOX_HEIGHT;
          const toX = x(placement.column);
          const toY = y(placement.row) + BOX_HEIGHT / 2;
          return (
            <path
              key={`edge-${placement.id}`}
              className="map-edge"
              d={`M${fromX},${fromY} V${toY} H${toX}`}
              fill="none"
            />
          );
        })}
        {placements.map((placement) => {
          const monitor = byId.get(placement.id);
          if (!monitor) return null;
          const status = t(`monitors.status.${monitor.status}`);
          return (
            <g
              key={placement.id}
              className={`map-node map-${monitor.status}`}
              data-testid="map-node"
              data-status={monitor.status}
              transform={`translate(${x(placement.column)},${y(placement.row)})`}
            >
              <title>{`${monitor.name} · ${status}`}</title>
              <rect width={BOX_WIDTH} height={BOX_HEIGHT} rx="6" />
              <text x="10" y="17" className="map-name">
                {shorten(monitor.name)}
              </text>
              <text x="10" y="33" className="map-state">
                {status}
              </text>
            </g>
          );
        })}
      </svg>
      <ul className="visually-hidden">
        {placements.map((placement) => {
          const monitor = byId.get(placement.id);
          const parent = placement.parent === undefined ? undefined : byId.get(placement.parent);
          return monitor ? (
            <li key={placement.id}>
              {monitor.name}: {t(`monitors.status.${monitor.status}`)}
              {parent ? ` ← ${parent.name}` : ''}
            </li>
          ) : null;
        })}
      </ul>
    </figure>
  );
}
