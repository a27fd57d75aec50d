// Ctrl+K: every action from the keyboard. (Skeleton.)
import type { WarRoomState } from '../../../common/domain/incidents';
import type { Route } from '../../store/ui-store';

interface Props {
  state: WarRoomState;
  actor: string;
  go(route: Route): void;
}

export function CommandPalette(_props: Props) {
  return null;
}
