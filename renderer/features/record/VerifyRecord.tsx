// "Verify the record": checks every device's hash chain in this window's copy
// (the raw objects IndexedDB holds, whatever they are) and in this device's
// store behind the host, and says precisely what is wrong and where.
import { useCallback, useEffect, useRef, useState } from 'react';
import { assertNever } from '../../../common/assert';
import { verifyRecord, type ChainBreak, type RecordReport } from '../../../common/events/chain';
import { getBridge } from '../../bridge';
import { getEventStore } from '../../db';
import { useT } from '../../i18n';
import { createLogger } from '../../log';
import './record.css';

const log = createLogger('verify-record');

type TFunction = ReturnType<typeof useT>;
type HostOutcome = { ok: true; report: RecordReport } | { ok: false; message: string };

interface WindowOutcome {
  readonly report: RecordReport;
  readonly ownDevice: string;
}

async function verifyWindow(): Promise<WindowOutcome> {
  const store = getEventStore();
  const [stored, heads, identity] = await Promise.all([store.all(), store.vector(), store.identity()]);
  // What IndexedDB holds is checked as found, typed or not: a damaged row must be reported, not trusted.
  return { report: verifyRecord(stored as readonly unknown[], heads), ownDevice: identity.deviceId };
}

async function verifyHost(): Promise<HostOutcome> {
  const result = await getBridge().call('record:verify', {});
  return result.ok ? { ok: true, report: result.value } : { ok: false, message: result.error.message };
}

interface Described {
  readonly text: string;
  readonly device?: string;
  readonly seq?: number;
  readonly eventId?: string;
  readonly index?: number;
  /** Later events of the device were not checked. */
  readonly isStop: boolean;
}

function describe(fault: ChainBreak, t: TFunction): Described {
  switch (fault.kind) {
    case 'bad-hash':
    case 'broken-link':
      return {
        text: t(`dashboard.record.break.${fault.kind}`),
        device: fault.deviceId,
        seq: fault.seq,
        eventId: fault.eventId,
        isStop: true,
      };
    case 'duplicate':
      return {
        text: t('dashboard.record.break.duplicate'),
        device: fault.deviceId,
        seq: fault.seq,
        ...(fault.eventId ? { eventId: fault.eventId } : {}),
        isStop: true,
      };
    case 'gap':
      return {
        text: t('dashboard.record.break.gap', { expected: fault.expectedSeq, found: fault.foundSeq }),
        device: fault.deviceId,
        seq: fault.expectedSeq,
        isStop: true,
      };
    case 'truncated':
      return {
        text: t('dashboard.record.break.truncated', { last: fault.lastSeq, head: fault.headSeq }),
        device: fault.deviceId,
        seq: fault.lastSeq + 1,
        isStop: false,
      };
    case 'malformed':
      return {
        text: t('dashboard.record.break.malformed', {
          problem: t(`dashboard.record.problem.${fault.problem}`, { field: fault.field ?? '' }),
        }),
        index: fault.index,
        ...(fault.deviceId !== undefined ? { device: fault.deviceId } : {}),
        ...(fault.seq !== undefined ? { seq: fault.seq } : {}),
        ...(fault.eventId !== undefined ? { eventId: fault.eventId } : {}),
        isStop: fault.seq !== undefined,
      };
    default:
      return assertNever(fault);
  }
}

