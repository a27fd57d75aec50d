// Fuzzy matching for the command palette: every word typed must appear in the
// label, whole or as letters in order ("stmon" finds "Set status: Monitoring"),
// ignoring case and accents. Whole words and word starts rank first.
import { foldText } from '../../../common/domain/dashboard';

function isWordStart(text: string, index: number): boolean {
  return index === 0 || !/[\p{L}\p{N}]/u.test(text[index - 1] ?? '');
}

/** How well one folded word matches folded text; null when its letters are not all there in order. */
function wordScore(word: string, text: string): number | null {
  const at = text.indexOf(word);
  if (at >= 0) {
    let best = at;
    // Prefer an occurrence at a word start ("mon" in "Set status: Monitoring", not in "common").
    for (let i = at; i >= 0; i = text.indexOf(word, i + 1)) {
      if (isWordStart(text, i)) {
        best = i;
        break;
      }
    }
    return 100 + word.length * 10 + (isWordStart(text, best) ? 50 : 0);
  }
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const letter of word) {
    const index = text.indexOf(letter, from);
    if (index < 0) return null;
    score += 1 + (index === previous + 1 ? 4 : 0) + (isWordStart(text, index) ? 6 : 0);
    previous = index;
    from = index + 1;
  }
  return score;
}

/** A score (higher is better) when every word of `query` matches `text`, else null. An empty query matches all. */
export function fuzzyScore(query: string, text: string): number | null {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  const haystack = foldText(text);
  let total = 0;
  for (const word of words) {
    const score = wordScore(word, haystack);
    if (score === null) return null;
    total += score;
  }
  return total;
}

/** The items matching `query`, best first; ties keep their given order. */
export function fuzzyFilter<T>(items: readonly T[], query: string, textOf: (item: T) => string): T[] {
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, textOf(item)) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);
}
