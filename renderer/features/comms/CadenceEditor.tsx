// The cadence policy per severity and audience, readable at a glance and
// editable: minutes to the first message and between messages (empty: one
// message only; both empty: not expected). Each severity is saved as a
// `comms-cadence` document over the built-in defaults.
import { useMemo, useState } from 'react';
import { AUDIENCES, type Audience } from '../../../common/comms/audiences';
import { effectivePolicy, type AudienceCadence } from '../../../common/comms/cadence';
import { CADENCE_COLLECTION, cadencePolicyDocSchema, type CommsDocs } from '../../../common/comms/comms-docs';
import { SEVERITIES, type PayloadOf, type Severity } from '../../../common/events/event';
import { getEventStore } from '../../db';
import { useT } from '../../i18n';

type Cell = { first: string; every: string };
type Grid = Record<Severity, Record<Audience, Cell>>;

const minutes = (ms: number) => String(Math.round(ms / 60_000));

function gridOf(policy: Readonly<Record<Severity, Readonly<Record<Audience, AudienceCadence | null>>>>): Grid {
  const grid = {} as Grid;
  for (const severity of SEVERITIES) {
    grid[severity] = {} as Record<Audience, Cell>;
    for (const audience of AUDIENCES) {
      const cadence = policy[severity][audience];
      grid[severity][audience] = cadence
        ? { first: minutes(cadence.firstMs), every: cadence.everyMs === null ? '' : minutes(cadence.everyMs) }
        : { first: '', every: '' };
    }
  }
  return grid;
}

export function CadenceEditor({ comms, actor }: { comms: CommsDocs; actor: string }) {
  const t = useT();
  const policy = useMemo(() => effectivePolicy(comms), [comms]);
  const [grid, setGrid] = useState<Grid | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (!grid) return;
    const drafts: { type: 'doc.put'; actor: string; payload: PayloadOf<'doc.put'> }[] = [];
    for (const severity of SEVERITIES) {
      const body = Object.fromEntries(
        AUDIENCES.map((audience) => {
          const { first, every } = grid[severity][audience];
          if (!first.trim()) return [audience, null];
          return [audience, { firstMinutes: Number(first), everyMinutes: every.trim() ? Number(every) : null }];
        }),
      );
      const parsed = cadencePolicyDocSchema.safeParse(body);
      if (!parsed.success) {
        setError(
          `${severity}: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`,
        );
        return;
      }
      drafts.push({ type: 'doc.put', actor, payload: { collection: CADENCE_COLLECTION, docId: severity, body } });
    }
    await getEventStore().append(drafts);
    setGrid(null);
    setError(null);
  };

  return (
    <section data-testid="cadence">
      <header className="comms-header">
        <h2>{t('comms.cadence.heading')}</h2>
        {!grid && (
          <button onClick={() => setGrid(gridOf(policy))} data-testid="cadence-edit">
            {t('comms.templates.edit')}
          </button>
        )}
      </header>
      <p className="muted">{t('comms.cadence.hint')}</p>
      {error && (
        <p className="error" role="alert">
          {t('comms.channels.invalid', { message: error })}
        </p>
      )}
      <table className="cadence-table">
        <thead>
          <tr>
            <th />
            {SEVERITIES.map((severity) => (
              <th key={severity}>{severity}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {AUDIENCES.map((audience) => (
            <tr key={audience}>
              <th scope="row">{t(`comms.audience.${audience}`)}</th>
              {SEVERITIES.map((severity) => {
                if (grid) {
                  const cell = grid[severity][audience];
                  const set = (change: Partial<Cell>) =>
                    setGrid({ ...grid, [severity]: { ...grid[severity], [audience]: { ...cell, ...change } } });
                  return (
                    <td key={severity} className="cadence-cell">
                      <input
                        type="number"
                        min={1}
                        aria-label={`${severity} ${t(`comms.audience.${audience}`)} ${t('comms.cadence.firstLabel')}`}
                        value={cell.first}
                        onChange={(event) => set({ first: event.target.value })}
                      />
                      <input
                        type="number"
                        min={1}
                        aria-label={`${severity} ${t(`comms.audience.${audience}`)} ${t('comms.cadence.everyLabel')}`}
                        value={cell.every}
                        onChange={(event) => set({ every: event.target.value })}
                      />
                    </td>
                  );
                }
                const cadence = policy[severity][audience];
                return (
                  <td key={severity}>
                    {cadence
                      ? `${t('comms.cadence.first', { minutes: minutes(cadence.firstMs) })}, ${
                          cadence.everyMs === null
                            ? t('comms.cadence.once')
                            : t('comms.cadence.every', { minutes: minutes(cadence.everyMs) })
                        }`
                      : t('comms.cadence.none')}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {grid && (
        <div className="composer-actions">
          <button className="primary" onClick={() => void save()} data-testid="cadence-save">
            {t('comms.templates.save')}
          </button>
          <button onClick={() => setGrid(null)}>{t('comms.templates.cancel')}</button>
        </div>
      )}
    </section>
  );
}
