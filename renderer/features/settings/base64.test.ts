import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from './base64';

describe('base64 of backup chunks', () => {
  it('round-trips every byte value and agrees with Node across slice boundaries', () => {
    const bytes = new Uint8Array(0x8000 * 2 + 7).map((_, i) => (i * 131 + 7) % 256);
    const encoded = bytesToBase64(bytes);
    expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(encoded)).toEqual(bytes);
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});
