import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseWebArgs } from './web-cli';

describe('browser mode arguments', () => {
  it('reads --data-dir, --port and --no-open', () => {
    expect(parseWebArgs(['--data-dir', 'x/y', '--port', '8080', '--no-open'])).toEqual({
      dataDir: resolve('x/y'),
      port: 8080,
      open: false,
      lanToken: null,
    });
    expect(parseWebArgs([]).port).toBeNull();
    expect(parseWebArgs([]).open).toBe(true);
  });

  it('refuses a bad port or an unknown option with a clear message', () => {
    expect(() => parseWebArgs(['--port', 'eighty'])).toThrow(/--port/);
    expect(() => parseWebArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseWebArgs(['--lna'])).toThrow(/lna/);
    expect(() => parseWebArgs(['--join-token', 'abcdefghijklmnopq'])).toThrow(/--lan/);
    expect(() => parseWebArgs(['--lan', '--join-token', 'short'])).toThrow(/16/);
  });

  it('listens beyond loopback only with --lan, and then always with a token', () => {
    expect(parseWebArgs([]).lanToken).toBeNull();
    const generated = parseWebArgs(['--lan']).lanToken;
    expect(generated).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(parseWebArgs(['--lan']).lanToken).not.toBe(generated);
    expect(parseWebArgs(['--lan', '--join-token', 'team-secret-0123456']).lanToken).toBe('team-secret-0123456');
  });
});
