// Time and number helpers of the seed: durations, the parity that keeps a
// monitor's change and an incident's declaration from ever sharing a
// millisecond (so which came first is never a tie), and fair shares of a total.
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** An odd millisecond: monitor changes. */
export function oddMs(ms: number): number {
  return Math.floor(ms / 2) * 2 + 1;
}

/** An even millisecond: incident events. */
export function evenMs(ms: number): number {
  return Math.floor(ms / 2) * 2;
}

/**
 * Splits `total` into whole shares proportional to `weights`, none above its
 * cap (largest remainders first, what a cap refuses going to the others).
 */
export function apportion(total: number, weights: readonly number[], caps: readonly number[]): number[] {
  const shares = weights.map(() => 0);
  let left = total;
  let open = weights.map((_, index) => index).filter((index) => (caps[index] as number) > 0);
  while (left > 0) {
    if (open.length === 0) throw new RangeError(`cannot place ${left} of ${total}: every share is at its cap`);
    const weight = open.reduce((sum, index) => sum + Math.max(weights[index] as number, 0), 0);
    const exact = open.map((index) =>
      weight > 0 ? (left * Math.max(weights[index] as number, 0)) / weight : left / open.length,
    );
    let placed = 0;
    const byRemainder = open
      .map((index, position) => ({
        index,
        whole: Math.floor(exact[position] as number),
        rest: (exact[position] as number) % 1,
      }))
      .sort((a, b) => b.rest - a.rest || a.index - b.index);
    let extra = left - byRemainder.reduce((sum, share) => sum + share.whole, 0);
    for (const share of byRemainder) {
      const wanted = share.whole + (extra > 0 ? 1 : 0);
      if (extra > 0) extra -= 1;
      const room = (caps[share.index] as number) - (shares[share.index] as number);
      const given = Math.min(wanted, room);
      shares[share.index] = (shares[share.index] as number) + given;
      placed += given;
    }
    left -= placed;
    open = open.filter((index) => (shares[index] as number) < (caps[index] as number));
  }
  return shares;
}
