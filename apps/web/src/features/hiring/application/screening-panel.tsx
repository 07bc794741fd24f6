import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Application, Vacancy } from '@begegnung/domain';
import { ErrorMessage, Notice } from '../../../components/ui.tsx';
import { useScreening } from '../api/hiring-queries.ts';
import { ScreeningRow, type ScreeningEntry } from './screening-row.tsx';

/** Screening per criterion, recorded by a person; the evaluation only suggests (Art. 22 GDPR). */
export function ScreeningPanel({
  app,
  vacancy,
  canEdit,
}: {
  app: Application;
  vacancy: Vacancy;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const save = useScreening(app.id);
  const [values, setValues] = useState<Record<number, ScreeningEntry>>(() =>
    Object.fromEntries(
      app.screening.map((s) => [s.criterionId, { result: s.result, note: s.note }]),
    ),
  );
  const [saved, setSaved] = useState(false);
  const criteria = vacancy.criteriaSet.criteria;
  const groupStatus = new Map(
    app.evaluation.groups.flatMap((g) => g.criterionIds.map((cid) => [cid, g.status] as const)),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const results = criteria.flatMap((c) => {
      const v = values[c.id];
      return v?.result ? [{ criterionId: c.id, result: v.result, note: v.note }] : [];
    });
    if (results.length) save.mutate({ results }, { onSuccess: () => setSaved(true) });
  };
  return (
    <section className="panel" aria-labelledby="screening-heading">
      <h2 id="screening-heading">{t('hiring.screening.title')}</h2>
      <p className="alert alert-info">{t('hiring.screening.humanDecides')}</p>
      <p className="hiring-evaluation">
        {t('hiring.screening.suggestionLabel')}{' '}
        <span className={`hiring-suggestion hiring-suggestion-${app.evaluation.suggestion}`}>
          {t(`hiring.suggestion.${app.evaluation.suggestion}`)}
        </span>
      </p>
      {app.evaluation.suggestion === 'needs_review' && (
        <p className="alert alert-warning">{t('hiring.screening.reviewFlag')}</p>
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        <ErrorMessage error={save.error} />
        {saved && !save.isPending && !save.error && (
          <Notice tone="success">{t('hiring.screening.saved')}</Notice>
        )}
        {criteria.map((c, i) => (
          <ScreeningRow
            key={c.id}
            index={i}
            criterion={c}
            groupStatus={groupStatus.get(c.id)}
            value={values[c.id] ?? { result: '', note: '' }}
            disabled={!canEdit}
            onChange={(v) => {
              setSaved(false);
              setValues({ ...values, [c.id]: v });
            }}
          />
        ))}
        {canEdit && (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {t('hiring.screening.save')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
