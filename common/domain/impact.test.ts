import { describe, expect, it } from 'vitest';
import { parseNameList } from './impact';

describe('impacted names', () => {
  it('splits, trims and drops empty names', () => {
    expect(parseNameList(' checkout ,  payments  api,,')).toEqual({ ok: true, names: ['checkout', 'payments api'] });
    expect(parseNameList('   ')).toEqual({ ok: true, names: [] });
  });

  it('refuses a name given twice, whatever its case', () => {
    expect(parseNameList('Checkout, checkout')).toEqual({ ok: false, issue: 'duplicate', name: 'checkout' });
  });

  it('refuses lists too long and names too long', () => {
    expect(parseNameList(Array.from({ length: 51 }, (_, i) => `s${i}`).join(','))).toMatchObject({
      issue: 'too-many',
    });
    expect(parseNameList('x'.repeat(121))).toMatchObject({ issue: 'too-long' });
  });
});
