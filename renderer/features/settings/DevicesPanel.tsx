// Settings → Devices: every device that wrote to this workspace, as the record
// shows it (the fold's devices slice): who is at it, what kind of device, which
// laptop let it in, when it was first and last seen, how much it wrote, and
// whether it was revoked. The person at the laptop revokes, in two steps, a
// device this laptop let in; the host checks and writes the revocation itself.
import { useState } from 'react';
import { isDeviceRevokeRefusal } from '../../../common/bridge/devices-contract';
import type { DeviceView, Devices } from '../../../common/domain/devices';
import { mayRevoke } from '../../../common/events/devices';
import { getBridge } from '../../bridge';
import { currentWorkspace, getProjection, useWarRoomState } from '../../db';
import { useLocale, useT } from '../../i18n';
import { formatDateTime, timeZoneName } from '../../i18n/format';
import { canCall, useUiStore } from '../../store/ui-store';
import { useOwnDevices, type OwnDevices } from './use-own-devices';
import './devices.css';

type TFunction = ReturnType<typeof useT>;

/** What became of a revocation, in the person's words. */
export type RevokeOutcome = { ok: true; afterSeq: number } | { ok: false; message: string };

export type RevokeDevice = (deviceId: string, reason: string | undefined) => Promise<RevokeOutcome>;

/** A device id short enough for a table (its `dev-` prefix dropped); the whole id is in the cell's title. */
export function shortId(deviceId: string): string {
  return deviceId.replace(/^dev-/, '').slice(0, 8);
}

/** A moment in the user's language and time zone; a dash for none (a device the record knows only by name). */
function when(ms: number | undefined, locale: 'en' | 'fr', t: TFunction): string {
  return ms !== undefined && Number.isFinite(ms) ? formatDateTime(ms, locale) : t('devices.none');
}

/** Who a device writes for, as a person reads it: the hub is "the team hub". */
export function deviceOwner(devices: Devices, deviceId: string | undefined, t: TFunction): string {
  const device = deviceId === undefined ? undefined : devices.get(deviceId);
  if (device?.kind === 'hub') return t('devices.hubPerson');
  return device?.person?.name ?? t('devices.unknownPerson');
}

/** Whether this laptop may revoke `device` from this window (never itself, nor the window asking). */
export function isRevocableHere(device: DeviceView, own: OwnDevices): boolean {
  if (own.hostId === null || device.revokedAfter !== undefined || device.kind === 'unsigned') return false;
  if (device.deviceId === own.hostId || device.deviceId === own.windowId) return false;
  return mayRevoke({ deviceId: own.hostId, kind: 'host' }, device, device.deviceId);
}

interface TableProps {
  readonly devices: Devices;
  readonly own: OwnDevices;
  /** False in a teammate's browser: only the person at the laptop revokes. */
  readonly canRevoke: boolean;
  readonly onRevoke: RevokeDevice;
}

function OwnMarks({ device, own }: { device: DeviceView; own: OwnDevices }) {
  const t = useT();
  const mark =
    device.deviceId === own.hostId
      ? t('devices.thisLaptop')
      : device.deviceId === own.windowId
        ? t('devices.thisWindow')
        : device.sponsor !== undefined && device.sponsor === own.hostId
          ? t('devices.ofThisLaptop')
          : null;
  return mark === null ? null : (
    <span className="tag device-own" data-testid="device-own">
      {mark}
    </span>
  );
}

function Revocation({ device, devices }: { device: DeviceView; devices: Devices }) {
  const t = useT();
  const locale = useLocale();
  if (device.revokedAfter === undefined) return <span className="muted">{t('devices.active')}</span>;
  return (
    <span className="device-revoked" data-testid="device-revocation">
      {t('devices.revoked', {
        when: when(device.revokedAt, locale, t),
        by: deviceOwner(devices, device.revokedBy, t),
        after: device.revokedAfter,
      })}
      {device.forked && (
        <span className="device-forked" data-testid="device-forked">
          {' · '}
          {t('devices.forked')}
        </span>
      )}
    </span>
  );
}

function ConfirmRevoke({
  device,
  onConfirm,
  onCancel,
  isBusy,
}: {
  device: DeviceView;
  onConfirm(reason: string | undefined): void;
  onCancel(): void;
  isBusy: boolean;
}) {
  const t = useT();
  const [reason, setReason] = useState('');
  return (
    <div className="device-confirm" role="group" data-testid="device-confirm">
      <p>
        <strong>
          {t('devices.confirmTitle', {
            person: device.person?.name ?? t('devices.unknownPerson'),
            kind: t(`devices.kind.${device.kind}`),
            device: shortId(device.deviceId),
          })}
        </strong>
      </p>
      <p>{t('devices.confirmText', { count: device.events })}</p>
      <label className="field">
        <span>{t('devices.reason')}</span>
        <input
          data-testid="device-revoke-reason"
          value={reason}
          maxLength={1_000}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <div className="actions">
        <button
          type="button"
          className="device-revoke-confirm"
          disabled={isBusy}
          onClick={() => onConfirm(reason.trim() || undefined)}
          data-testid="device-revoke-confirm"
        >
          {isBusy ? t('devices.revoking') : t('devices.confirm')}
        </button>
        <button type="button" disabled={isBusy} onClick={onCancel} data-testid="device-revoke-cancel">
          {t('devices.cancel')}
        </button>
      </div>
    </div>
  );
}

