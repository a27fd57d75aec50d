// Impacted services and business processes as people type them: a comma-separated
// line turned into a clean list, or the reason it cannot be one.
import { LIST_MAX, NAME_MAX } from '../events/event';

export type NameListResult =
  | { ok: true; names: string[] }
  | { ok: false; issue: 'too-many'; max: number }
  | { ok: false; issue: 'too-long'; max: number }
  | { ok: false; issue: 'duplicate'; name: string };

export function parseNameList(text: string): NameListResult {
  const names = text
    .split(',')
    .map((name) => name.trim().replace(/\s+/g, ' '))
    .filter((name) => name.length > 0);
  if (names.length > LIST_MAX) return { ok: false, issue: 'too-many', max: LIST_MAX };
  if (names.some((name) => name.length > NAME_MAX)) return { ok: false, issue: 'too-long', max: NAME_MAX };
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (seen.has(key)) return { ok: false, issue: 'duplicate', name };
    seen.add(key);
  }
  return { ok: true, names };
}

/** Whether two lists hold the same names in the same order. */
export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, index) => name === b[index]);
}
