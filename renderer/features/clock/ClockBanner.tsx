// The band under the header while this computer's clock keeps it from syncing:
// receivers refuse events whose clock runs more than 5 minutes ahead of theirs,
// so a laptop whose clock is off has its events held back (or, behind, the
// team's). The host measures its clock against the hub's on every exchange and
// says so in its sync status; the band names the offset and what to do.
import type { SyncStatus } from '../../../common/bridge/contract';
import { isClockOffBeyondBound } from '../../../common/sync/clock-offset';
import { useLocale, useT } from '../../i18n';
import { formatClockOffset } from '../../i18n/format';
import { isLanPeer, useUiStore } from '../../store/ui-store';

/** Below this, a clock is as right as clocks get: a refusal is not its fault now. */
const NOTABLE_OFFSET_MS = 60_000;

const TEAMMATE_KEYS = {
  ahead: 'sync.clock.hostAhead',
  behind: 'sync.clock.hostBehind',
  refused: 'sync.clock.hostRefused',
} as const;

interface Props {
  readonly status: SyncStatus | null;
}

export function ClockBanner({ status }: Props) {
  const t = useT();
  const locale = useLocale();
  // A teammate's browser on the LAN: the clock at fault is the laptop's, not theirs.
  const isTeammate = useUiStore(isLanPeer);
  if (!status?.isClockOff || status.state === 'disabled') return null;
  const offset = status.clockOffsetMs;
  // Off beyond the bound, or refused while off by a minute or more (a clock within the bound
  // can still seal events beyond it, its hybrid clock drawn ahead by a teammate's): say by how
  // much. A refusal with the clock since set right (or from a hub that does not tell its time):
  // events sealed while it ran ahead wait for their time.
  const isNamed = offset !== null && (isClockOffBeyondBound(offset) || Math.abs(offset) >= NOTABLE_OFFSET_MS);
  const direction = !isNamed ? 'refused' : offset > 0 ? 'ahead' : 'behind';
  const key = isTeammate ? TEAMMATE_KEYS[direction] : `sync.clock.${direction}`;
  return (
    <div className="alert-band" role="alert" data-testid="clock-banner" data-direction={direction}>
      <strong data-testid="clock-banner-text">
        {t(key, { offset: offset === null ? '' : formatClockOffset(offset, locale) })}
      </strong>
      {!isTeammate && <span className="alert-band-detail">{t('sync.clock.fix')}</span>}
    </div>
  );
}
