import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../../common/i18n/messages';
import { decideLaunch, type LaunchFacts } from './launch-decision';

const facts = (overrides: Partial<LaunchFacts>): LaunchFacts => ({
  packageDir: '/app/node_modules/electron',
  pathTxt: 'electron',
  binaryExists: () => true,
  platform: 'linux',
  env: { DISPLAY: ':0' },
  ...overrides,
});

describe('npm start launch decision', () => {
  it('runs Electron when its binary is there and a display exists', () => {
    expect(decideLaunch(facts({}))).toEqual({
      mode: 'electron',
      binary: join('/app/node_modules/electron', 'dist', 'electron'),
    });
  });

  it('falls back with a reason when the binary was never downloaded', () => {
    expect(decideLaunch(facts({ pathTxt: null }))).toEqual({ mode: 'browser', reason: 'no-binary' });
    expect(decideLaunch(facts({ binaryExists: () => false }))).toEqual({ mode: 'browser', reason: 'no-binary' });
  });

  it('falls back when the package is missing or there is no display', () => {
    expect(decideLaunch(facts({ packageDir: null }))).toEqual({ mode: 'browser', reason: 'no-package' });
    expect(decideLaunch(facts({ env: {} }))).toEqual({ mode: 'browser', reason: 'no-display' });
    expect(decideLaunch(facts({ env: {}, platform: 'darwin' })).mode).toBe('electron');
  });

  it('lets the user ask for browser mode', () => {
    expect(decideLaunch(facts({ env: { DISPLAY: ':0', WARROOM_BROWSER_MODE: '1' } }))).toEqual({
      mode: 'browser',
      reason: 'asked',
    });
  });

  it('has a one-line sentence for every reason, in both languages', () => {
    for (const locale of ['en', 'fr'] as const) {
      for (const reason of ['asked', 'no-package', 'no-binary', 'no-display']) {
        const sentence = translate(locale, `cli.reason.${reason}`);
        expect(sentence, `${locale} ${reason}`).not.toBe(`cli.reason.${reason}`);
        expect(sentence).not.toContain('\n');
      }
    }
  });
});
