// The client's own checks, over a transport written for the test: it must not
// pass on what the contract does not allow, whatever the host sends.
import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../common/bridge/result';
import { createBridgeClient } from './client';
import type { Transport } from './transport';

function transport(answer: () => Promise<Result<unknown>>, events: [string, unknown][] = []): Transport {
  return {
    call: answer,
    subscribe: (listener) => {
      for (const [name, payload] of events) listener(name, payload);
      return () => undefined;
    },
    onStatus: () => () => undefined,
    close: () => undefined,
  };
}

describe('bridge client', () => {
  it('returns a validated response', async () => {
    const client = createBridgeClient(transport(async () => ok({ locale: 'fr', displayName: 'Alice' })));
    expect(await client.call('settings:get', {})).toEqual(ok({ locale: 'fr', displayName: 'Alice' }));
  });

  it('turns a response outside the contract into an error value', async () => {
    const client = createBridgeClient(transport(async () => ok({ locale: 'klingon' })));
    expect(await client.call('settings:get', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('turns a transport failure into an unavailable error value', async () => {
    const client = createBridgeClient(transport(async () => Promise.reject(new Error('socket closed'))));
    expect(await client.call('settings:get', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'socket closed' },
    });
  });

  it('delivers only valid events of the name listened to', () => {
    const heard: unknown[] = [];
    const client = createBridgeClient(
      transport(
        async () => ok(null),
        [
          ['settings:changed', { locale: 'en', displayName: null }],
          ['settings:changed', { locale: 42 }],
          ['something:else', {}],
        ],
      ),
    );
    client.on('settings:changed', (payload) => heard.push(payload));
    expect(heard).toEqual([{ locale: 'en', displayName: null }]);
  });
});
