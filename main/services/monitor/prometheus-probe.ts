// Prometheus checks: an instant query (`/api/v1/query`) whose every series is
// compared with a threshold. The answer is parsed, not trusted: a proxy's
// error page or a truncated body is a clear failure, not a crash.
import { z } from 'zod';
import type { Comparison, MonitorOf } from '../../../common/monitors/monitor-schema';
import { reason } from '../../../common/monitors/reasons';
import { httpFailureReason, sendHttpRequest, type HttpAgents } from './http-probe';
import {
  connectionReason,
  describeError,
  failure,
  milliseconds,
  resolveSecretText,
  success,
  type ProbeContext,
  type ProbeResult,
} from './probe';

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

const sampleSchema = z.tuple([z.number(), z.string()]);
const answerSchema = z.union([
  z.object({
    status: z.literal('success'),
    data: z.discriminatedUnion('resultType', [
      z.object({
        resultType: z.literal('vector'),
        result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: sampleSchema })),
      }),
      z.object({ resultType: z.literal('scalar'), result: sampleSchema }),
    ]),
  }),
  z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string() }),
]);

export function compare(value: number, op: Comparison, threshold: number): boolean {
  switch (op) {
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

/** `up{job="shop",instance="a:9100"}`, shortened: it is shown in a sentence. */
function seriesName(metric: Readonly<Record<string, string>>): string {
  const { __name__: name = '', ...labels } = metric;
  const text = `${name}{${Object.entries(labels)
    .map(([label, value]) => `${label}="${value}"`)
    .join(',')}}`;
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

export async function probePrometheus(
  monitor: MonitorOf<'prometheus'>,
  agents: HttpAgents,
  context: ProbeContext,
): Promise<ProbeResult> {
  const started = performance.now();
  let url: URL | null = null;
  try {
    const base = await resolveSecretText(monitor.url, context.secrets);
    url = new URL(`${base.replace(/\/+$/, '')}/api/v1/query`);
    url.searchParams.set('query', monitor.query);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(monitor.headers ?? {})) {
      headers[name] = await resolveSecretText(value, context.secrets);
    }
    const answer = await sendHttpRequest(
      { url, method: 'GET', headers, verifyTls: true, maxBodyBytes: MAX_ANSWER_BYTES, keepBody: true },
      agents,
      context,
    );
    const latency = milliseconds(started);
    let parsed: z.infer<typeof answerSchema>;
    try {
      parsed = answerSchema.parse(JSON.parse(answer.body.toString('utf8')));
    } catch {
      return failure(reason('prometheusBadAnswer'), latency);
    }
    if (parsed.status === 'error') return failure(reason('prometheusError', { detail: parsed.error }), latency);
    const series =
      parsed.data.resultType === 'scalar'
        ? [{ name: 'scalar', value: Number(parsed.data.result[1]) }]
        : parsed.data.result.map((entry) => ({ name: seriesName(entry.metric), value: Number(entry.value[1]) }));
    if (series.length === 0) return failure(reason('prometheusEmpty'), latency);
    const { op, threshold } = monitor.condition;
    const breach = series.find((entry) => !compare(entry.value, op, threshold));
    if (breach) {
      return failure(
        reason('prometheusThreshold', { series: breach.name, value: breach.value, op, threshold }),
        latency,
      );
    }
    return success(reason('prometheusOk', { op, threshold }), latency);
  } catch (error) {
    if (url === null)
      return failure(connectionReason(error, '', 0) ?? reason('networkError', { detail: describeError(error) }));
    return failure(await httpFailureReason(error, url, context));
  }
}
