import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  monitorSchema,
  type MonitorInput,
  type MonitorOf,
  type ProbeType,
} from '../../../common/monitors/monitor-schema';
import { describe as say } from '../../../common/monitors/reasons';
import { probeDns } from './dns-probe';
import { acceptBeat, HeartbeatRegistry, probeHeartbeat } from './heartbeat';
import { createHttpAgents } from './http-probe';
import { parsePingReplies, probePing } from './ping-probe';
import type { ProbeContext, ProbeResult } from './probe';
import { probePrometheus } from './prometheus-probe';
import { probeTcp } from './tcp-probe';
import { closedPort, startBlackHole, startDnsServer, startHttpServer, startTcpServer } from './test-servers';

function monitor<T extends ProbeType>(type: T, input: Record<string, unknown>): MonitorOf<T> {
  return monitorSchema.parse({ id: 'm', name: 'm', type, ...input } as MonitorInput) as MonitorOf<T>;
}

const secrets = (name: string) => Promise.resolve(name === 'beat' ? 'b3at' : null);

async function within<T>(timeoutMs: number, run: (context: ProbeContext) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await run({ signal: controller.signal, timeoutMs, secrets, now: () => Date.now() });
  } finally {
    clearTimeout(timer);
  }
}

const words = (result: ProbeResult) => ({ outcome: result.outcome, reason: say(result.reason) });

describe('TCP probe', () => {
  it('connects to an open port, names a refused one, and times out on a port that never accepts', async () => {
    const open = await startTcpServer((socket) => socket.end());
    const hole = await startBlackHole();
    try {
      const tcp = (port: number) => monitor('tcp', { host: '127.0.0.1', port });
      expect(words(await within(2000, (context) => probeTcp(tcp(open.port), context))).outcome).toBe('success');
      const refused = await closedPort();
      expect(words(await within(2000, (context) => probeTcp(tcp(refused), context)))).toEqual({
        outcome: 'failure',
        reason: `connection refused by 127.0.0.1:${refused}`,
      });
      expect(words(await within(300, (context) => probeTcp(tcp(hole.port), context)))).toEqual({
        outcome: 'failure',
        reason: 'could not connect within 0.3 s',
      });
    } finally {
      await open.close();
      await hole.close();
    }
  });
});

describe('DNS probe', () => {
  let dns: Awaited<ReturnType<typeof startDnsServer>>;
  beforeAll(async () => {
    dns = await startDnsServer({
      a: { 'shop.test': ['10.9.9.9'], 'pay.test': ['10.0.0.7', '10.0.0.8'] },
      silent: ['slow.test'],
    });
  });
  afterAll(() => dns.close());
  const query = (input: Record<string, unknown>) => monitor('dns', { servers: [dns.server], ...input });

  it('catches a server that answers the wrong address', async () => {
    expect(
      words(await within(2000, (context) => probeDns(query({ domain: 'shop.test', expected: ['10.0.0.1'] }), context))),
    ).toEqual({
      outcome: 'failure',
      reason: 'expected 10.0.0.1, got 10.9.9.9',
    });
  });

  it('accepts expected answers, in includes or exact mode', async () => {
    const includes = query({ domain: 'pay.test', expected: ['10.0.0.8'] });
    expect(words(await within(2000, (context) => probeDns(includes, context)))).toEqual({
      outcome: 'success',
      reason: 'A pay.test: 10.0.0.7, 10.0.0.8',
    });
    const exact = query({ domain: 'pay.test', expected: ['10.0.0.8'], match: 'exact' });
    expect(words(await within(2000, (context) => probeDns(exact, context))).outcome).toBe('failure');
  });

  it('names a missing domain and a server that never answers', async () => {
    expect(words(await within(2000, (context) => probeDns(query({ domain: 'gone.test' }), context))).reason).toBe(
      'gone.test does not exist',
    );
    expect(words(await within(300, (context) => probeDns(query({ domain: 'slow.test' }), context))).reason).toBe(
      'the DNS server did not answer within 0.3 s',
    );
  });
});

