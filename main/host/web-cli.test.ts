import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebArgs } from './web-cli';

describe('browser mode arguments', () => {
  it('reads --data-dir, --port and --no-open', () => {
    expect(parseWebArgs(['--data-dir', 'x/y', '--port', '8080', '--no-open'])).toEqual({
      dataDir: resolve('x/y'),
      port: 8080,
      open: false,
    });
    expect(parseWebArgs([]).port).toBeNull();
    expect(parseWebArgs([]).open).toBe(true);
  });

  it('refuses a bad port or an unknown option with a clear message', () => {
    expect(() => parseWebArgs(['--port', 'eighty'])).toThrow(/--port/);
    expect(() => parseWebArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseWebArgs(['--lan'])).toThrow(/lan/);
  });
});
