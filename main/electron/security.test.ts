import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl, isNavigationAllowed, isTrustedSender, resolveAppFile } from './security';

const root = resolve('/opt/warroom/out/renderer');

describe('Electron security decisions', () => {
  it('trusts only the app’s own pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('app://warroom/index.html#/incidents/1')).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'https://evil.example/',
      'app://evil/index.html',
      'app://user@warroom/index.html',
      'http://warroom/index.html',
      '',
      undefined,
      null,
      'not a url',
    ]) {
      expect(isTrustedSender(url), String(url)).toBe(false);
      if (typeof url === 'string') expect(isNavigationAllowed(url), url).toBe(false);
    }
  });

  it('maps app:// requests into the renderer folder and nowhere else', () => {
    expect(resolveAppFile('app://warroom/index.html', root)).toBe(join(root, 'index.html'));
    expect(resolveAppFile('app://warroom/assets/a.js?x=1', root)).toBe(join(root, 'assets', 'a.js'));
    // The URL parser collapses encoded dots before we see them: the request stays inside the folder.
    expect(resolveAppFile('app://warroom/%2e%2e/%2e%2e/package.json', root)).toBe(join(root, 'package.json'));
    expect(resolveAppFile('app://warroom/..%2fmain%2felectron.js', root)).toBeNull();
    expect(resolveAppFile('app://other/index.html', root)).toBeNull();
    expect(resolveAppFile('file:///etc/passwd', root)).toBeNull();
  });
});
