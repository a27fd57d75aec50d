// Names of things that are built in (translated) or the workspace's own (as typed).
import { useCallback } from 'react';
import { EMPTY_DOCUMENTS, type Documents } from '../../../common/domain/documents';
import { INCIDENT_KINDS, type Severity } from '../../../common/events/event';
import { getProjection, useWarRoomState } from '../../db';
import { useT } from '../../i18n';

/** The workspace documents, for components deep in the tree. */
export function useDocuments(): Documents {
  return useWarRoomState(getProjection())?.docs ?? EMPTY_DOCUMENTS;
}

export function isBuiltInKind(kind: string): kind is (typeof INCIDENT_KINDS)[number] {
  return (INCIDENT_KINDS as readonly string[]).includes(kind);
}

/** An incident type's name: built-in types are translated, custom ones named by their document. */
export function useKindLabel(): (kind: string) => string {
  const t = useT();
  const docs = useDocuments();
  return useCallback(
    (kind: string) => (isBuiltInKind(kind) ? t(`kind.${kind}`) : (docs.incidentTypes.get(kind)?.name ?? kind)),
    [t, docs],
  );
}

/** What a severity means here: the workspace's definition, else the built-in one. */
export function useSeverityHint(): (severity: Severity) => string {
  const t = useT();
  const docs = useDocuments();
  return useCallback(
    (severity: Severity) => docs.severityDefinitions.get(severity)?.description ?? t(`severityHint.${severity}`),
    [t, docs],
  );
}
