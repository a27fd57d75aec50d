// Real servers on loopback for the probe tests and the benchmark: HTTP and
// HTTPS with certificates made at test time by the openssl CLI (a private CA,
// an expired leaf, a self-signed one), a DNS server on UDP that answers what
// it is told, and a TCP port that never accepts.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Running {
  readonly port: number;
  readonly url: string;
  /** Connections the server accepted, to see keep-alive at work. */
  readonly connections: () => number;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function listen(server: Server, scheme: string, port = 0): Promise<Running> {
  const sockets = new Set<Socket>();
  let connections = 0;
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    port: bound,
    url: `${scheme}://127.0.0.1:${bound}`,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** @param port a fixed port, to bring a server back where a monitor looks for it; a free one by default. */
export function startHttpServer(handler: Handler, port = 0): Promise<Running> {
  return listen(http.createServer(handler), 'http', port);
}

export function startHttpsServer(certificate: Certificate, handler: Handler): Promise<Running> {
  return listen(https.createServer({ key: certificate.key, cert: certificate.cert }, handler), 'https');
}

/** A raw TCP server, for answers that are not HTTP at all. */
export function startTcpServer(onSocket: (socket: Socket) => void): Promise<Running> {
  return listen(createServer(onSocket), 'tcp');
}

export interface Certificate {
  readonly key: string;
  readonly cert: string;
}

export interface TestCertificates {
  /** The private CA that signed `valid`, `expiringSoon` and `expired`; the probes are told to trust it. */
  readonly ca: string;
  readonly valid: Certificate;
  readonly expiringSoon: Certificate;
  readonly expired: Certificate;
  readonly selfSigned: Certificate;
}

function opensslDate(at: number): string {
  return `${new Date(at).toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
}

/** Certificates for 127.0.0.1, made by the openssl CLI (node:crypto cannot issue X.509). */
export async function makeCertificates(now = Date.now()): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'warroom-certs-'));
  const at = (name: string) => join(dir, name);
  const curve = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  const san = 'subjectAltName=IP:127.0.0.1';
  try {
    await run('openssl', [
      'req',
      '-x509',
      ...curve,
      '-keyout',
      at('ca.key'),
      '-out',
      at('ca.pem'),
      '-days',
      '30',
      '-subj',
      '/CN=war-room test CA',
    ]);
    await writeFile(at('index.txt'), '');
    await writeFile(at('serial'), '1000\n');
    await writeFile(at('san.cnf'), `${san}\n`);
    await writeFile(
      at('ca.cnf'),
      [
        '[ca]',
        'default_ca = test',
        '[test]',
        `dir = ${dir}`,
        `database = ${at('index.txt')}`,
        `new_certs_dir = ${dir}`,
        `serial = ${at('serial')}`,
        'default_md = sha256',
        'policy = anything',
        'unique_subject = no',
        '[anything]',
        'commonName = supplied',
        '',
      ].join('\n'),
    );
    const DAY = 86_400_000;
    const issue = async (name: string, from: number, to: number): Promise<Certificate> => {
      await run('openssl', [
        'req',
        ...curve,
        '-keyout',
        at(`${name}.key`),
        '-out',
        at(`${name}.csr`),
        '-subj',
        '/CN=127.0.0.1',
      ]);
      await run('openssl', [
        'ca',
        '-batch',
        '-notext',
        '-config',
        at('ca.cnf'),
        '-cert',
        at('ca.pem'),
        '-keyfile',
        at('ca.key'),
        '-in',
        at(`${name}.csr`),
        '-out',
        at(`${name}.pem`),
        '-extfile',
        at('san.cnf'),
        '-startdate',
        opensslDate(from),
        '-enddate',
        opensslDate(to),
      ]);
      return { key: await readFile(at(`${name}.key`), 'utf8'), cert: await readFile(at(`${name}.pem`), 'utf8') };
    };
    const valid = await issue('valid', now - DAY, now + 60 * DAY);
    // Three days and a half left: the probe counts whole days, 3.
    const expiringSoon = await issue('soon', now - DAY, now + 3.5 * DAY);
    const expired = await issue('expired', now - 40 * DAY, now - 10.5 * DAY);
    await run('openssl', [
      'req',
      '-x509',
      ...curve,
      '-keyout',
      at('self.key'),
      '-out',
      at('self.pem'),
      '-days',
      '30',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      san,
    ]);
    const selfSigned = { key: await readFile(at('self.key'), 'utf8'), cert: await readFile(at('self.pem'), 'utf8') };
    return { ca: await readFile(at('ca.pem'), 'utf8'), valid, expiringSoon, expired, selfSigned };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface DnsAnswerPlan {
  /** IPv4 answers by lower-case name; a name absent here gets NXDOMAIN. */
  readonly a: Readonly<Record<string, readonly string[]>>;
  /** Names the server receives but never answers. */
  readonly silent?: readonly string[];
}

function readName(message: Buffer, start: number): { name: string; end: number } {
  const labels: string[] = [];
  let offset = start;
  for (let length = message[offset] ?? 0; length > 0; length = message[offset] ?? 0) {
    labels.push(message.subarray(offset + 1, offset + 1 + length).toString('ascii'));
    offset += length + 1;
  }
  return { name: labels.join('.').toLowerCase(), end: offset + 1 };
}

/** A DNS server on UDP loopback (RFC 1035 messages, A records only), answering from a plan. */
export async function startDnsServer(plan: DnsAnswerPlan): Promise<{ server: string; close(): Promise<void> }> {
  const socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    const { name, end } = readName(query, 12);
    if (plan.silent?.includes(name)) return;
    const question = query.subarray(12, end + 4);
    const type = query.readUInt16BE(end);
    const addresses = plan.a[name];
    const answers = type === 1 && addresses ? addresses : [];
    const header = Buffer.alloc(12);
    header.writeUInt16BE(query.readUInt16BE(0), 0);
    // Response, recursion desired and available; rcode 3 (NXDOMAIN) for unknown names.
    header.writeUInt16BE(0x8180 | (addresses ? 0 : 3), 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    const records = answers.map((address) => {
      const record = Buffer.alloc(16);
      record.writeUInt16BE(0xc00c, 0); // the name, as a pointer to the question's
      record.writeUInt16BE(1, 2); // A
      record.writeUInt16BE(1, 4); // IN
      record.writeUInt32BE(60, 6);
      record.writeUInt16BE(4, 10);
      address.split('.').forEach((part, index) => record.writeUInt8(Number(part), 12 + index));
      return record;
    });
    socket.send(Buffer.concat([header, question, ...records]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/**
 * A port that never accepts: a child process listens with a backlog of one
 * and blocks its event loop, so it never calls accept(); the queue is filled,
 * and the kernel drops any further SYN, as a firewall that drops packets does.
 */
export async function startBlackHole(): Promise<{ port: number; close(): Promise<void> }> {
  const script = `
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(String(server.address().port) + '\\n', () => {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      });
    });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('error', reject);
  });
  const fillers: Socket[] = [];
  // Linux queues backlog + 1 completed connections: two fill the queue.
  for (let index = 0; index < 2; index += 1) {
    const filler = connect({ port, host: '127.0.0.1' });
    fillers.push(filler);
    await new Promise<void>((resolve, reject) => {
      filler.once('connect', resolve);
      filler.once('error', reject);
    });
  }
  return {
    port,
    close: async () => {
      for (const filler of fillers) filler.destroy();
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** A port nothing listens on: bound, noted, released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
