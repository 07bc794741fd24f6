import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RetentionRun } from '@begegnung/domain';
import {
  ConfirmDialog,
  EmptyState,
  ErrorMessage,
  Loading,
  Notice,
  PageHeader,
} from '../../../components/ui.tsx';
import { useFormat } from '../../../lib/format.ts';
import { privacyQueries, useRunRetention } from '../api/privacy-queries.ts';

/** Dry run of the retention rule and a manual run (it also runs daily in the server). */
export function RetentionPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const preview = useQuery(privacyQueries.retention());
  const run = useRunRetention();
  const [confirm, setConfirm] = useState(false);
  const [result, setResult] = useState<RetentionRun | null>(null);

  return (
    <>
      <PageHeader title={t('privacy.retention.title')} subtitle={t('privacy.retention.subtitle')} />
      {result && (
        <Notice tone="success">
          {t('privacy.retention.done', {
            count: result.erasedParticipants,
            sessions: result.expiredSessions,
          })}
        </Notice>
      )}
      {preview.isPending && <Loading />}
      <ErrorMessage error={preview.error} onRetry={() => void preview.refetch()} />
      {preview.data && (
        <section className="panel">
          <p>
            {t('privacy.retention.rule', {
              months: preview.data.retentionMonths,
              cutoff: fmt.date(preview.data.cutoff),
            })}
          </p>
          <p className="muted small">{t('privacy.retention.schedule')}</p>
          {preview.data.total === 0 ? (
            <EmptyState title={t('privacy.retention.none')} />
          ) : (
            <>
              <h2>{t('privacy.retention.due', { count: preview.data.total })}</h2>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('privacy.retention.code')}</th>
                      <th scope="col">{t('privacy.retention.centre')}</th>
                      <th scope="col">{t('privacy.retention.lastContact')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {preview.data.participants.map((p) => (
                      <tr key={p.code}>
                        <td>{p.code}</td>
                        <td>{p.centreCode}</td>
                        <td>{fmt.date(p.lastContactOn)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          <div className="actions-row">
            <button type="button" className="btn btn-danger" onClick={() => setConfirm(true)}>
              {t('privacy.retention.run')}
            </button>
          </div>
        </section>
      )}
      <ConfirmDialog
        open={confirm}
        danger
        busy={run.isPending}
        title={t('privacy.retention.confirmTitle')}
        body={t('privacy.retention.confirmBody', { count: preview.data?.total ?? 0 })}
        confirmLabel={t('privacy.retention.run')}
        onCancel={() => setConfirm(false)}
        onConfirm={() =>
          run.mutate(undefined, {
            onSuccess: (r) => {
              setResult(r);
              setConfirm(false);
            },
          })
        }
      />
      <ErrorMessage error={run.error} />
    </>
  );
}
