// A note from anywhere, by keyboard shortcut. (Skeleton.)
import type { WarRoomState } from '../../../common/domain/incidents';

interface Props {
  state: WarRoomState;
  actor: string;
}

export function QuickNote(_props: Props) {
  return null;
}
