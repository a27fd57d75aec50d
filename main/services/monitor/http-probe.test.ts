import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitorSchema, type MonitorInput, type MonitorOf } from '../../../common/monitors/monitor-schema';
import { describe as say } from '../../../common/monitors/reasons';
import { createHttpAgents, probeHttp, type HttpAgents } from './http-probe';
import type { ProbeContext, ProbeResult } from './probe';
import {
  closedPort,
  makeCertificates,
  startHttpServer,
  startHttpsServer,
  startTcpServer,
  type Running,
  type TestCertificates,
} from './test-servers';

const SECRETS: Record<string, string> = { 'shop-token': 'Bearer s3cret' };

type HttpInput = Extract<MonitorInput, { type: 'http' }>;

function http(input: Partial<HttpInput> & { url: HttpInput['url'] }) {
  return monitorSchema.parse({ id: 'm', name: 'm', type: 'http', ...input }) as MonitorOf<'http'>;
}

let agents: HttpAgents;

async function check(monitor: MonitorOf<'http'>): Promise<ProbeResult> {
  const controller = new AbortController();
  const timeoutMs = monitor.timeout * 1000;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const context: ProbeContext = {
    signal: controller.signal,
    timeoutMs,
    secrets: (name) => Promise.resolve(SECRETS[name] ?? null),
    now: () => Date.now(),
  };
  try {
    return await probeHttp(monitor, agents, context);
  } finally {
    clearTimeout(timer);
  }
}

function words(result: ProbeResult) {
  return { outcome: result.outcome, reason: say(result.reason), warnings: result.warnings.map((item) => say(item)) };
}