describe('ping probe', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warroom-ping-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** A stand-in for the system's ping: a real child process printing what iputils prints. */
  async function fakePing(output: string, exitCode: number): Promise<string> {
    const path = join(dir, `ping-${exitCode}-${output.length}`);
    await writeFile(path, `#!/bin/sh\ncat <<'OUT'\n${output}\nOUT\nexit ${exitCode}\n`);
    await chmod(path, 0o755);
    return path;
  }

  const target = monitor('ping', { host: '192.0.2.10' });

  it('says plainly when ping is not installed', async () => {
    const result = await within(2000, (context) =>
      probePing(target, context, { command: join(dir, 'no-such-ping'), platform: 'linux' }),
    );
    expect(words(result).reason).toBe('the ping command is not installed on this computer');
  });

  it('reads the round trip from a reply, and no reply as a failure', async () => {
    const reply = await fakePing(
      [
        'PING 192.0.2.10 (192.0.2.10) 56(84) bytes of data.',
        '64 bytes from 192.0.2.10: icmp_seq=1 ttl=64 time=12.4 ms',
        '',
        '--- 192.0.2.10 ping statistics ---',
        '1 packets transmitted, 1 received, 0% packet loss, time 0ms',
      ].join('\n'),
      0,
    );
    expect(
      words(await within(2000, (context) => probePing(target, context, { command: reply, platform: 'linux' }))),
    ).toEqual({
      outcome: 'success',
      reason: 'reply in 12 ms',
    });
    const lost = await fakePing('1 packets transmitted, 0 received, 100% packet loss, time 0ms', 1);
    expect(
      words(await within(2000, (context) => probePing(target, context, { command: lost, platform: 'linux' }))),
    ).toEqual({
      outcome: 'failure',
      reason: 'no reply from 192.0.2.10',
    });
  });

  it('parses the replies of Linux, macOS and Windows', () => {
    expect(parsePingReplies('64 bytes from 10.0.0.1: icmp_seq=0 ttl=64 time=0.045 ms')).toEqual([0.045]);
    expect(
      parsePingReplies(
        'Reply from 10.0.0.1: bytes=32 time<1ms TTL=128\nReply from 10.0.0.1: bytes=32 time=3ms TTL=128',
      ),
    ).toEqual([1, 3]);
    expect(parsePingReplies('Antwort von 10.0.0.1: Bytes=32 Zeit=14ms TTL=57')).toEqual([14]);
    expect(parsePingReplies('Request timed out.')).toEqual([]);
  });
});

describe('Prometheus probe', () => {
  it('compares every series with the threshold, and words empty, error and garbage answers', async () => {
    const answers: Record<string, unknown> = {
      error_rate: {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            { metric: { __name__: 'error_rate', instance: 'a' }, value: [1, '0.01'] },
            { metric: { __name__: 'error_rate', instance: 'b' }, value: [1, '0.09'] },
          ],
        },
      },
      'scalar(1)': { status: 'success', data: { resultType: 'scalar', result: [1, '1'] } },
      absent_metric: { status: 'success', data: { resultType: 'vector', result: [] } },
      'bad(': { status: 'error', errorType: 'bad_data', error: 'parse error at char 5' },
    };
    const server = await startHttpServer((request, response) => {
      const query = new URL(request.url ?? '/', 'http://x').searchParams.get('query') ?? '';
      response.statusCode = query === 'bad(' ? 400 : 200;
      response.end(query === 'html' ? '<html>proxy error</html>' : JSON.stringify(answers[query]));
    });
    const agents = createHttpAgents();
    const ask = (query: string, op = '<', threshold = 0.05) =>
      within(2000, (context) =>
        probePrometheus(
          monitor('prometheus', { url: server.url, query, condition: { op, threshold } }),
          agents,
          context,
        ),
      ).then(words);
    try {
      expect(await ask('error_rate')).toEqual({
        outcome: 'failure',
        reason: 'error_rate{instance="b"} is 0.09, expected < 0.05',
      });
      expect(await ask('error_rate', '<', 0.1)).toEqual({ outcome: 'success', reason: 'every series < 0.1' });
      expect((await ask('scalar(1)', '==', 1)).outcome).toBe('success');
      expect((await ask('absent_metric')).reason).toBe('the query returned no series');
      expect((await ask('bad(')).reason).toBe('Prometheus answered with an error: parse error at char 5');
      expect((await ask('html')).reason).toBe('the answer is not a Prometheus query result');
    } finally {
      agents.destroy();
      await server.close();
    }
  });
});

describe('heartbeat', () => {
  const HOUR = 3_600_000;
  const start = Date.parse('2025-06-04T00:00:00Z');
  const backup = monitor('heartbeat', { every: 86_400, grace: 3_600, token: { secret: 'beat' } });

  it('accepts beats carrying the token, and refuses the others', async () => {
    const registry = new HeartbeatRegistry(start);
    expect(await acceptBeat(registry, backup, null, secrets, start)).toBe('forbidden');
    expect(await acceptBeat(registry, backup, 'guess', secrets, start)).toBe('forbidden');
    expect(await acceptBeat(registry, undefined, 'b3at', secrets, start)).toBe('unknown-monitor');
    expect(await acceptBeat(registry, backup, 'b3at', secrets, start + HOUR)).toBe('accepted');
    expect(registry.lastBeat('m')).toBe(start + HOUR);
  });

  it('fails when the last beat is older than its period and grace, in hours', () => {
    const registry = new HeartbeatRegistry(start);
    expect(words(probeHeartbeat(backup, registry, start + 2 * HOUR)).outcome).toBe('success');
    expect(words(probeHeartbeat(backup, registry, start + 26 * HOUR))).toEqual({
      outcome: 'failure',
      reason: 'no heartbeat since the host started 26 h ago',
    });
    registry.record('m', start + 26 * HOUR);
    expect(words(probeHeartbeat(backup, registry, start + 30 * HOUR)).reason).toBe('last heartbeat 4 h ago');
    expect(words(probeHeartbeat(backup, registry, start + 52 * HOUR))).toEqual({
      outcome: 'failure',
      reason: 'no heartbeat for 26 h',
    });
  });
});
