import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Vacancy } from '@begegnung/domain';
import { ErrorMessage, Loading } from '../../../components/ui.tsx';
import { hiringQueries, selectionMarkdownUrl, selectionPdfUrl } from '../api/hiring-queries.ts';
import { DecisionForm } from './decision-form.tsx';
import { LateCards } from './late-cards.tsx';

/** The selection record (Auswahlvermerk): downloads, the decision form, and the ranking. */
export function SelectionPanel({ vacancy, canDecide }: { vacancy: Vacancy; canDecide: boolean }) {
  const { t } = useTranslation();
  const record = useQuery(hiringQueries.selection(vacancy.id));
  const late = record.data?.candidates.filter((c) => c.lateCards.length > 0) ?? [];
  return (
    <section className="panel" aria-labelledby="selection-heading">
      <div className="card-head">
        <h2 id="selection-heading">{t('hiring.selection.title')}</h2>
        <div className="row-actions">
          <a className="btn btn-small" href={selectionPdfUrl(vacancy.id)} download>
            {t('hiring.selection.pdf')}
          </a>
          <a className="btn btn-small" href={selectionMarkdownUrl(vacancy.id)} download>
            {t('hiring.selection.markdown')}
          </a>
        </div>
      </div>
      <p className="muted small">{t('hiring.selection.explain')}</p>
      {record.isPending && <Loading />}
      <ErrorMessage error={record.error} />
      {late.length > 0 && (
        <div className="alert alert-warning hiring-late-summary">
          <div>
            <strong>{t('hiring.late.title')}</strong>
            <p className="small">{t('hiring.late.explain')}</p>
            <ul>
              {late.map((c) => (
                <li key={c.applicationId}>
                  {c.displayName}: <LateCards cards={c.lateCards} />
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {canDecide && vacancy.status === 'closed' && record.data && (
        <DecisionForm vacancyId={vacancy.id} record={record.data} />
      )}
      {record.data && vacancy.status === 'decided' && (
        <ol className="hiring-ranking">
          {record.data.candidates
            .filter((c) => c.reason)
            .map((c) => (
              <li key={c.applicationId}>
                <strong>
                  {c.rank ? `${c.rank}. ` : ''}
                  {c.displayName}
                </strong>
                : {c.reason}
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}
