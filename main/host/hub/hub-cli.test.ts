// The hub's command line: what each invocation means, and what it refuses.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HUB_PORT, parseHubArgs, UsageError } from './hub-cli';

const env = { HOME: '/home/ic', XDG_CONFIG_HOME: '' };

describe('parseHubArgs', () => {
  it('serves on loopback by default, PGlite in the data dir when no DATABASE_URL is set', () => {
    const args = parseHubArgs([], env);
    expect(args.command).toEqual({ kind: 'serve', port: DEFAULT_HUB_PORT, host: '127.0.0.1' });
    expect(args.databaseUrl).toBeNull();
    expect(args.dataDir.endsWith(join('warroom', 'hub'))).toBe(true);
  });

  it('takes a port, a host, a data dir and DATABASE_URL', () => {
    const args = parseHubArgs(['serve', '--port', '0', '--host', '0.0.0.0', '--data-dir', '/srv/hub'], {
      ...env,
      DATABASE_URL: 'postgres://hub@db/warroom',
    });
    expect(args).toEqual({
      command: { kind: 'serve', port: 0, host: '0.0.0.0' },
      dataDir: '/srv/hub',
      databaseUrl: 'postgres://hub@db/warroom',
    });
  });

  it('reads the workspace commands', () => {
    expect(parseHubArgs(['workspace', 'add', 'ops'], env).command).toEqual({ kind: 'workspace-add', id: 'ops' });
    expect(parseHubArgs(['workspace', 'rotate-token', 'ops'], env).command).toEqual({
      kind: 'workspace-rotate',
      id: 'ops',
    });
    expect(parseHubArgs(['workspace', 'list'], env).command).toEqual({ kind: 'workspace-list' });
    expect(parseHubArgs(['--help'], env).command).toEqual({ kind: 'help' });
  });

  it.each([
    [['serve', '--port', '70000']],
    [['serve', '--port', 'http']],
    [['serve', 'extra']],
    [['workspace', 'add']],
    [['workspace', 'add', 'a', 'b']],
    [['workspace', 'list', '--port', '1']],
    [['workspaces']],
    [['--verbose']],
  ])('refuses %j', (argv) => {
    expect(() => parseHubArgs(argv, env)).toThrow(UsageError);
  });
});
