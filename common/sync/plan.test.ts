// Every kind of forged or malformed batch is refused whole, with its own code.
import { describe, expect, it } from 'vitest';
import { hashEvent } from '../events/chain';
import type { WarEvent } from '../events/event';
import { answerExchange, fitBatch, syncWith } from './exchange';
import { MAX_BATCH_BYTES } from './protocol';
import { MemoryEventLog } from './memory-log';

let n = 0;
function writer(deviceId = 'laptop-a', workspace = 'ws') {
  return new MemoryEventLog(workspace, deviceId, () => `e${(n += 1)}`);
}

function chain(count: number, deviceId = 'laptop-a', workspace = 'ws'): WarEvent[] {
  const log = writer(deviceId, workspace);
  const [declared] = log.write(
    [{ type: 'incident.declared', actor: 'A', payload: { title: 'x', severity: 'SEV1', kind: 'security' } }],
    1_000,
  );
  for (let i = 1; i < count; i += 1) {
    log.write(
      [{ type: 'incident.note-added', incidentId: declared!.id, actor: 'A', payload: { text: `note ${i}` } }],
      1_000 + i,
    );
  }
  return log.all();
}

function reseal(event: WarEvent, change: Partial<WarEvent>): WarEvent {
  const body = { ...event, ...change } as WarEvent;
  return { ...body, hash: hashEvent(body) } as WarEvent;
}

async function refusal(events: readonly unknown[], receiver = writer('hub')) {
  const before = await receiver.vector();
  const result = await receiver.apply(events);
  expect(await receiver.vector(), 'a refused batch stores nothing').toEqual(before);
  return result.ok ? null : result.error;
}

describe('batch verification', () => {
  it('stores a valid batch, and storing it again changes nothing', async () => {
    const receiver = writer('hub');
    const events = chain(4);
    expect(await receiver.apply(events)).toEqual({ ok: true, stored: 4 });
    expect(await receiver.apply(events)).toEqual({ ok: true, stored: 0 });
    expect(await receiver.apply([...events].reverse())).toEqual({ ok: true, stored: 0 });
    expect(await receiver.vector()).toEqual({ 'laptop-a': 4 });
  });

  it('refuses an altered event (bad hash)', async () => {
    const events = chain(3);
    const forged = { ...events[1]!, actor: 'Mallory' };
    expect(await refusal([events[0], forged, events[2]])).toMatchObject({ code: 'bad-hash', eventId: events[1]!.id });
  });

  it('refuses an event re-sealed onto another predecessor (broken chain)', async () => {
    const events = chain(3);
    expect(await refusal([events[0], reseal(events[1]!, { prevHash: 'a'.repeat(64) })])).toMatchObject({
      code: 'broken-chain',
    });
    expect(await refusal([reseal(events[0]!, { prevHash: 'b'.repeat(64) })])).toMatchObject({ code: 'broken-chain' });
  });

  it('refuses a clock that runs backwards within a device', async () => {
    const events = chain(2);
    const backwards = reseal(events[1]!, { hlc: '000000000000001:00000', prevHash: events[0]!.hash });
    expect(await refusal([events[0], backwards])).toMatchObject({ code: 'broken-chain' });
  });

  it('refuses a gap in seq', async () => {
    const events = chain(3);
    expect(await refusal([events[0], events[2]])).toMatchObject({ code: 'seq-gap' });
    expect(await refusal([events[1]])).toMatchObject({ code: 'seq-gap' });
  });

  it('refuses a held seq arriving with another body', async () => {
    const receiver = writer('hub');
    const events = chain(2);
    await receiver.apply(events);
    const other = chain(2); // same device, same seqs, different ids and hashes
    expect(await refusal([other[0]], receiver)).toMatchObject({ code: 'seq-conflict' });
  });

  it('refuses events of another workspace', async () => {
    expect(await refusal(chain(1, 'laptop-a', 'other'))).toMatchObject({ code: 'wrong-workspace' });
    const answer = await answerExchange(writer('hub'), { workspace: 'other', vector: {}, events: [] });
    expect(answer).toMatchObject({ ok: false, error: { code: 'wrong-workspace' } });
  });

  it('refuses malformed input and says where', async () => {
    for (const junk of [
      [null],
      ['<script>'],
      [{ ...chain(1)[0]!, type: 'shell.exec' }],
      [{ ...chain(1)[0]!, seq: -1 }],
    ]) {
      expect(await refusal(junk)).toMatchObject({ code: 'malformed' });
    }
    const truncated = JSON.parse(JSON.stringify(chain(1)[0])) as Record<string, unknown>;
    delete truncated.hash;
    expect(await refusal([truncated])).toMatchObject({ code: 'malformed', message: expect.stringContaining('hash') });
  });

  it('refuses an oversized batch', async () => {
    expect(await refusal(chain(3).concat(new Array(2_000).fill(chain(1)[0])))).toMatchObject({ code: 'oversized' });
  });

  it('refuses the whole batch when one event in it is bad', async () => {
    const good = chain(2, 'laptop-b');
    const bad = { ...chain(1, 'laptop-c')[0]!, actor: 'forged' };
    expect(await refusal([...good, bad])).toMatchObject({ code: 'bad-hash' });
  });
});

describe('batch size in bytes', () => {
  it('splits long notes into batches a peer accepts, and still converges', async () => {
    const source = writer('laptop-a');
    const [declared] = source.write(
      [{ type: 'incident.declared', actor: 'A', payload: { title: 'x', severity: 'SEV1', kind: 'security' } }],
      1,
    );
    // 1,200 notes of 10,000 characters, 25 KB each in UTF-8: ~30 MB, far over one batch's 8 MB.
    const text = 'é€'.repeat(5_000);
    for (let i = 0; i < 1_200; i += 1) {
      source.write([{ type: 'incident.note-added', incidentId: declared!.id, actor: 'A', payload: { text } }], 2 + i);
    }
    const hub = writer('hub');
    const sizes: number[] = [];
    const outcome = await syncWith(source, async (request) => {
      sizes.push(new TextEncoder().encode(JSON.stringify(request)).length);
      return answerExchange(hub, request);
    });
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeGreaterThan(3 * MAX_BATCH_BYTES);
    expect(outcome.roundTrips).toBe(sizes.length);
    expect(await hub.vector()).toEqual(await source.vector());
  });

  it('keeps at least one event per batch', () => {
    expect(fitBatch([{ big: 'x'.repeat(100) }], 10)).toHaveLength(1);
    expect(fitBatch([], 10)).toEqual([]);
  });
});
