import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './data-dir';

describe('default data dir', () => {
  it('follows each platform’s convention', () => {
    expect(defaultDataDir('linux', {}, '/home/a')).toBe(join('/home/a', '.config', 'warroom'));
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/a')).toBe(join('/cfg', 'warroom'));
    expect(defaultDataDir('darwin', {}, '/Users/a')).toBe(
      join('/Users/a', 'Library', 'Application Support', 'warroom'),
    );
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a')).toBe(
      join('C:\\Users\\a\\AppData\\Roaming', 'warroom'),
    );
  });
});