/** The devices table, given the record's devices and which of them are this window's own. */
export function DeviceTable({ devices, own, canRevoke, onRevoke }: TableProps) {
  const t = useT();
  const locale = useLocale();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const rows = [...devices.values()]
    // A device named only by a revocation wrote nothing here.
    .filter((device) => device.events > 0)
    .sort((a, b) => a.firstSeen - b.firstSeen || a.deviceId.localeCompare(b.deviceId));

  const revoke = async (device: DeviceView, reason: string | undefined) => {
    setIsBusy(true);
    const result = await onRevoke(device.deviceId, reason);
    setIsBusy(false);
    setConfirming(null);
    setOutcome(
      result.ok
        ? { ok: true, text: t('devices.done', { device: shortId(device.deviceId), after: result.afterSeq }) }
        : { ok: false, text: result.message },
    );
  };

  if (rows.length === 0) return <p className="muted">{t('devices.empty')}</p>;
  return (
    <>
      <div className="device-table-wrap">
        <table className="device-table" data-testid="device-table">
          <thead>
            <tr>
              <th>{t('devices.columns.device')}</th>
              <th>{t('devices.columns.person')}</th>
              <th>{t('devices.columns.kind')}</th>
              <th>{t('devices.columns.sponsor')}</th>
              <th>{t('devices.columns.firstSeen')}</th>
              <th>{t('devices.columns.lastSeen')}</th>
              <th className="numeric">{t('devices.columns.events')}</th>
              <th>{t('devices.columns.state')}</th>
              {canRevoke && <th aria-hidden="true" />}
            </tr>
          </thead>
          <tbody>
            {rows.map((device) => {
              const isRevocable = canRevoke && isRevocableHere(device, own);
              const sponsor = device.sponsor;
              return [
                <tr
                  key={device.deviceId}
                  data-testid="device-row"
                  data-device-id={device.deviceId}
                  data-kind={device.kind}
                  data-revoked={device.revokedAfter !== undefined}
                  className={device.revokedAfter !== undefined ? 'is-revoked' : undefined}
                >
                  <td title={device.deviceId}>
                    <code>{shortId(device.deviceId)}</code> <OwnMarks device={device} own={own} />
                  </td>
                  <td data-testid="device-person">{device.person?.name ?? t('devices.unknownPerson')}</td>
                  <td data-testid="device-kind">{t(`devices.kind.${device.kind}`)}</td>
                  <td data-testid="device-sponsor" title={sponsor}>
                    {sponsor === undefined
                      ? t('devices.none')
                      : sponsor === own.hostId
                        ? t('devices.thisLaptop')
                        : devices.has(sponsor)
                          ? `${deviceOwner(devices, sponsor, t)} (${shortId(sponsor)})`
                          : t('devices.otherLaptop', { device: shortId(sponsor) })}
                  </td>
                  <td>{when(device.firstSeen, locale, t)}</td>
                  <td>{when(device.lastSeen, locale, t)}</td>
                  <td className="numeric" data-testid="device-events">
                    {device.events}
                  </td>
                  <td>
                    <Revocation device={device} devices={devices} />
                  </td>
                  {canRevoke && (
                    <td className="device-action">
                      {isRevocable ? (
                        <button
                          type="button"
                          className="device-revoke-button"
                          disabled={isBusy || confirming === device.deviceId}
                          onClick={() => {
                            setOutcome(null);
                            setConfirming(device.deviceId);
                          }}
                          data-testid="device-revoke"
                        >
                          {t('devices.revoke')}
                        </button>
                      ) : device.revokedAfter === undefined &&
                        device.deviceId !== own.hostId &&
                        device.deviceId !== own.windowId ? (
                        <span className="muted" title={t('devices.notRevocable')} data-testid="device-not-revocable">
                          {t('devices.none')}
                        </span>
                      ) : null}
                    </td>
                  )}
                </tr>,
                confirming === device.deviceId && (
                  <tr key={`${device.deviceId}-confirm`} className="device-confirm-row">
                    <td colSpan={9}>
                      <ConfirmRevoke
                        device={device}
                        isBusy={isBusy}
                        onConfirm={(reason) => void revoke(device, reason)}
                        onCancel={() => setConfirming(null)}
                      />
                    </td>
                  </tr>
                ),
              ];
            })}
          </tbody>
        </table>
      </div>
      {outcome && (
        <p
          className={outcome.ok ? 'muted' : 'error'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid="device-revoke-outcome"
        >
          {outcome.text}
        </p>
      )}
    </>
  );
}

/** Asks the host to revoke; its reason codes become sentences. */
function useRevoke(): RevokeDevice {
  const t = useT();
  return async (deviceId, reason) => {
    const result = await getBridge().call('devices:revoke', {
      workspace: currentWorkspace(),
      deviceId,
      ...(reason ? { reason } : {}),
    });
    if (result.ok) return { ok: true, afterSeq: result.value.afterSeq };
    const { code, message } = result.error;
    if (code === 'refused' && isDeviceRevokeRefusal(message))
      return { ok: false, message: t(`devices.refusal.${message}`) };
    if (code === 'forbidden') return { ok: false, message: t('lan.refusal.devices-laptop-only') };
    return { ok: false, message: t('devices.failed', { message }) };
  };
}

export function DevicesPanel() {
  const t = useT();
  const devices = useWarRoomState(getProjection())?.devices;
  const own = useOwnDevices();
  const canRevoke = useUiStore((state) => canCall(state, 'devices:revoke'));
  const revoke = useRevoke();
  return (
    <div className="panel devices-panel" data-testid="devices-panel">
      <h2>{t('devices.heading')}</h2>
      <p className="muted">{t('devices.intro')}</p>
      {!canRevoke && (
        <p className="muted" role="note" data-testid="devices-laptop-only">
          {t('lan.refusal.devices-laptop-only')}
        </p>
      )}
      {devices && <DeviceTable devices={devices} own={own} canRevoke={canRevoke} onRevoke={revoke} />}
      <p className="muted device-zone">{t('devices.timeZone', { timeZone: timeZoneName() })}</p>
    </div>
  );
}
