import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../common/csp';
import {
  APP_ENTRY_URL,
  decideWindowOpen,
  externalLinkTarget,
  isAppUrl,
  isNavigationAllowed,
  isPermissionGranted,
  isTrustedSender,
  resolveAppFile,
} from './security';

const root = resolve('/opt/warroom/out/renderer');

/** Addresses no page of the app has, and that nothing may navigate to or open. */
const HOSTILE_URLS = [
  'file:///etc/passwd',
  'file://C:/Windows/System32/drivers/etc/hosts',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'blob:app://warroom/1234',
  'vbscript:msgbox(1)',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'about:blank',
  'app://evil/index.html',
  'app://warroom.evil.example/index.html',
  'app://user@warroom/index.html',
  'app://warroom:8080/index.html',
  'http://warroom/index.html',
  'https://evil.example/',
  '',
  'not a url',
];

describe('Electron security decisions', () => {
  it('trusts only the app’s own pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://warroom/index.html#/incidents/1')).toBe(true);
    expect(isAppUrl('app://warroom/index.html?workspace=exercise#/exercises')).toBe(true);
    for (const url of [...HOSTILE_URLS, undefined, null]) {
      expect(isAppUrl(url), String(url)).toBe(false);
      if (typeof url === 'string') expect(isNavigationAllowed(url), url).toBe(false);
    }
  });

  it('answers IPC only from the top frame of an app window showing the app', () => {
    const windows = new Set([3]);
    const app = { frameUrl: 'app://warroom/index.html#/settings', isTopFrame: true, webContentsId: 3 };
    expect(isTrustedSender(app, windows)).toBe(true);
    for (const url of [...HOSTILE_URLS, undefined, null])
      expect(isTrustedSender({ ...app, frameUrl: url }, windows), String(url)).toBe(false);
    expect(isTrustedSender({ ...app, isTopFrame: false }, windows)).toBe(false);
    expect(isTrustedSender({ ...app, webContentsId: 4 }, windows)).toBe(false);
    expect(isTrustedSender(app, new Set())).toBe(false);
  });

  it('sends only clicked http(s) links to the system browser, and never opens a window', () => {
    const click = { disposition: 'foreground-tab' as const, openerUrl: APP_ENTRY_URL };
    expect(decideWindowOpen({ ...click, url: 'https://status.example.org/incidents?id=4' })).toEqual({
      action: 'deny',
      openExternally: 'https://status.example.org/incidents?id=4',
    });
    expect(decideWindowOpen({ ...click, disposition: 'background-tab', url: 'http://intranet/runbook' })).toEqual({
      action: 'deny',
      openExternally: 'http://intranet/runbook',
    });
    // Script-made popups, and links from a page that is not the app, go nowhere.
    for (const disposition of ['new-window', 'other', 'default'] as const)
      expect(decideWindowOpen({ ...click, disposition, url: 'https://example.org/' }).openExternally).toBeNull();
    expect(
      decideWindowOpen({ ...click, openerUrl: 'https://evil.example/', url: 'https://example.org/' }).openExternally,
    ).toBeNull();
    // Plain web addresses are fine to open in a browser; every other scheme is not.
    for (const url of [
      ...HOSTILE_URLS.filter((url) => !/^https?:/.test(url)),
      'app://warroom/index.html',
      'https://user:pass@bank.example/',
      'https://bank.example@evil.example/',
      'smb://server/share',
      'ms-msdt:/id PCWDiagnostic',
      'mailto:a@example.org',
      `https://example.org/${'a'.repeat(3_000)}`,
    ])
      expect(decideWindowOpen({ ...click, url }).openExternally, url).toBeNull();
    expect(externalLinkTarget('HTTPS://Example.ORG/a b')).toBe('https://example.org/a%20b');
  });

  it('denies every permission but the clipboard, and that only to the app', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'clipboard-read',
      'unknown',
    ])
      expect(isPermissionGranted(permission, APP_ENTRY_URL), permission).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', APP_ENTRY_URL)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', undefined)).toBe(false);
  });

  it('maps app:// requests into the renderer folder and nowhere else', () => {
    expect(resolveAppFile('app://warroom/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://warroom/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://warroom/assets/a.js?x=1', root)).toBe(join(root, 'assets', 'a.js'));
    // The URL parser collapses dots, encoded or not, before we see them: the request stays inside the folder.
    expect(resolveAppFile('app://warroom/%2e%2e/%2e%2e/package.json', root)).toBe(join(root, 'package.json'));
    expect(resolveAppFile('app://warroom/../../etc/passwd', root)).toBe(join(root, 'etc', 'passwd'));
    // A double-encoded dot is a file literally named "%2e%2e", inside the folder.
    expect(resolveAppFile('app://warroom/%252e%252e/x', root)).toBe(join(root, '%2e%2e', 'x'));
    for (const url of [
      'app://warroom/..%2fmain%2felectron.js',
      'app://warroom/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://warroom/..%5c..%5cpackage.json',
      'app://warroom/%2e%2e%5cpackage.json',
      'app://warroom/assets%5c..%5c..%5cmain.js',
      'app://warroom/C:%5cWindows%5cwin.ini',
      'app://warroom/%5c%5cserver%5cshare%5cx',
      'app://warroom/index.html%00.png',
      'app://warroom/%E0%A4%A',
      'app://other/index.html',
      'app://warroom.evil/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,x',
    ])
      expect(resolveAppFile(url, root), url).toBeNull();
    // Only reads: a POST to the app's own protocol serves nothing.
    expect(resolveAppFile('app://warroom/index.html', root, 'POST')).toBeNull();
    expect(resolveAppFile('app://warroom/index.html', root, 'HEAD')).toBe(join(root, 'index.html'));
  });

  it('keeps a strict Content Security Policy: nothing inline, nothing remote', () => {
    const directives = new Map(
      RENDERER_CSP.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(RENDERER_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('keeps the page’s own CSP meta tag in step with the header', () => {
    const html = readFileSync(join(__dirname, '..', '..', 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // frame-ancestors has no effect in a meta tag: the header alone carries it.
    const headerWithoutFrameAncestors = RENDERER_CSP.split('; ')
      .filter((directive) => !directive.startsWith('frame-ancestors'))
      .join('; ');
    expect(meta).toBe(headerWithoutFrameAncestors);
  });
});
