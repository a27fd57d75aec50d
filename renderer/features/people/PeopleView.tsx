// The people directory of the workspace. (Skeleton.)
import type { Documents } from '../../../common/domain/documents';

interface Props {
  docs: Documents;
  actor: string;
}

export function PeopleView(_props: Props) {
  return null;
}
