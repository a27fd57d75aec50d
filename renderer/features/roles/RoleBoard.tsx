// Who holds which role on this incident. (Skeleton.)
import type { Documents } from '../../../common/domain/documents';
import type { Incident } from '../../../common/domain/incidents';

interface Props {
  incident: Incident;
  docs: Documents;
  actor: string;
}

export function RoleBoard(_props: Props) {
  return null;
}
