import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical';

describe('canonical JSON', () => {
  it('gives the same text whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, 'x'] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('drops undefined fields, as JSON does when an event is sent', () => {
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe(canonicalJson(JSON.parse('{"b":"x"}')));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
  });

  it('escapes hostile strings instead of breaking the structure', () => {
    const text = '"},"injected":{"x":"</script><img src=x onerror=alert(1)>';
    expect(JSON.parse(canonicalJson({ text }))).toEqual({ text });
  });
});
