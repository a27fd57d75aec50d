import { describe, expect, it } from 'vitest';
import { decodeOutputFrame, encodeOutputFrame } from './wire';

const output = { execId: '3f6c1a2e-9b1d-4c3e-8f00-1234567890ab', seq: 42, data: Uint8Array.from([0, 255, 10, 27, 91]) };

describe('binary output frames', () => {
  it('carry an execution id, a sequence number and any bytes, exactly', () => {
    expect(decodeOutputFrame(encodeOutputFrame(output))).toEqual(output);
    const empty = { execId: 'x', seq: 1, data: new Uint8Array() };
    expect(decodeOutputFrame(encodeOutputFrame(empty))).toEqual(empty);
  });

  it('read the same from a view into a larger buffer', () => {
    const frame = encodeOutputFrame(output);
    const larger = new Uint8Array(frame.length + 10);
    larger.set(frame, 7);
    expect(decodeOutputFrame(larger.subarray(7, 7 + frame.length))).toEqual(output);
  });

  it('are refused when forged or truncated', () => {
    const frame = encodeOutputFrame(output);
    const forged = (change: (bytes: Uint8Array) => void) => {
      const copy = frame.slice();
      change(copy);
      return decodeOutputFrame(copy);
    };
    expect(decodeOutputFrame(frame.subarray(0, 5))).toBeNull();
    expect(decodeOutputFrame(frame.subarray(0, 20))).toBeNull();
    expect(forged((bytes) => (bytes[0] = 2))).toBeNull();
    expect(forged((bytes) => bytes.fill(0, 1, 5))).toBeNull();
    expect(forged((bytes) => (bytes[5] = 0))).toBeNull();
    expect(forged((bytes) => (bytes[5] = 255))).toBeNull();
    expect(forged((bytes) => (bytes[8] = 0x0a))).toBeNull();
    expect(forged((bytes) => (bytes[8] = 0xc3))).toBeNull();
  });

  it('refuse to carry an id that is not printable ASCII', () => {
    expect(() => encodeOutputFrame({ ...output, execId: 'exécution' })).toThrow(RangeError);
    expect(() => encodeOutputFrame({ ...output, execId: 'a b' })).toThrow(RangeError);
  });
});
