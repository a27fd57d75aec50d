// The Electronegativity gate of `npm test` can fail: a window without isolation,
// an unchecked openExternal and no navigation or permission handling are each
// blocking. The shell's own sources (with the page's source, whose CSP the build
// keeps) pass it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditFolder, auditShell } from '../security/electronegativity-gate';

describe('Electronegativity gate', () => {
  it('blocks a careless shell', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'warroom-careless-'));
    try {
      await mkdir(join(dir, 'main'));
      await writeFile(
        join(dir, 'main', 'main.js'),
        `const { app, BrowserWindow, shell } = require('electron');
app.whenReady().then(() => {
  const window = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });
  window.webContents.on('new-window', (event, url) => shell.openExternal(url));
  window.loadURL('file://' + __dirname + '/index.html');
});
`,
      );
      await writeFile(join(dir, 'main', 'index.html'), '<html><body><script>alert(1)</script></body></html>');
      const audit = await auditFolder(dir);
      const blocking = new Set(audit.blocking.map((issue) => issue.id));
      for (const id of [
        'AUXCLICK_JS_CHECK',
        'CONTEXT_ISOLATION_JS_CHECK',
        'SANDBOX_JS_CHECK',
        'OPEN_EXTERNAL_JS_CHECK',
        'LIMIT_NAVIGATION_GLOBAL_CHECK',
        'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
        'CSP_GLOBAL_CHECK',
      ])
        expect(blocking, id).toContain(id);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('passes the war-room shell', async () => {
    const root = join(__dirname, '..', '..');
    const audit = await auditShell(root, join(root, 'renderer', 'index.html'));
    expect(audit.parseErrors).toBe(0);
    expect(audit.blocking.map((issue) => `${issue.id} ${issue.file}:${issue.location.line}`)).toEqual([]);
  }, 120_000);
});
