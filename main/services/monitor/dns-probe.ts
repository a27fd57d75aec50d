// DNS checks with c-ares (dns.promises.Resolver), never dns.lookup: lookup
// runs on libuv's four shared threads and would queue behind file I/O when
// hundreds of checks run. Each check gets its own resolver, so cancelling
// one at its deadline cannot cancel another's queries.
import { promises as dns } from 'node:dns';
import type { DnsRecordType, MonitorOf } from '../../../common/monitors/monitor-schema';
import { reason } from '../../../common/monitors/reasons';
import { failure, milliseconds, seconds, success, type ProbeContext, type ProbeResult } from './probe';

/** Answers as comparable text: names lower-case without the final dot, records in zone-file order. */
async function query(resolver: dns.Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  const host = (value: string) => value.toLowerCase().replace(/\.$/, '');
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return (await resolver.resolveCname(name)).map(host);
    case 'NS':
      return (await resolver.resolveNs(name)).map(host);
    case 'PTR':
      return (await resolver.resolvePtr(name)).map(host);
    case 'MX':
      return (await resolver.resolveMx(name)).map((record) => `${record.priority} ${host(record.exchange)}`);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
    case 'SRV':
      return (await resolver.resolveSrv(name)).map(
        (record) => `${record.priority} ${record.weight} ${record.port} ${host(record.name)}`,
      );
    case 'CAA':
      return (await resolver.resolveCaa(name)).map((record) => {
        const [tag, value] = Object.entries(record).find(([key]) => key !== 'critical') ?? ['', ''];
        return `${record.critical} ${tag} "${String(value)}"`;
      });
    case 'SOA': {
      const soa = await resolver.resolveSoa(name);
      return [`${host(soa.nsname)} ${host(soa.hostmaster)} ${soa.serial}`];
    }
  }
}

function normalise(value: string, type: DnsRecordType): string {
  return type === 'TXT' || type === 'CAA' ? value : value.toLowerCase().replace(/\.$/, '');
}

export async function probeDns(monitor: MonitorOf<'dns'>, context: ProbeContext): Promise<ProbeResult> {
  const started = performance.now();
  const resolver = new dns.Resolver({ timeout: Math.max(1, Math.round(context.timeoutMs)), tries: 1 });
  if (monitor.servers) resolver.setServers(monitor.servers);
  const onAbort = () => resolver.cancel();
  context.signal.addEventListener('abort', onAbort, { once: true });
  const values = { name: monitor.domain, type: monitor.recordType };
  try {
    const answers = (await query(resolver, monitor.domain, monitor.recordType)).map((value) =>
      normalise(value, monitor.recordType),
    );
    const latency = milliseconds(started);
    const shown = answers.join(', ');
    if (monitor.expected) {
      const expected = monitor.expected.map((value) => normalise(value, monitor.recordType));
      const isMatch =
        expected.every((value) => answers.includes(value)) &&
        (monitor.match === 'includes' || answers.every((value) => expected.includes(value)));
      if (!isMatch) return failure(reason('dnsMismatch', { expected: expected.join(', '), answers: shown }), latency);
    }
    return success(reason('dnsOk', { ...values, answers: shown }), latency);
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (context.signal.aborted || code === 'ETIMEOUT' || code === 'ECANCELLED') {
      return failure(reason('dnsTimeout', { seconds: seconds(context.timeoutMs) }));
    }
    if (code === 'ENOTFOUND') return failure(reason('dnsNotFound', values));
    if (code === 'ENODATA') return failure(reason('dnsNoAnswer', values));
    return failure(reason('dnsError', { code: typeof code === 'string' ? code : String(error) }));
  } finally {
    context.signal.removeEventListener('abort', onAbort);
  }
}
