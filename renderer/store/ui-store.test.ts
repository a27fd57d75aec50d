import { describe, expect, it } from 'vitest';
import { routeFromHash, routeToHash, type Route } from './ui-store';

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
