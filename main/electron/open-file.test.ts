import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOpenableFileName, openableFileFromArgv, readOpenedFile } from './open-file';

describe('files the app is asked to open', () => {
  it('finds the runbook or scenario on a command line, and nothing else', () => {
    expect(openableFileFromArgv(['/opt/War-room/war-room', '/home/a/db-failover.yaml'], '/home/a')).toBe(
      '/home/a/db-failover.yaml',
    );
    expect(openableFileFromArgv(['electron', '.', 'runbooks/Scenario.YML'], '/work')).toBe(
      '/work/runbooks/Scenario.YML',
    );
    expect(openableFileFromArgv(['war-room', '--data-dir', 'notes.md'], '/x')).toBeNull();
    expect(openableFileFromArgv(['war-room', '--data-dir=/d', 'a.md'], '/x')).toBe('/x/a.md');
    for (const argv of [
      ['war-room'],
      ['war-room', '--inspect=9229'],
      ['war-room', '--allow-file-access-from-files', 'x.exe'],
      ['war-room', 'https://evil.example/runbook.yaml'],
      ['war-room', 'file:///etc/passwd.yaml'],
      ['war-room', 'payload.yaml\0.exe'],
      ['war-room', '/etc/passwd'],
      ['war-room', 'C:\\Windows\\system.ini'],
    ])
      expect(openableFileFromArgv(argv, '/x'), argv.join(' ')).toBeNull();
    expect(isOpenableFileName('a.yaml.exe')).toBe(false);
  });

  it('reads a file with a size cap, and refuses folders and other kinds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warroom-open-'));
    try {
      await writeFile(join(dir, 'failover.yaml'), 'id: failover\n');
      expect(await readOpenedFile(join(dir, 'failover.yaml'))).toEqual({
        name: 'failover.yaml',
        text: 'id: failover\n',
      });
      await writeFile(join(dir, 'huge.yaml'), Buffer.alloc(2 * 1024 * 1024, 0x61));
      await expect(readOpenedFile(join(dir, 'huge.yaml'))).rejects.toThrow(/larger than any runbook/);
      await mkdir(join(dir, 'folder.yaml'));
      await expect(readOpenedFile(join(dir, 'folder.yaml'))).rejects.toThrow(/not a file/);
      await expect(readOpenedFile(join(dir, 'missing.yaml'))).rejects.toThrow();
      await expect(readOpenedFile(join(dir, 'x.sh'))).rejects.toThrow(/not a runbook/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
