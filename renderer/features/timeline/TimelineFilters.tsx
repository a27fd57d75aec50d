// The timeline's filters: words, kinds of entry, author, the author's role,
// key moments only. The search box answers the `searchTimeline` command.
import type { RefObject } from 'react';
import type { Documents } from '../../../common/domain/documents';
import {
  CHANGE_KINDS,
  isFilterActive,
  NO_FILTER,
  type FilterKind,
  type TimelineFacets,
  type TimelineFilter,
} from '../../../common/domain/timeline-filter';
import { NOTE_KINDS } from '../../../common/events/event';
import { useT } from '../../i18n';
import { roleLabel } from './TimelineEntryView';

interface Props {
  filter: TimelineFilter;
  facets: TimelineFacets;
  docs: Documents;
  onChange(filter: TimelineFilter): void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function TimelineFilters({ filter, facets, docs, onChange, searchRef }: Props) {
  const t = useT();
  const set = (change: Partial<TimelineFilter>) => onChange({ ...filter, ...change });
  const toggleKind = (kind: FilterKind) => {
    const kinds = new Set(filter.kinds);
    if (kinds.has(kind)) kinds.delete(kind);
    else kinds.add(kind);
    set({ kinds });
  };
  const kindLabel = (kind: FilterKind) =>
    (NOTE_KINDS as readonly string[]).includes(kind) ? t(`noteKind.${kind}`) : t(`timeline.entryKind.${kind}`);

  return (
    <div className="tl-filters" role="search" aria-label={t('timeline.filters.label')} data-testid="timeline-filters">
      <div className="tl-filter-row">
        <input
          ref={searchRef}
          type="search"
          className="tl-search"
          data-testid="timeline-search"
          aria-label={t('timeline.filters.search')}
          placeholder={t('timeline.filters.searchPlaceholder')}
          value={filter.query}
          onChange={(event) => set({ query: event.target.value })}
        />
        <label className="inline-field">
          <span>{t('timeline.filters.author')}</span>
          <select
            data-testid="timeline-filter-author"
            value={filter.author ?? ''}
            onChange={(event) => set({ author: event.target.value || null })}
          >
            <option value="">{t('timeline.filters.allAuthors')}</option>
            {facets.authors.map((author) => (
              <option key={author} value={author}>
                {author}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('timeline.filters.role')}</span>
          <select
            data-testid="timeline-filter-role"
            value={filter.role ?? ''}
            onChange={(event) => set({ role: event.target.value || null })}
          >
            <option value="">{t('timeline.filters.allRoles')}</option>
            {facets.roles.map((role) => (
              <option key={role} value={role}>
                {roleLabel(role, docs, t)}
              </option>
            ))}
          </select>
        </label>
        <label className="tl-check">
          <input
            type="checkbox"
            data-testid="timeline-filter-pinned"
            checked={filter.isPinnedOnly}
            onChange={(event) => set({ isPinnedOnly: event.target.checked })}
          />
          {t('timeline.filters.pinnedOnly')}
        </label>
      </div>
      <fieldset className="tl-kinds">
        <legend>{t('timeline.filters.kinds')}</legend>
        {[...NOTE_KINDS, ...CHANGE_KINDS].map((kind) => (
          <label key={kind} className={`tl-chip tl-kind-${kind}${filter.kinds.has(kind) ? ' is-on' : ''}`}>
            <input
              type="checkbox"
              data-testid={`timeline-filter-kind-${kind}`}
              checked={filter.kinds.has(kind)}
              onChange={() => toggleKind(kind)}
            />
            {kindLabel(kind)}
          </label>
        ))}
        {isFilterActive(filter) && (
          <button
            type="button"
            className="link tl-clear"
            data-testid="timeline-filter-clear"
            onClick={() => onChange(NO_FILTER)}
          >
            {t('timeline.filters.clear')}
          </button>
        )}
      </fieldset>
    </div>
  );
}
