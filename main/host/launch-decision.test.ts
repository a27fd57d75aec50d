import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
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
    const decision = decideLaunch(facts({ pathTxt: null }));
    expect(decision.mode).toBe('browser');
    if (decision.mode === 'browser') expect(decision.reason).toContain('electron:fetch');
    expect(decideLaunch(facts({ binaryExists: () => false })).mode).toBe('browser');
  });

  it('falls back when the package is missing or there is no display', () => {
    expect(decideLaunch(facts({ packageDir: null }))).toEqual({
      mode: 'browser',
      reason: 'the electron package is not installed',
    });
    expect(decideLaunch(facts({ env: {} })).mode).toBe('browser');
    expect(decideLaunch(facts({ env: {}, platform: 'darwin' })).mode).toBe('electron');
  });

  it('lets the user ask for browser mode', () => {
    expect(decideLaunch(facts({ env: { DISPLAY: ':0', WARROOM_BROWSER_MODE: '1' } })).mode).toBe('browser');
  });

  it('gives a one-line reason', () => {
    for (const overrides of [{ pathTxt: null }, { packageDir: null }, { env: {} }]) {
      const decision = decideLaunch(facts(overrides));
      if (decision.mode === 'browser') expect(decision.reason).not.toContain('\n');
    }
  });
});
