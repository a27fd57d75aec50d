import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from './fuzzy';

const labels = [
  'Declare an incident',
  'Set status: Monitoring',
  'Set status: Resolved',
  'Set severity: SEV1 · critical',
  'Open: Paiement refusé en magasin',
  'Export the timeline as CSV',
];
const find = (query: string) => fuzzyFilter(labels, query, (label) => label);

describe('palette fuzzy matching', () => {
  it('keeps everything, in order, for an empty query', () => {
    expect(find('  ')).toEqual(labels);
  });

  it('finds letters in order, ignoring case and accents', () => {
    expect(find('stmon')).toEqual(['Set status: Monitoring']);
    expect(find('REFUSE')).toEqual(['Open: Paiement refusé en magasin']);
    expect(find('décl')).toEqual(['Declare an incident']);
    expect(fuzzyScore('xyz', 'Declare an incident')).toBeNull();
  });

  it('needs every word, and ranks whole words and word starts first', () => {
    expect(find('status res')).toEqual(['Set status: Resolved']);
    expect(find('csv')[0]).toBe('Export the timeline as CSV');
    expect(find('se')[0]).toBe('Set status: Monitoring');
    expect(fuzzyScore('mon', 'Set status: Monitoring')!).toBeGreaterThan(fuzzyScore('mon', 'common')!);
  });
});