function Report({
  report,
  ownDevice,
  label,
  testId,
}: {
  report: RecordReport;
  ownDevice: string | undefined;
  label: string;
  testId: string;
}) {
  const t = useT();
  const isIntact = report.breaks.length === 0;
  const events = t('dashboard.record.events', { count: report.checked });
  const devices = t('dashboard.record.devices', { count: report.devices.length });
  const deviceName = (deviceId: string) =>
    deviceId === ownDevice ? `${deviceId} (${t('dashboard.record.thisDevice')})` : deviceId;
  return (
    <section
      className={`record-report ${isIntact ? 'is-intact' : 'is-broken'}`}
      data-testid={testId}
      data-state={isIntact ? 'intact' : 'broken'}
      data-events={report.checked}
      data-devices={report.devices.length}
    >
      <h3>{label}</h3>
      <p className="record-verdict" data-testid="verify-verdict">
        {report.checked === 0 && isIntact ? (
          t('dashboard.record.nothing')
        ) : (
          <>
            {isIntact ? t('dashboard.record.intact') : t('dashboard.record.problems', { count: report.breaks.length })}{' '}
            <span className="muted">{t('dashboard.record.checked', { events, devices })}</span>
          </>
        )}
      </p>
      {report.breaks.length > 0 && (
        <ol className="record-breaks">
          {report.breaks.map((fault, position) => {
            const described = describe(fault, t);
            return (
              <li
                key={position}
                data-testid="verify-break"
                data-kind={fault.kind}
                data-device={described.device}
                data-seq={described.seq}
                data-event={described.eventId}
              >
                <strong>{described.text}</strong>
                <dl>
                  {described.device !== undefined && (
                    <>
                      <dt>{t('dashboard.record.field.device')}</dt>
                      <dd className="mono">{deviceName(described.device)}</dd>
                    </>
                  )}
                  {described.seq !== undefined && (
                    <>
                      <dt>{t('dashboard.record.field.seq')}</dt>
                      <dd className="mono">{described.seq}</dd>
                    </>
                  )}
                  {described.eventId !== undefined && (
                    <>
                      <dt>{t('dashboard.record.field.event')}</dt>
                      <dd className="mono">{described.eventId}</dd>
                    </>
                  )}
                  {described.index !== undefined && (
                    <>
                      <dt>{t('dashboard.record.field.index')}</dt>
                      <dd className="mono">#{described.index + 1}</dd>
                    </>
                  )}
                </dl>
                {described.isStop && <p className="muted">{t('dashboard.record.stopped')}</p>}
              </li>
            );
          })}
        </ol>
      )}
      <ul className="record-devices">
        {report.devices.map((device) => (
          <li key={device.deviceId} className="muted">
            {t('dashboard.record.deviceLine', {
              device: deviceName(device.deviceId),
              through: device.verifiedThrough,
              count: device.events,
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface Props {
  /** Starts at once (the palette's "Verify the record"). */
  autoStart?: boolean;
}

export function VerifyRecord({ autoStart = false }: Props) {
  const t = useT();
  // The window's copy answers at once; the host's may take longer (or not answer): each shows when ready.
  const [windowOutcome, setWindowOutcome] = useState<WindowOutcome | null>(null);
  const [hostOutcome, setHostOutcome] = useState<HostOutcome | null>(null);
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const hasStarted = useRef(false);

  const run = useCallback(() => {
    setWindowOutcome(null);
    setHostOutcome(null);
    setError(null);
    setPending(2);
    const done = () => setPending((count) => count - 1);
    verifyWindow()
      .then(setWindowOutcome)
      .catch((caught: unknown) => {
        log.error('verification failed', caught);
        setError(caught instanceof Error ? caught.message : String(caught));
      })
      .finally(done);
    verifyHost()
      .then(setHostOutcome)
      .catch((caught: unknown) => setHostOutcome({ ok: false, message: String(caught) }))
      .finally(done);
  }, []);

  useEffect(() => {
    if (autoStart && !hasStarted.current) {
      hasStarted.current = true;
      run();
    }
  }, [autoStart, run]);

  const isRunning = pending > 0;
  const isBroken =
    (windowOutcome !== null && windowOutcome.report.breaks.length > 0) ||
    (hostOutcome !== null && hostOutcome.ok && hostOutcome.report.breaks.length > 0);
  const ownDevice = windowOutcome?.ownDevice;
  return (
    <div className="panel verify-record" data-testid="verify-record">
      <h2>{t('dashboard.record.heading')}</h2>
      <p className="muted">{t('dashboard.record.intro')}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={isRunning} data-testid="verify-run" onClick={run}>
          {isRunning ? t('dashboard.record.verifying') : t('dashboard.record.verify')}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {(windowOutcome || hostOutcome) && (
        <div
          className="record-outcome"
          data-testid="verify-result"
          data-state={isRunning ? 'running' : isBroken ? 'broken' : 'intact'}
          role="status"
        >
          {windowOutcome && (
            <Report
              report={windowOutcome.report}
              ownDevice={ownDevice}
              label={t('dashboard.record.window')}
              testId="verify-window"
            />
          )}
          {hostOutcome &&
            (hostOutcome.ok ? (
              <Report
                report={hostOutcome.report}
                ownDevice={ownDevice}
                label={t('dashboard.record.host')}
                testId="verify-host"
              />
            ) : (
              <section className="record-report" data-testid="verify-host" data-state="unavailable">
                <h3>{t('dashboard.record.host')}</h3>
                <p className="error">{t('dashboard.record.hostUnavailable', { message: hostOutcome.message })}</p>
              </section>
            ))}
          {isBroken && <p className="record-advice">{t('dashboard.record.advice')}</p>}
        </div>
      )}
    </div>
  );
}
