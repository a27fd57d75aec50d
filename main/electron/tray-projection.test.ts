import { describe, expect, it } from 'vitest';
import { foldEvents } from '../../common/domain/incidents';
import { MemoryEventLog } from '../../common/sync/memory-log';
import { IncrementalProjection } from './tray-projection';

function newLog(deviceId: string) {
  let ids = 0;
  return new MemoryEventLog('default', deviceId, () => `${deviceId}-${(ids += 1)}`);
}

describe('the tray’s projection of the record', () => {
  it('applies new events without refolding, refolds when an older one arrives, and always equals a full fold', async () => {
    const log = newLog('host');
    const projection = new IncrementalProjection(async () => log);
    expect((await projection.current()).incidents.size).toBe(0);
    const [declared] = log.write(
      [
        {
          type: 'incident.declared',
          actor: 'A',
          payload: { title: 'Checkout down', severity: 'SEV1', kind: 'technical-failure' },
        },
      ],
      1_000,
    );
    expect((await projection.current()).incidents.get(declared!.id)?.status).toBe('investigating');
    log.write(
      [{ type: 'incident.status-changed', incidentId: declared!.id, actor: 'A', payload: { status: 'identified' } }],
      2_000,
    );
    expect((await projection.current()).incidents.get(declared!.id)?.status).toBe('identified');
    expect(projection.refolds).toBe(1);
    // A laptop that was offline syncs an incident declared before the others.
    const offline = newLog('offline-laptop');
    offline.write(
      [
        {
          type: 'incident.declared',
          actor: 'B',
          payload: { title: 'Stores offline', severity: 'SEV2', kind: 'technical-failure' },
        },
      ],
      500,
    );
    await log.apply(offline.all());
    const state = await projection.current();
    expect(projection.refolds).toBe(2);
    expect(state).toEqual(foldEvents(await log.eventsBeyond({}, 1_000)));
  });
});
