import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, ErrorMessage, Notice } from '../../../components/ui.tsx';
import { auditQueries } from '../api/audit-queries.ts';
import { useFormat } from '../../../lib/format.ts';

/**
 * Integrity check of the audit log (hash chain), run on request. Shows the head hash so the
 * DPO can print or file it: a later rewrite of the log from some row on changes the head.
 */
export function ChainCheck() {
  const { t } = useTranslation();
  const check = useQuery(auditQueries.verify());
  const r = check.data;
  const fmt = useFormat();
  return (
    <section className="panel chain-check" aria-labelledby="chain-title" aria-live="polite">
      <h2 id="chain-title">{t('auditChain.title')}</h2>
      <p className="muted small">{t('auditChain.intro')}</p>
      <div className="chain-actions">
        <button
          type="button"
          className="btn"
          onClick={() => void check.refetch()}
          disabled={check.isFetching}
        >
          {check.isFetching ? t('auditChain.running') : t('auditChain.run')}
        </button>
        {r && (
          <span className="muted small">
            {t('auditChain.checkedAt', { at: fmt.dateTime(r.checkedAt, 'medium') })}
          </span>
        )}
      </div>
      {check.error && <ErrorMessage error={check.error} />}
      {r?.ok && <Notice tone="success">{t('auditChain.ok', { count: r.rowsChecked })}</Notice>}
      {r && !r.ok && r.problem && (
        <Alert>
          <strong>{t('auditChain.broken', { row: r.problem.rowId })}</strong>{' '}
          {t(`auditChain.problems.${r.problem.kind}`, { row: r.problem.rowId })}{' '}
          {t('auditChain.intactBefore', { count: r.rowsChecked })}
        </Alert>
      )}
      {r?.head && (
        <dl className="chain-head">
          <dt>{t('auditChain.head', { row: r.head.id })}</dt>
          <dd>{r.head.hash}</dd>
        </dl>
      )}
      {r && <p className="muted small">{t('auditChain.anchorHint')}</p>}
    </section>
  );
}
