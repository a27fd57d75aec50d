// A monitor's status as colour AND words, so it reads without colour vision.
import type { MonitorEntryStatus } from '../../../common/domain/incidents';
import { useT } from '../../i18n';

export function StatusBadge({ status }: { status: MonitorEntryStatus }) {
  const t = useT();
  return (
    <span className={`monitor-status monitor-status-${status}`} data-testid="monitor-status" data-status={status}>
      {t(`monitors.status.${status}`)}
    </span>
  );
}
