// The band under the header while what this window writes reaches nobody:
// its device is revoked (the record says so, or the host just refused it so),
// or the host refuses its events for another reason. A revoked browser is told
// who let it go, for as long as it lasts, whatever its sync loop is doing
// (once it holds the revocation, it no longer offers what would be refused).
// Any other refusal names its code, so the person can say what is wrong.
import type { Devices } from '../../../common/domain/devices';
import { useT } from '../../i18n';
import { isLanPeer, useUiStore } from '../../store/ui-store';
import { deviceOwner } from './DevicesPanel';
import { useWindowDevice } from './use-own-devices';
import './devices.css';

interface Props {
  /** The record's devices, to name who revoked this window; undefined while it is first read. */
  readonly devices: Devices | undefined;
}

export function WriteRefusalBanner({ devices }: Props) {
  const t = useT();
  const refusal = useUiStore((state) => state.writeRefusal);
  const isTeammate = useUiStore(isLanPeer);
  const windowId = useWindowDevice();
  const own = windowId === null ? undefined : devices?.get(windowId);
  const isRevoked = own?.revokedAfter !== undefined || refusal?.code === 'device-revoked';
  if (!isRevoked && !refusal) return null;
  // A refusal comes before the revocation itself reaches this window; until then, no name.
  const who = devices && own?.revokedBy !== undefined ? deviceOwner(devices, own.revokedBy, t) : null;
  const subject = isTeammate ? 'browser' : 'window';
  const code = isRevoked ? 'device-revoked' : (refusal?.code ?? '');
  const text = !isRevoked
    ? t('devices.blocked.other', { code })
    : who === null
      ? t(`devices.blocked.${subject}Revoked`)
      : t(`devices.blocked.${subject}RevokedBy`, { who });
  return (
    <div className="alert-band" role="alert" data-testid="write-refusal" data-code={code}>
      <strong data-testid="write-refusal-text">{text}</strong>
      {!isRevoked && refusal && (
        <span className="alert-band-detail">{t('devices.blocked.detail', { message: refusal.message })}</span>
      )}
    </div>
  );
}
