// TCP checks: can a connection be opened to host:port before the deadline.
import { connect } from 'node:net';
import type { MonitorOf } from '../../../common/monitors/monitor-schema';
import { reason } from '../../../common/monitors/reasons';
import {
  connectionReason,
  describeError,
  failure,
  milliseconds,
  seconds,
  success,
  type ProbeContext,
  type ProbeResult,
} from './probe';

export function probeTcp(monitor: MonitorOf<'tcp'>, context: ProbeContext): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: monitor.host, port: monitor.port });
    const finish = (result: ProbeResult) => {
      context.signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish(failure(reason('timeoutConnect', { seconds: seconds(context.timeoutMs) })));
    if (context.signal.aborted) return onAbort();
    context.signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      const latency = milliseconds(started);
      finish(success(reason('tcpOk', { latency }), latency));
    });
    socket.once('error', (error) =>
      finish(
        failure(
          connectionReason(error, monitor.host, monitor.port) ??
            reason('networkError', { detail: describeError(error) }),
        ),
      ),
    );
  });
}
