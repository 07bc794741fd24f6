import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_PURPOSES,
  type ImportKind,
  type ImportProblem,
  type ImportResult,
  type ImportRow,
} from '@begegnung/domain';
import { ApiError } from '../../../lib/api-client.ts';
import { messageFor } from '../../../lib/use-form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { Alert, Badge } from '../../../components/ui.tsx';
import { DataTable, type Column } from '../../../components/data-table.tsx';

// The import screen's result parts: the preview/result table with its problems, the refusal
// of a whole file, and the download of the rejected rows.

/** The fields shown as columns of the preview table (all mapped fields are checked). */
const SHOWN: Record<ImportKind, string[]> = {
  participants: ['code', 'alias', 'householdSize', 'movedInAt', 'consentPurposes'],
  sessions: ['date', 'startTime', 'activity', 'newcomers', 'host', 'attendeeCodes'],
};

const STATUS_TONE = {
  ok: 'success',
  imported: 'success',
  problem: 'accent',
  already_imported: 'muted',
} as const;

export function RejectedButton({
  result,
  onDownload,
  onError,
}: {
  result: ImportResult;
  onDownload: () => Promise<void>;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  if (result.counts.problems === 0) return null;
  return (
    <button
      type="button"
      className="btn"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        onError(null);
        onDownload()
          .catch(onError)
          .finally(() => setBusy(false));
      }}
    >
      {t('imports.downloadRejected', { count: result.counts.problems })}
    </button>
  );
}

/** A refused file in words, with what was refused (the columns, the formula cells). */
export function RefusalAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const details = error instanceof ApiError ? error.details : [];
  const code = error instanceof ApiError ? error.code : '';
  return (
    <Alert>
      <div>
        <p>{messageFor(t, error)}</p>
        {code === 'IMPORT_SENSITIVE_COLUMN' && (
          <ul>
            {details.map((d) => (
              <li key={d.field}>
                {t('imports.sensitiveColumn', {
                  column: d.field,
                  category: t(`imports.sensitive.${d.code}`, { defaultValue: d.code }),
                })}
              </li>
            ))}
          </ul>
        )}
        {code === 'IMPORT_FORMULA_REFUSED' && (
          <p>{t('imports.formulaCells', { cells: details.map((d) => d.field).join(', ') })}</p>
        )}
        {code === 'IMPORT_MAPPING_INVALID' && (
          <ul>
            {details.map((d, i) => (
              <li key={i}>
                {t(`imports.fields.${d.field}`, { defaultValue: d.field })}:{' '}
                {t(`imports.mappingProblems.${d.code}`, { defaultValue: d.message })}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Alert>
  );
}

/** A date (or date and start time) in a problem's detail, written the way the screen writes dates. */
const DATED_DETAIL = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?$/;

function ProblemList({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (!problems.length) return null;
  const detail = (p: ImportProblem) => {
    if (p.code === 'DUPLICATE_IN_FILE') return t('imports.row', { row: p.detail });
    const dated = DATED_DETAIL.exec(p.detail ?? '');
    if (dated) return [fmt.date(dated[1]!), dated[2]].filter(Boolean).join(', ');
    return p.detail;
  };
  return (
    <ul className="import-problems">
      {problems.map((p, i) => (
        <li key={i}>
          {t(`imports.problems.${p.code}`, { defaultValue: t('imports.problems.REFUSED') })}
          {p.field && ` (${t(`imports.fields.${p.field}`, { defaultValue: p.field })})`}
          {p.detail && `: ${detail(p)}`}
        </li>
      ))}
    </ul>
  );
}

type Show = 'all' | ImportRow['status'];

export function ResultTable({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const c = result.counts;
  // Rows with problems first: a long list of valid rows would bury them (all are one click away).
  const [show, setShow] = useState<Show>(c.problems > 0 ? 'problem' : 'all');
  const kinds = [...new Set(result.rows.flatMap((r) => r.problems.map((p) => p.code)))];
  const shownValue = (f: string, v: string | undefined) => {
    if (!v) return null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return fmt.date(v);
    if (f === 'consentPurposes')
      return v
        .split(/,\s*/)
        .map((p) =>
          (CONSENT_PURPOSES as readonly string[]).includes(p)
            ? t(`encounters.consent.purposes.${p}`)
            : p,
        )
        .join(', ');
    return v;
  };
  const columns: Column<ImportRow>[] = [
    {
      key: 'row',
      header: t('imports.rowNumber'),
      cell: (r) => r.rowNumber,
      sortValue: (r) => r.rowNumber,
      numeric: true,
      rowHeader: true,
    },
    {
      key: 'status',
      header: t('imports.status'),
      cell: (r) => <Badge tone={STATUS_TONE[r.status]}>{t(`imports.statuses.${r.status}`)}</Badge>,
      sortValue: (r) => r.status,
    },
    {
      key: 'problems',
      header: t('imports.problemsColumn'),
      cell: (r) => (r.problems.length ? <ProblemList problems={r.problems} /> : null),
      className: 'import-problems-cell',
    },
    ...SHOWN[result.kind]
      .filter((f) => result.mapping[f])
      .map((f): Column<ImportRow> => ({
        key: f,
        header: t(`imports.fields.${f}`),
        cell: (r) => shownValue(f, r.values[f]),
        sortValue: (r) => r.values[f],
      })),
  ];
  const counts: Record<Show, number> = {
    all: c.total,
    ok: c.ok - c.imported,
    imported: c.imported,
    problem: c.problems,
    already_imported: c.alreadyImported,
  };
  const options: Show[] = [
    'all',
    'problem',
    result.committed ? 'imported' : 'ok',
    'already_imported',
  ];
  const rows = show === 'all' ? result.rows : result.rows.filter((r) => r.status === show);
  return (
    <>
      {!result.committed && <h3 className="import-h3">{t('imports.previewTitle')}</h3>}
      <ul className="import-counts" aria-live="polite">
        <li>
          <strong>{c.total}</strong> {t('imports.counts.total')}
        </li>
        <li>
          <strong>{result.committed ? c.imported : c.ok}</strong>{' '}
          {result.committed ? t('imports.counts.imported') : t('imports.counts.ok')}
        </li>
        <li>
          <strong>{c.problems}</strong> {t('imports.counts.problems')}
        </li>
        <li>
          <strong>{c.alreadyImported}</strong> {t('imports.counts.alreadyImported')}
        </li>
      </ul>
      {kinds.length > 0 && (
        <p className="muted small">
          {t('imports.problemKinds')}{' '}
          {kinds.map((k) => t(`imports.problems.${k}`, { defaultValue: k })).join(' · ')}
        </p>
      )}
      <DataTable
        label={t('imports.tableLabel')}
        className="import-table"
        filters={
          <label>
            <span>{t('imports.show')}</span>
            <select value={show} onChange={(e) => setShow(e.target.value as Show)}>
              {options.map((o) => (
                <option key={o} value={o}>
                  {t(`imports.showOptions.${o}`, { count: counts[o] })}
                </option>
              ))}
            </select>
          </label>
        }
        columns={columns}
        rows={rows}
        rowKey={(r) => r.rowNumber}
        rowClassName={(r) => (r.status === 'problem' ? 'import-row-problem' : undefined)}
        initialSort={{ key: 'row', dir: 'asc' }}
        empty={<p className="muted">{t('imports.noneShown')}</p>}
      />
    </>
  );
}
