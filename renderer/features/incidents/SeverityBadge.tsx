import type { Severity } from '../../../common/events/event';

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`severity severity-${severity.toLowerCase()}`} data-testid="severity">
      {severity}
    </span>
  );
}
