// The home screen. (Skeleton: the dashboard lands with issue 4's dashboard work.)
import type { WarRoomState } from '../../../common/domain/incidents';
import { IncidentList } from '../incidents/IncidentList';

interface Props {
  state: WarRoomState;
  actor: string;
  onOpen(incidentId: string): void;
}

export function Dashboard({ state, actor, onOpen }: Props) {
  return <IncidentList state={state} actor={actor} onOpen={onOpen} />;
}