describe('HTTP probe against loopback servers', () => {
  const servers: Running[] = [];
  let plain: Running;
  let garbage: Running;
  let certificates: TestCertificates;
  const https: Partial<Record<keyof Omit<TestCertificates, 'ca'>, Running>> = {};
  const seen: { path: string; authorization?: string }[] = [];

  beforeAll(async () => {
    plain = await startHttpServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://x');
      seen.push({ path: url.pathname, authorization: request.headers.authorization });
      const hops = /^\/hop\/(\d+)$/.exec(url.pathname);
      switch (true) {
        case url.pathname === '/health':
          response.setHeader('content-type', 'application/json');
          response.end(JSON.stringify({ status: 'ok', checks: [{ name: 'db', ok: true }] }));
          return;
        case url.pathname === '/unavailable':
          response.statusCode = 503;
          response.end('maintenance');
          return;
        case url.pathname === '/slow':
          setTimeout(() => response.end('late'), 400);
          return;
        case url.pathname === '/hang':
          return; // never answers
        case url.pathname === '/cut':
          response.writeHead(200, { 'content-length': '1000' });
          response.write('only the beginning');
          setTimeout(() => response.socket?.destroy(), 20);
          return;
        case url.pathname === '/huge':
          response.end(Buffer.alloc(3 * 1024 * 1024, 'x'));
          return;
        case url.pathname === '/loop-a':
          response.writeHead(302, { location: '/loop-b' }).end();
          return;
        case url.pathname === '/loop-b':
          response.writeHead(301, { location: '/loop-a' }).end();
          return;
        case hops !== null:
          response.writeHead(307, { location: `/hop/${Number(hops?.[1]) + 1}` }).end();
          return;
        case url.pathname === '/secured':
          response.statusCode = request.headers.authorization === 'Bearer s3cret' ? 200 : 401;
          response.end();
          return;
        case url.pathname === '/elsewhere':
          response.writeHead(302, { location: `${url.searchParams.get('to') ?? ''}/landing` }).end();
          return;
        default:
          response.end('landing');
      }
    });
    garbage = await startTcpServer((socket) => {
      socket.once('data', () => socket.end('GARBAGE 42 not http at all\r\n\r\n'));
    });
    servers.push(plain, garbage);
    certificates = await makeCertificates();
    agents = createHttpAgents([certificates.ca]);
    for (const name of ['valid', 'expiringSoon', 'expired', 'selfSigned'] as const) {
      const server = await startHttpsServer(certificates[name], (_request, response) => response.end('ok'));
      https[name] = server;
      servers.push(server);
    }
  });

  afterAll(async () => {
    agents.destroy();
    await Promise.all(servers.map((server) => server.close()));
  });

  it('passes a healthy endpoint, with keyword and JSON path assertions', async () => {
    const result = await check(
      http({
        url: `${plain.url}/health`,
        keyword: { text: '"ok"' },
        json: { path: '$.checks[0].ok', equals: true },
      }),
    );
    expect(result.outcome).toBe('success');
    expect(say(result.reason)).toMatch(/^status 200 in \d+ ms$/);
  });

  it('words assertion failures', async () => {
    expect(words(await check(http({ url: `${plain.url}/unavailable` })))).toMatchObject({
      outcome: 'failure',
      reason: 'expected status 2xx, got 503',
    });
    expect(words(await check(http({ url: `${plain.url}/unavailable`, expectedStatus: [503] }))).outcome).toBe(
      'success',
    );
    expect(
      words(await check(http({ url: `${plain.url}/health`, keyword: { text: 'error', mode: 'absent' } }))).outcome,
    ).toBe('success');
    expect(words(await check(http({ url: `${plain.url}/health`, keyword: { text: 'degraded' } }))).reason).toBe(
      'the response does not contain “degraded”',
    );
    expect(
      words(await check(http({ url: `${plain.url}/health`, regex: { pattern: '"status":\\s*"down"' } }))).reason,
    ).toBe('the response does not match /"status":\\s*"down"/');
    expect(
      words(await check(http({ url: `${plain.url}/health`, json: { path: '$.status', equals: 'up' } }))).reason,
    ).toBe('expected $.status to be "up", got "ok"');
    expect(words(await check(http({ url: `${plain.url}/landing`, json: { path: '$.status' } }))).reason).toBe(
      'the response is not valid JSON',
    );
  });

  it('fails a slow answer above its limit, and times out a hanging one by phase', async () => {
    expect(words(await check(http({ url: `${plain.url}/slow`, maxLatencyMs: 50 }))).reason).toMatch(
      /^answered in \d+ ms, above the 50 ms limit$/,
    );
    expect(words(await check(http({ url: `${plain.url}/hang`, timeout: 0.3 })))).toMatchObject({
      outcome: 'failure',
      reason: 'connected, but no response within 0.3 s',
    });
  });

  it('names a connection closed mid-response, garbage, and a body over the cap', async () => {
    expect(words(await check(http({ url: `${plain.url}/cut` }))).reason).toBe(
      'the connection closed before the response was complete',
    );
    expect(words(await check(http({ url: garbage.url.replace('tcp:', 'http:') }))).reason).toMatch(
      /^the answer is not valid HTTP \(.+\)$/,
    );
    expect(words(await check(http({ url: `${plain.url}/huge`, maxBodyKiB: 1024 }))).reason).toBe(
      'the response is larger than 1024 KiB',
    );
    const refused = await closedPort();
    expect(words(await check(http({ url: `http://127.0.0.1:${refused}/` }))).reason).toBe(
      `connection refused by 127.0.0.1:${refused}`,
    );
  });

  it('follows redirects, catches loops and long chains, or leaves them alone when told', async () => {
    expect(words(await check(http({ url: `${plain.url}/loop-a` }))).reason).toBe(
      `redirect loop back to ${plain.url}/loop-a`,
    );
    expect(words(await check(http({ url: `${plain.url}/hop/0`, maxRedirects: 3 }))).reason).toBe(
      'more than 3 redirects',
    );
    expect(
      words(await check(http({ url: `${plain.url}/loop-a`, followRedirects: false, expectedStatus: [302] }))).outcome,
    ).toBe('success');
  });

  it('sends secret headers to their origin only, and says when a secret is missing', async () => {
    const other = await startHttpServer((request, response) => {
      seen.push({ path: `other${request.url ?? ''}`, authorization: request.headers.authorization });
      response.end('ok');
    });
    try {
      expect(
        (await check(http({ url: `${plain.url}/secured`, headers: { Authorization: { secret: 'shop-token' } } })))
          .outcome,
      ).toBe('success');
      const hop = await check(
        http({ url: `${plain.url}/elsewhere?to=${other.url}`, headers: { Authorization: { secret: 'shop-token' } } }),
      );
      expect(hop.outcome).toBe('success');
      expect(seen.find((entry) => entry.path === 'other/landing')).toEqual({
        path: 'other/landing',
        authorization: undefined,
      });
      expect(
        words(await check(http({ url: `${plain.url}/secured`, headers: { Authorization: { secret: 'nope' } } })))
          .reason,
      ).toBe('the secret “nope” is not in this computer’s secret store');
    } finally {
      await other.close();
    }
  });

  it('reuses kept-alive connections across checks', async () => {
    const server = await startHttpServer((_request, response) => response.end('ok'));
    try {
      for (let index = 0; index < 5; index += 1) {
        expect((await check(http({ url: `${server.url}/` }))).outcome).toBe('success');
      }
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('reads TLS certificates: trusted, expiring soon, expired, self-signed', async () => {
    expect(words(await check(http({ url: `${https.valid?.url}/` })))).toEqual({
      outcome: 'success',
      reason: expect.stringMatching(/^status 200/),
      warnings: [],
    });
    expect(words(await check(http({ url: `${https.expiringSoon?.url}/` })))).toMatchObject({
      outcome: 'success',
      warnings: ['the TLS certificate expires in 3 days'],
    });
    expect(words(await check(http({ url: `${https.expired?.url}/` })))).toMatchObject({
      outcome: 'failure',
      reason: 'the TLS certificate expired 10 days ago',
    });
    expect(words(await check(http({ url: `${https.selfSigned?.url}/` }))).reason).toBe(
      'the TLS certificate is self-signed',
    );
    // Told not to verify, the self-signed one passes, and an expired one still fails.
    expect(words(await check(http({ url: `${https.selfSigned?.url}/`, verifyTls: false }))).outcome).toBe('success');
    expect(words(await check(http({ url: `${https.expired?.url}/`, verifyTls: false }))).reason).toBe(
      'the TLS certificate expired 10 days ago',
    );
  });
});
