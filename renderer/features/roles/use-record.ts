// Writing events from a form: one append, the error shown in the user's words.
import { useCallback, useState } from 'react';
import type { EventDraft } from '../../../common/events/event';
import { getEventStore } from '../../db';
import { useT } from '../../i18n';

export function useRecord() {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  /** Appends the drafts together; true when they are in the record. */
  const record = useCallback(
    async (drafts: EventDraft[]): Promise<boolean> => {
      setIsSaving(true);
      try {
        await getEventStore().append(drafts);
        setError(null);
        return true;
      } catch (caught) {
        setError(t('roles.board.failed', { message: caught instanceof Error ? caught.message : String(caught) }));
        return false;
      } finally {
        setIsSaving(false);
      }
    },
    [t],
  );

  return { error, isSaving, record };
}
