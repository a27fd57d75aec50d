// What a benchmark reports: figures beside their targets, and the few
// statistics the benchmarks share. A figure that misses its target is "short";
// benchmarks report, they never fail the run.

export type Better = 'lower' | 'higher';

export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** `null` for an informative figure, printed without a verdict. */
  readonly target: number | null;
  readonly better: Better;
  /** How the value was obtained (runs, spread), printed beside it. */
  readonly note?: string;
}

/** A benchmark module's default export. */
export type Benchmark = () => Promise<Figure | readonly Figure[]>;

export type Verdict = 'pass' | 'short' | 'info';

export function verdict(figure: Figure): Verdict {
  if (figure.target === null) return 'info';
  const isMet = figure.better === 'lower' ? figure.value < figure.target : figure.value >= figure.target;
  return isMet ? 'pass' : 'short';
}

/** Checks a value a benchmark returned, so a malformed figure is a crash, not a blank row. */
export function isFigure(value: unknown): value is Figure {
  if (typeof value !== 'object' || value === null) return false;
  const figure = value as Record<string, unknown>;
  return (
    typeof figure.name === 'string' &&
    typeof figure.value === 'number' &&
    Number.isFinite(figure.value) &&
    typeof figure.unit === 'string' &&
    (figure.target === null || (typeof figure.target === 'number' && Number.isFinite(figure.target))) &&
    (figure.better === 'lower' || figure.better === 'higher') &&
    (figure.note === undefined || typeof figure.note === 'string')
  );
}

function sorted(values: readonly number[]): number[] {
  if (values.length === 0) throw new Error('no samples');
  return [...values].sort((a, b) => a - b);
}

export function median(values: readonly number[]): number {
  const ordered = sorted(values);
  const middle = Math.floor(ordered.length / 2);
  const upper = ordered[middle] ?? Number.NaN;
  if (ordered.length % 2 === 1) return upper;
  return ((ordered[middle - 1] ?? Number.NaN) + upper) / 2;
}

export function min(values: readonly number[]): number {
  return sorted(values)[0] ?? Number.NaN;
}

export function max(values: readonly number[]): number {
  return sorted(values).at(-1) ?? Number.NaN;
}

/** Three significant digits, thousands grouped: 0.873, 12.3, 10,482. */
export function formatNumber(value: number): string {
  return Math.abs(value) >= 1000
    ? value.toLocaleString('en-US', { maximumFractionDigits: 0 })
    : value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

export function formatValue(value: number, unit: string): string {
  return `${formatNumber(value)} ${unit}`;
}

export function formatTarget(figure: Figure): string {
  if (figure.target === null) return '—';
  return `${figure.better === 'lower' ? '<' : '≥'} ${formatValue(figure.target, figure.unit)}`;
}
