import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { localNow, previousQuarter } from '@begegnung/domain';
import { ConfirmDialog, Field } from '../../../components/ui.tsx';
import { DataTable } from '../../../components/data-table.tsx';
import { PageState } from '../../../components/page-state.tsx';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useFormat } from '../../../lib/format.ts';
import { messageFor } from '../../../lib/use-form-errors.ts';
import { publishedUrl, reportingQueries, usePublishReport } from '../api/dashboard-queries.ts';

/** The last eight finished quarters, newest first. */
function finishedQuarters() {
  const out = [previousQuarter(localNow().date)];
  while (out.length < 8) out.push(previousQuarter(out[out.length - 1]!.from));
  return out;
}

const quarterOf = (from: string) => ({
  n: (Number(from.slice(5, 7)) + 2) / 3,
  year: from.slice(0, 4),
});

/**
 * Publishing a finished quarter (coordinator): asks before it freezes the report, then lists
 * every published report with its hash and the stored PDF and CSV.
 */
export function PublishPanel({ centreId }: { centreId?: number }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const quarterName = (from: string) => t('dashboard.report.publish.quarterName', quarterOf(from));
  const quarters = finishedQuarters();
  const [chosen, setChosen] = useState(quarters[0]!.from);
  const [confirm, setConfirm] = useState(false);
  const published = useQuery(reportingQueries.published());
  const centres = useQuery(centreQueries.list());
  const publish = usePublishReport();
  const q = quarters.find((x) => x.from === chosen)!;
  const centreName = (id: number | null) =>
    id === null
      ? t('dashboard.report.publish.allCentres')
      : (centres.data?.find((c) => c.id === id)?.name ?? `#${id}`);
  const isPublished = (from: string) =>
    published.data?.some((r) => r.from === from && r.centreId === (centreId ?? null)) ?? false;

  return (
    <>
      <section className="panel" aria-labelledby="publish-title">
        <h2 id="publish-title">{t('dashboard.report.publish.title')}</h2>
        <p className="muted small">{t('dashboard.report.publish.hint')}</p>
        <div className="publish-row">
          <Field
            label={t('dashboard.report.publish.quarter')}
            hint={t('dashboard.report.publish.scope', {
              from: fmt.date(q.from),
              to: fmt.date(q.to),
              scope: centreName(centreId ?? null),
            })}
          >
            {(f) => (
              <select {...f} value={chosen} onChange={(e) => setChosen(e.target.value)}>
                {quarters.map((x) => (
                  <option key={x.from} value={x.from}>
                    {quarterName(x.from)}
                    {isPublished(x.from) ? ` · ${t('dashboard.report.publish.done')}` : ''}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            className="btn btn-primary"
            disabled={isPublished(chosen) || publish.isPending}
            onClick={() => {
              publish.reset();
              setConfirm(true);
            }}
          >
            {t('dashboard.report.publish.action')}
          </button>
        </div>
        {publish.isSuccess && (
          <p className="alert alert-success" role="status">
            {t('dashboard.report.publish.saved')}
          </p>
        )}
        <ConfirmDialog
          open={confirm}
          title={t('dashboard.report.publish.confirmTitle', { quarter: quarterName(q.from) })}
          busy={publish.isPending}
          confirmLabel={t('dashboard.report.publish.confirm')}
          body={
            <>
              <p>
                {t('dashboard.report.publish.confirmBody', {
                  quarter: quarterName(q.from),
                  from: fmt.date(q.from),
                  to: fmt.date(q.to),
                  scope: centreName(centreId ?? null),
                })}
              </p>
              {publish.error && <p className="field-error">{messageFor(t, publish.error)}</p>}
            </>
          }
          onCancel={() => setConfirm(false)}
          onConfirm={() =>
            publish.mutate(
              { from: q.from, to: q.to, ...(centreId !== undefined ? { centreId } : {}) },
              { onSuccess: () => setConfirm(false) },
            )
          }
        />
      </section>
      <section className="panel" aria-labelledby="published-title">
        <h2 id="published-title">{t('dashboard.report.publish.listTitle')}</h2>
        <PageState query={published}>
          {(rows) => (
            <DataTable
              label={t('dashboard.report.publish.listTitle')}
              className="dash-table published-table"
              rows={rows}
              rowKey={(r) => r.id}
              empty={<p className="muted">{t('dashboard.report.publish.none')}</p>}
              columns={[
                {
                  key: 'quarter',
                  header: t('dashboard.report.publish.colQuarter'),
                  rowHeader: true,
                  sortValue: (r) => r.from,
                  cell: (r) => quarterName(r.from),
                },
                {
                  key: 'scope',
                  header: t('dashboard.report.publish.colScope'),
                  sortValue: (r) => centreName(r.centreId),
                  cell: (r) => centreName(r.centreId),
                },
                {
                  key: 'at',
                  header: t('dashboard.report.publish.colAt'),
                  sortValue: (r) => r.publishedAt,
                  cell: (r) => fmt.dateTime(r.publishedAt),
                },
                {
                  key: 'by',
                  header: t('dashboard.report.publish.colBy'),
                  className: 'break-all',
                  sortValue: (r) => r.publishedBy,
                  cell: (r) => r.publishedBy,
                },
                {
                  key: 'hash',
                  header: t('dashboard.report.publish.colHash'),
                  cell: (r) => (
                    <code className="hash" title={r.pdfSha256}>
                      {r.pdfSha256.slice(0, 12)}…
                    </code>
                  ),
                },
                {
                  key: 'files',
                  header: t('dashboard.report.publish.colFiles'),
                  className: 'nowrap',
                  cell: (r) => (
                    <>
                      <a href={publishedUrl(r.id, 'pdf')} download>
                        PDF
                      </a>
                      {' · '}
                      <a href={publishedUrl(r.id, 'csv')} download>
                        CSV
                      </a>
                      {' · '}
                      <a
                        href={publishedUrl(r.id, 'xlsx')}
                        download
                        title={t('dashboard.report.publish.xlsxHint')}
                      >
                        Excel
                      </a>
                    </>
                  ),
                },
              ]}
            />
          )}
        </PageState>
      </section>
      <CorrectionsList centreId={centreId} centreName={centreName} quarterName={quarterName} />
    </>
  );
}

/** "Korrekturen seit Veröffentlichung": entries dated inside a published quarter, with reason. */
function CorrectionsList({
  centreId,
  centreName,
  quarterName,
}: {
  centreId?: number;
  centreName: (id: number | null) => string;
  quarterName: (from: string) => string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const list = useQuery(reportingQueries.corrections(centreId));
  return (
    <section className="panel" aria-labelledby="corrections-title">
      <h2 id="corrections-title">{t('dashboard.report.corrections.title')}</h2>
      <p className="muted small">{t('dashboard.report.corrections.hint')}</p>
      <PageState query={list}>
        {(data) => (
          <DataTable
            label={t('dashboard.report.corrections.title')}
            className="dash-table"
            rows={data.items}
            rowKey={(c) => c.id}
            empty={<p className="muted">{t('dashboard.report.corrections.none')}</p>}
            columns={[
              {
                key: 'datedOn',
                header: t('dashboard.report.corrections.datedOn'),
                sortValue: (c) => c.datedOn,
                cell: (c) => (
                  <>
                    {fmt.date(c.datedOn)}
                    <br />
                    <span className="muted small">{quarterName(c.periodFrom)}</span>
                  </>
                ),
              },
              {
                key: 'centre',
                header: t('dashboard.report.corrections.centre'),
                sortValue: (c) => c.centreName || centreName(c.centreId),
                cell: (c) => c.centreName || centreName(c.centreId),
              },
              {
                key: 'action',
                header: t('dashboard.report.corrections.action'),
                sortValue: (c) => t(`dashboard.report.corrections.actions.${c.action}`),
                cell: (c) => t(`dashboard.report.corrections.actions.${c.action}`),
              },
              {
                key: 'reason',
                header: t('dashboard.report.corrections.reason'),
                cell: (c) => c.reason,
              },
              {
                key: 'at',
                header: t('dashboard.report.corrections.at'),
                sortValue: (c) => c.at,
                cell: (c) => (
                  <>
                    {fmt.dateTime(c.at)}
                    <br />
                    <span className="muted small break-all">{c.by ?? '—'}</span>
                  </>
                ),
              },
            ]}
          />
        )}
      </PageState>
    </section>
  );
}
