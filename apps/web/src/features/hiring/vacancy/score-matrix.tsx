import { useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ScoreMatrix as Matrix } from '@begegnung/domain';
import { Badge, EmptyState, ErrorMessage, Loading } from '../../../components/ui.tsx';
import { hiringQueries } from '../api/hiring-queries.ts';
import { applicationTone } from '../components/labels.ts';
import { LateFlag } from '../shared/flags.tsx';
import { useFormat } from '../../../lib/format.ts';

type Sort = 'descending' | 'ascending';
type Row = Matrix['rows'][number];

/** Highest total first (or last); candidates without a total always at the end. */
const byTotal = (sort: Sort) => (a: Row, b: Row) => {
  if (a.weightedTotal === null || b.weightedTotal === null)
    return (a.weightedTotal === null ? 1 : 0) - (b.weightedTotal === null ? 1 : 0);
  return sort === 'descending'
    ? b.weightedTotal - a.weightedTotal
    : a.weightedTotal - b.weightedTotal;
};

/**
 * Candidates × criteria: the panel's mean score per criterion (cards in brackets) and the
 * weighted total. A panel member sees a candidate's row only after submitting their own card;
 * the API leaves hidden rows empty, so nothing leaks through the page either.
 */
export function ScoreMatrix({ vacancyId, isAdmin }: { vacancyId: number; isAdmin: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const captionId = useId();
  const matrix = useQuery(hiringQueries.scoreMatrix(vacancyId));
  const [sort, setSort] = useState<Sort>('descending');
  const num = (n: number) => fmt.num(n, 2);
  const m = matrix.data;
  const rows = m ? [...m.rows].sort(byTotal(sort)) : [];
  const caption = m
    ? t('hiring.matrix.caption', {
        stage: t(`hiring.matrix.stages.${m.stage}`),
        version: m.criteriaVersion,
      })
    : '';
  return (
    <section className="panel hiring-matrix-panel" aria-labelledby="matrix-heading">
      <h2 id="matrix-heading">{t('hiring.matrix.title')}</h2>
      <p className="muted small">
        {t('hiring.matrix.explain', { max: m ? num(m.maxTotal) : '—' })}
      </p>
      {!isAdmin && <p className="alert alert-info">{t('hiring.matrix.ownFirst')}</p>}
      {matrix.isPending && <Loading />}
      <ErrorMessage error={matrix.error} onRetry={() => void matrix.refetch()} />
      {m && m.rows.length === 0 && <EmptyState title={t('hiring.matrix.empty')} />}
      {m && m.rows.length > 0 && (
        <>
          {/* The caption, visible above the scrolling box so it never scrolls out of view. */}
          <p className="hiring-matrix-caption" aria-hidden="true">
            {caption}
          </p>
          <p className="hiring-matrix-hint muted small">{t('hiring.matrix.scrollHint')}</p>
          <div
            className="hiring-matrix-scroll"
            role="region"
            aria-labelledby={captionId}
            tabIndex={0}
          >
            <table className="hiring-matrix">
              <caption id={captionId} className="sr-only">
                {caption}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('hiring.matrix.candidate')}</th>
                  {m.criteria.map((c, i) => (
                    <th key={c.id} scope="col" className="num">
                      <span aria-hidden="true">K{i + 1}</span>
                      <span className="hiring-matrix-weight" aria-hidden="true">
                        × {c.weight}
                      </span>
                      <span className="sr-only">
                        {t('hiring.matrix.criterionHeader', {
                          no: i + 1,
                          label: c.label,
                          weight: c.weight,
                        })}
                      </span>
                    </th>
                  ))}
                  <th scope="col" className="num" aria-sort={sort}>
                    <button
                      type="button"
                      className="hiring-matrix-sort"
                      onClick={() => setSort(sort === 'descending' ? 'ascending' : 'descending')}
                    >
                      {t('hiring.matrix.total')}
                      <span aria-hidden="true">{sort === 'descending' ? ' ▼' : ' ▲'}</span>
                      <span className="sr-only">{t(`hiring.matrix.sortedBy.${sort}`)}</span>
                    </button>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.applicationId}>
                    <th scope="row">
                      <span className="hiring-matrix-name">{r.displayName}</span>{' '}
                      <Badge tone={applicationTone(r.status)}>
                        {t(`hiring.applicationStatus.${r.status}`)}
                      </Badge>
                      {r.lateCards > 0 && (
                        <div>
                          <LateFlag count={r.lateCards} />
                        </div>
                      )}
                    </th>
                    {r.visible ? (
                      r.cells.map((c) => (
                        <td key={c.criterionId} className="num">
                          {c.mean === null ? (
                            '—'
                          ) : (
                            <>
                              <span aria-hidden="true">
                                {num(c.mean)} <span className="muted small">({c.count})</span>
                              </span>
                              <span className="sr-only">
                                {t('hiring.matrix.cell', { mean: num(c.mean), count: c.count })}
                              </span>
                            </>
                          )}
                        </td>
                      ))
                    ) : (
                      <td colSpan={m.criteria.length} className="hiring-matrix-hidden">
                        {r.cardCount === 0
                          ? t('hiring.matrix.noCards')
                          : t('hiring.matrix.hidden', { count: r.cardCount })}
                      </td>
                    )}
                    <td className="num hiring-matrix-total">
                      {r.weightedTotal === null ? '—' : num(r.weightedTotal)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="hiring-matrix-legend small">
            {m.criteria.map((c, i) => (
              <li key={c.id}>
                <strong>K{i + 1}</strong> ({t('hiring.matrix.weight', { weight: c.weight })}):{' '}
                {c.label}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
