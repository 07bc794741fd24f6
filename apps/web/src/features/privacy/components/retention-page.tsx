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
import { centreQueries } from '../../../lib/reference-data.ts';
import { DataTable } from '../../../components/data-table.tsx';
import { privacyQueries, useRunRetention } from '../api/privacy-queries.ts';

/** Dry run of the retention rule and a manual run (it also runs daily in the server). */
export function RetentionPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const preview = useQuery(privacyQueries.retention());
  const run = useRunRetention();
  const [confirm, setConfirm] = useState(false);
  const [result, setResult] = useState<RetentionRun | null>(null);
  const centres = useQuery(centreQueries.list());
  const centreName = (code: string) => centres.data?.find((c) => c.code === code)?.name ?? code;

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
              <DataTable
                label={t('privacy.retention.due', { count: preview.data.total })}
                rows={preview.data.participants}
                rowKey={(p) => p.code}
                initialSort={{ key: 'lastContact', dir: 'asc' }}
                columns={[
                  {
                    key: 'code',
                    header: t('privacy.retention.code'),
                    rowHeader: true,
                    sortValue: (p) => p.code,
                    cell: (p) => p.code,
                  },
                  {
                    key: 'centre',
                    header: t('privacy.retention.centre'),
                    sortValue: (p) => centreName(p.centreCode),
                    cell: (p) => centreName(p.centreCode),
                  },
                  {
                    key: 'lastContact',
                    header: t('privacy.retention.lastContact'),
                    className: 'nowrap',
                    sortValue: (p) => p.lastContactOn,
                    cell: (p) => fmt.date(p.lastContactOn),
                  },
                ]}
              />
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
