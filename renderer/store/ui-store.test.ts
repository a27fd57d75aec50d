import { describe, expect, it } from 'vitest';
import type { WindowAccess } from '../../common/bridge/access-contract';
import type { AppInfo, Settings } from '../../common/bridge/contract';
import { proposedName, routeFromHash, routeToHash, type Route } from './ui-store';

describe('routes and addresses', () => {
  it('give back every screen from its address', () => {
    const routes: Route[] = [
      { name: 'incidents' },
      { name: 'incident', id: 'inc/1 é' },
      { name: 'postmortem', id: 'inc-2' },
      { name: 'settings' },
      { name: 'people' },
      { name: 'monitors' },
      { name: 'runbooks' },
      { name: 'runbooks', id: 'site-down' },
      { name: 'comms' },
      { name: 'continuity', tab: 'processes' },
      { name: 'continuity', tab: 'risks' },
      { name: 'exercises' },
      { name: 'exercises', sessionId: 'session 1/2' },
    ];
    for (const route of routes) expect(routeFromHash(routeToHash(route))).toEqual(route);
  });

  it('falls back to the incident list on an unknown or malformed address, never throwing', () => {
    expect(routeFromHash('#/nowhere')).toEqual({ name: 'incidents' });
    expect(routeFromHash('#/exercises/%E0%A4%A')).toEqual({ name: 'incidents' });
    expect(routeFromHash('#/incidents/%E0')).toEqual({ name: 'incidents' });
    expect(routeFromHash('#/continuity/unknown')).toEqual({ name: 'incidents' });
  });
});

describe('the name a device enrols under before its first entry', () => {
  const info: AppInfo = {
    name: 'War-room',
    version: '0.1.0',
    mode: 'browser',
    platform: 'linux',
    systemLocale: 'en_US.UTF-8',
    userName: 'camille',
    dataDir: '/tmp/warroom',
  };
  const settings = (displayName: string | null): Settings => ({ locale: null, displayName });
  const atLaptop: WindowAccess = { isAtLaptop: true, laptopOnly: [] };
  const teammate: WindowAccess = { isAtLaptop: false, laptopOnly: [] };

  it('is the name typed, else at the laptop the host’s own person (its login), never a placeholder', () => {
    expect(proposedName({ settings: settings('Camille Laurent'), appInfo: info, access: atLaptop })).toBe(
      'Camille Laurent',
    );
    expect(proposedName({ settings: settings(null), appInfo: info, access: atLaptop })).toBe('camille');
    expect(proposedName({ settings: null, appInfo: null, access: null })).toBe('');
  });

  it('never takes the laptop owner’s login for a teammate’s browser', () => {
    expect(proposedName({ settings: settings(null), appInfo: info, access: teammate })).toBe('');
    expect(proposedName({ settings: settings('Tariq'), appInfo: info, access: teammate })).toBe('Tariq');
  });
});
