// The latency of the latest checks as an inline SVG line; failed checks are
// marks on the baseline. The figures are in the label for screen readers.
import { useT } from '../../i18n';

const WIDTH = 120;
const HEIGHT = 28;

export function Sparkline({ latencies }: { latencies: readonly (number | null)[] }) {
  const t = useT();
  const values = latencies.filter((value): value is number => value !== null);
  if (latencies.length === 0 || values.length === 0) {
    return <span className="sparkline-empty muted">{t('monitors.board.sparklineEmpty')}</span>;
  }
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = Math.max(1, max - min);
  const step = latencies.length > 1 ? WIDTH / (latencies.length - 1) : 0;
  const y = (value: number) => HEIGHT - 3 - ((value - min) / span) * (HEIGHT - 6);
  const points = latencies.flatMap((value, index) => (value === null ? [] : [{ x: index * step, y: y(value) }]));
  // A single answer draws no line: the dot at the latest one always shows.
  const end = points.at(-1);
  const label = t('monitors.board.sparkline', {
    count: latencies.length,
    min: Math.round(min),
    max: Math.round(max),
  });
  return (
    <svg
      className="sparkline"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <polyline
        points={points.map((point) => `${point.x.toFixed(1)},${point.y.toFixed(1)}`).join(' ')}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
      />
      {end && <circle cx={Math.max(2, end.x)} cy={end.y} r="2" fill="currentColor" />}
      {latencies.map((value, index) =>
        value === null ? (
          <rect key={index} className="sparkline-failure" x={index * step - 1.5} y={HEIGHT - 4} width="3" height="4" />
        ) : null,
      )}
    </svg>
  );
}
