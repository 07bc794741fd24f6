import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PARTICIPATION_BODIES, type ParticipationBody, type Vacancy } from '@begegnung/domain';
import { ErrorMessage, Loading } from '../../../components/ui.tsx';
import { hiringQueries, useSetMembers } from '../api/hiring-queries.ts';
import { FormActions } from '../shared/form-actions.tsx';

const toggle = (ids: number[], id: number, on: boolean) =>
  on ? [...ids, id] : ids.filter((x) => x !== id);

/**
 * Who sits on the panel and which of the city's bodies follow the procedure. For an
 * association's post the city's bodies are not responsible, so none can be chosen.
 */
export function MembersForm({ vacancy, onDone }: { vacancy: Vacancy; onDone: () => void }) {
  const { t } = useTranslation();
  const eligible = useQuery(hiringQueries.eligibleMembers());
  const save = useSetMembers(vacancy.id);
  const cityBodies = vacancy.employer !== 'operator';
  const [panel, setPanel] = useState(
    vacancy.members.filter((m) => m.kind === 'panel').map((m) => m.userId),
  );
  const [oversight, setOversight] = useState(
    vacancy.members
      .filter((m) => m.kind === 'oversight')
      .map((m) => ({ userId: m.userId, body: m.body ?? 'staff_council' })),
  );
  if (eligible.isPending) return <Loading />;
  const setBody = (userId: number, body: ParticipationBody) =>
    setOversight(oversight.map((o) => (o.userId === userId ? { ...o, body } : o)));
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ panel, oversight: cityBodies ? oversight : [] }, { onSuccess: onDone });
      }}
    >
      <ErrorMessage error={save.error ?? eligible.error} />
      <fieldset className="fieldset">
        <legend>{t('hiring.panel.title')}</legend>
        {eligible.data
          ?.filter((u) => u.roles.includes('panel_member'))
          .map((u) => (
            <label key={u.id} className="checkbox">
              <input
                type="checkbox"
                checked={panel.includes(u.id)}
                onChange={(e) => setPanel(toggle(panel, u.id, e.target.checked))}
              />
              <span>{u.displayName}</span>
            </label>
          ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('hiring.panel.oversight')}</legend>
        {!cityBodies && <p className="muted small">{t('hiring.duties.noCityBodies')}</p>}
        {cityBodies &&
          eligible.data
            ?.filter((u) => u.roles.includes('oversight'))
            .map((u) => {
              const current = oversight.find((o) => o.userId === u.id);
              return (
                <div key={u.id} className="hiring-oversight-row">
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={!!current}
                      onChange={(e) =>
                        setOversight(
                          e.target.checked
                            ? [...oversight, { userId: u.id, body: 'staff_council' }]
                            : oversight.filter((o) => o.userId !== u.id),
                        )
                      }
                    />
                    <span>{u.displayName}</span>
                  </label>
                  {current && (
                    <select
                      aria-label={t('hiring.participation.body')}
                      value={current.body}
                      onChange={(e) => setBody(u.id, e.target.value as ParticipationBody)}
                    >
                      {PARTICIPATION_BODIES.map((b) => (
                        <option key={b} value={b}>
                          {t(`hiring.bodies.${b}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </div>
              );
            })}
      </fieldset>
      <FormActions busy={save.isPending} onCancel={onDone} />
    </form>
  );
}
