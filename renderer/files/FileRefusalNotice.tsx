// A YAML file or text refused before its importer read it (too large, or
// unreadable), said the same way on every screen that imports one.
import { useLocale, useT } from '../i18n';
import type { FileRefusal } from './read-yaml';
import { refusalText } from './refusal-text';

export function FileRefusalNotice({ refusal }: { refusal: FileRefusal }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p
      className="error"
      role="alert"
      data-testid="file-refused"
      data-reason={refusal.reason}
      data-size={refusal.reason === 'too-large' ? refusal.size : undefined}
      data-limit={refusal.reason === 'too-large' ? refusal.limit : undefined}
    >
      {refusalText(refusal, locale, t)}
    </p>
  );
}
