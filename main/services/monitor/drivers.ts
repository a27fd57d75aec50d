// Where a monitor's results come from. The network driver runs the real
// probe for the monitor's type; a scripted driver lets the exercise clock set
// a monitor's result instead, so a drill shows "payments down" on the same
// board, through the same thresholds, without touching the network.
import { assertNever } from '../../../common/assert';
import type { MonitorDefinition } from '../../../common/monitors/monitor-schema';
import { probeDns } from './dns-probe';
import { probeHeartbeat, type HeartbeatRegistry } from './heartbeat';
import { probeHttp, type HttpAgents } from './http-probe';
import { DEFAULT_PING, probePing, type PingOptions } from './ping-probe';
import type { ProbeContext, ProbeResult } from './probe';
import { probePrometheus } from './prometheus-probe';
import { probeTcp } from './tcp-probe';

export interface MonitorDriver {
  check(monitor: MonitorDefinition, context: ProbeContext): Promise<ProbeResult>;
}

export function createNetworkDriver(
  agents: HttpAgents,
  heartbeats: HeartbeatRegistry,
  ping: PingOptions = DEFAULT_PING,
): MonitorDriver {
  return {
    async check(monitor, context) {
      switch (monitor.type) {
        case 'http':
          return probeHttp(monitor, agents, context);
        case 'tcp':
          return probeTcp(monitor, context);
        case 'dns':
          return probeDns(monitor, context);
        case 'ping':
          return probePing(monitor, context, ping);
        case 'prometheus':
          return probePrometheus(monitor, agents, context);
        case 'heartbeat':
          return probeHeartbeat(monitor, heartbeats, context.now());
        default:
          return assertNever(monitor);
      }
    },
  };
}

/** A driver whose result is set from outside (an exercise inject); it answers instantly. */
export class ScriptedDriver implements MonitorDriver {
  constructor(private current: ProbeResult) {}

  set(result: ProbeResult): void {
    this.current = result;
  }

  check(): Promise<ProbeResult> {
    return Promise.resolve(this.current);
  }
}
