// How a role is named on screen: the catalogue for built-ins, the document's name
// for custom roles, and a plain "Deleted role" for one whose document is gone.
import type { Documents } from '../../../common/domain/documents';
import { isBuiltInRole, type RoleRow } from '../../../common/domain/roles';
import type { Locale } from '../../../common/i18n/locales';

type Translate = (key: string) => string;

export function roleLabel(role: string, docs: Pick<Documents, 'roles'>, t: Translate): string {
  if (isBuiltInRole(role)) return t(`role.${role}`);
  return docs.roles.get(role)?.name ?? t('roles.board.retired');
}

export function rowLabel(row: RoleRow, t: Translate): string {
  if (isBuiltInRole(row.role)) return t(`role.${row.role}`);
  return row.customName ?? t('roles.board.retired');
}

/** "A, B and C" / "A, B et C". */
export function formatList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}
