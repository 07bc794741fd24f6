import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipationBody, Vacancy } from '@begegnung/domain';
import { useFormat } from '../../../lib/format.ts';
import { ParticipationForm } from './participation-form.tsx';

/**
 * Participation records of the city's bodies (staff council, equality officer, SBV). For an
 * association's post they take no part; the employer's own duties are shown above instead.
 */
export function ParticipationPanel({
  vacancy,
  canRecord,
  ownBody,
}: {
  vacancy: Vacancy;
  canRecord: boolean;
  ownBody: ParticipationBody | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [open, setOpen] = useState(false);
  const cityBodies = vacancy.employer === 'city';
  return (
    <section className="panel" aria-labelledby="participation-heading">
      <div className="card-head">
        <h2 id="participation-heading">{t('hiring.participation.title')}</h2>
        {canRecord && cityBodies && !open && (
          <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
            {t('hiring.participation.add')}
          </button>
        )}
      </div>
      {vacancy.participations.length === 0 && (
        <p className="muted">
          {cityBodies ? t('hiring.participation.none') : t('hiring.duties.noCityBodies')}
        </p>
      )}
      <ul className="hiring-participations">
        {vacancy.participations.map((p) => (
          <li key={p.id}>
            <strong>{t(`hiring.bodies.${p.body}`)}</strong>: {t(`hiring.responses.${p.response}`)}
            <div className="muted small">
              {t('hiring.participation.dates', {
                requested: f.date(p.requestedOn),
                responded: f.date(p.respondedOn),
              })}
            </div>
            {p.notes && <div className="small">{p.notes}</div>}
          </li>
        ))}
      </ul>
      {open && (
        <ParticipationForm vacancyId={vacancy.id} ownBody={ownBody} onDone={() => setOpen(false)} />
      )}
    </section>
  );
}
