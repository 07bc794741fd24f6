import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Vacancy } from '@begegnung/domain';
import { MembersForm } from './members-form.tsx';

/** The panel with each member's completion, and the oversight bodies following the procedure. */
export function PanelMembers({ vacancy, canEdit }: { vacancy: Vacancy; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const panel = vacancy.members.filter((m) => m.kind === 'panel');
  const oversight = vacancy.members.filter((m) => m.kind === 'oversight');
  return (
    <section className="panel" aria-labelledby="panel-heading">
      <div className="card-head">
        <h2 id="panel-heading">{t('hiring.panel.title')}</h2>
        {canEdit && !editing && (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
        )}
      </div>
      {editing ? (
        <MembersForm vacancy={vacancy} onDone={() => setEditing(false)} />
      ) : (
        <>
          {panel.length === 0 && <p className="muted">{t('hiring.panel.none')}</p>}
          <ul className="hiring-completion">
            {vacancy.completion.map((c) => (
              <li key={c.userId}>
                <span>{c.displayName}</span>
                <span
                  className={
                    c.expected > 0 && c.submitted >= c.expected
                      ? 'hiring-complete'
                      : 'hiring-pending'
                  }
                >
                  {t('hiring.panel.completion', { submitted: c.submitted, expected: c.expected })}
                </span>
              </li>
            ))}
          </ul>
          <h3 className="small">{t('hiring.panel.oversight')}</h3>
          {oversight.length === 0 && (
            <p className="muted">
              {vacancy.employer === 'operator'
                ? t('hiring.duties.noCityBodies')
                : t('hiring.panel.none')}
            </p>
          )}
          <ul className="hiring-completion">
            {oversight.map((m) => (
              <li key={m.userId}>
                <span>{m.displayName}</span>
                <span className="muted">{m.body && t(`hiring.bodies.${m.body}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
