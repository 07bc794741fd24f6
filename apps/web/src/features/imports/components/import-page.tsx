import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_PURPOSES,
  IMPORT_KINDS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  REQUIRED_IMPORT_FIELDS,
  type ImportFileBody,
  type ImportKind,
  type ImportMapping,
  type ImportProblem,
  type ImportResult,
  type ImportRow,
} from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { messageFor } from '../../../lib/use-form-errors.ts';
import { useFormat } from '../../../lib/format.ts';
import { Alert, Badge, Field, Notice, PageHeader } from '../../../components/ui.tsx';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import {
  downloadRejected,
  fileToBase64,
  participantExportUrl,
  useCommitImport,
  usePreviewImport,
} from '../api/import-queries.ts';

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

type Upload = Omit<ImportFileBody, 'mapping' | 'saveMapping'>;

/**
 * Import from the lists centres already keep: choose kind and file, check the column mapping
 * (prefilled from the centre's saved mapping or the headings), see every row's problems,
 * import the valid rows, download the rejected ones with reasons. Staff of the centre only.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const centres = useQuery(centreQueries.list());
  const mine = (centres.data ?? []).filter((c) => user.centreIds.includes(c.id));
  const [centreId, setCentreId] = useState(user.centreIds[0] ?? 0);
  const [kind, setKind] = useState<ImportKind>('participants');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [dirty, setDirty] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const preview = usePreviewImport();
  const commit = useCommitImport();
  // The last good preview stays while a new one runs or fails (e.g. a mapping that does not fit).
  const [previewed, setPreviewed] = useState<ImportResult>();
  const result: ImportResult | undefined = commit.data ?? previewed;
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);

  // Focus follows the step, so keyboard and screen-reader users land on what just appeared.
  useEffect(() => {
    if (previewed && !commit.data) reviewHeading.current?.focus();
  }, [previewed, commit.data]);
  useEffect(() => {
    if (commit.data) doneHeading.current?.focus();
  }, [commit.data]);

  const reset = () => {
    preview.reset();
    commit.reset();
    setPreviewed(undefined);
    setUpload(null);
    setMapping({});
    setDirty(false);
    setDownloadError(null);
  };

  const runPreview = (body: ImportFileBody) => {
    commit.reset();
    preview.mutate(body, {
      onSuccess: (r) => {
        setPreviewed(r);
        setMapping(r.mapping);
        setDirty(false);
      },
    });
  };

  const onChoose = async (e: FormEvent) => {
    e.preventDefault();
    reset();
    if (!file) {
      setFileError(t('imports.fileRequired'));
      return;
    }
    if (file.size > IMPORT_MAX_BYTES) {
      setFileError(t('errors.IMPORT_FILE_TOO_LARGE'));
      return;
    }
    setFileError(undefined);
    const body: Upload = { centreId, kind, fileName: file.name, content: await fileToBase64(file) };
    setUpload(body);
    runPreview(body);
  };

  const withMapping = (): ImportFileBody => ({ ...upload!, mapping, saveMapping: true });
  const chooseError = preview.error && !previewed ? preview.error : null;
  const unmapped = (result?.columns ?? []).filter((c) => !Object.values(mapping).includes(c));

  return (
    <>
      <PageHeader
        title={t('imports.title')}
        subtitle={t('imports.subtitle')}
        actions={
          centreId > 0 && (
            <a className="btn" href={participantExportUrl(centreId)} download>
              {t('imports.exportParticipants')}
            </a>
          )
        }
      />
      <form className="form panel import-choose" onSubmit={(e) => void onChoose(e)} noValidate>
        <h2>{t('imports.step1')}</h2>
        {mine.length > 1 && (
          <Field label={t('imports.centre')}>
            {(p) => (
              <select
                {...p}
                value={centreId}
                onChange={(e) => {
                  setCentreId(Number(e.target.value));
                  reset();
                }}
              >
                {mine.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <fieldset className="fieldset">
          <legend>{t('imports.kind')}</legend>
          {IMPORT_KINDS.map((k) => (
            <div key={k} className="radio-row">
              <input
                type="radio"
                id={`import-kind-${k}`}
                name="import-kind"
                value={k}
                checked={kind === k}
                aria-describedby={`import-kind-${k}-hint`}
                onChange={() => {
                  setKind(k);
                  reset();
                }}
              />
              <div>
                <label htmlFor={`import-kind-${k}`}>
                  <strong>{t(`imports.kinds.${k}`)}</strong>
                </label>
                <p className="field-hint" id={`import-kind-${k}-hint`}>
                  {t(`imports.kindHints.${k}`)}
                </p>
              </div>
            </div>
          ))}
        </fieldset>
        <Field
          label={t('imports.file')}
          hint={t('imports.fileHint', {
            mb: IMPORT_MAX_BYTES / 1024 / 1024,
            rows: IMPORT_MAX_ROWS.toLocaleString(i18n.language),
          })}
          error={fileError}
          required
        >
          {(p) => (
            <input
              {...p}
              type="file"
              name="file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setFileError(undefined);
                reset();
              }}
            />
          )}
        </Field>
        {chooseError && <RefusalAlert error={chooseError} />}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={preview.isPending}>
            {preview.isPending && !previewed ? t('imports.reading') : t('imports.showPreview')}
          </button>
        </div>
      </form>

      {commit.data && upload && (
        <section className="panel import-done" aria-labelledby="import-done-title">
          <h2 id="import-done-title" ref={doneHeading} tabIndex={-1}>
            {t('imports.step3')}
          </h2>
          <Notice tone="success">
            {t('imports.done', {
              imported: commit.data.counts.imported,
              already: commit.data.counts.alreadyImported,
              rejected: commit.data.counts.problems,
            })}
          </Notice>
          <div className="form-actions">
            <RejectedButton
              result={commit.data}
              onDownload={() =>
                downloadRejected(withMapping(), i18n.language.startsWith('en') ? 'en' : 'de')
              }
              onError={setDownloadError}
            />
            <button type="button" className="btn" onClick={reset}>
              {t('imports.again')}
            </button>
          </div>
        </section>
      )}
      {result && upload && (
        <section className="panel import-review" aria-labelledby="import-review-title">
          <h2 id="import-review-title" ref={reviewHeading} tabIndex={-1}>
            {result.committed ? t('imports.resultTitle') : t('imports.step2')}
          </h2>
          {!result.committed && (
            <>
              <p className="muted small">
                {t(`imports.mappingSource.${result.mappingSource}`)} {t('imports.mappingSaved')}
              </p>
              {unmapped.length > 0 && (
                <p className="muted small">
                  {t('imports.unmappedColumns', { columns: unmapped.join(', ') })}
                </p>
              )}
              <details className="import-mapping" open={result.mappingSource !== 'saved'}>
                <summary>
                  {t('imports.mappingSummary', {
                    mapped: result.fields.filter((f) => mapping[f]).length,
                    total: result.fields.length,
                  })}
                </summary>
                <div className="form-grid">
                  {result.fields.map((f) => {
                    const required = REQUIRED_IMPORT_FIELDS[result.kind].includes(f as never);
                    return (
                      <Field
                        key={f}
                        label={t(`imports.fields.${f}`)}
                        required={required}
                        hint={required ? t('imports.requiredField') : undefined}
                      >
                        {(p) => (
                          <select
                            {...p}
                            value={mapping[f] ?? ''}
                            onChange={(e) => {
                              setMapping({ ...mapping, [f]: e.target.value || null });
                              setDirty(true);
                            }}
                          >
                            <option value="">{t('imports.notImported')}</option>
                            {result.columns.map((c) => (
                              <option key={c} value={c}>
                                {c}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                    );
                  })}
                </div>
                <div className="form-actions">
                  <button
                    type="button"
                    className={`btn${dirty ? ' btn-primary' : ''}`}
                    disabled={preview.isPending}
                    onClick={() => runPreview(withMapping())}
                  >
                    {t('imports.updatePreview')}
                  </button>
                </div>
              </details>
              {preview.error && previewed && <RefusalAlert error={preview.error} />}
            </>
          )}
          <ResultTable key={result.committed ? 'committed' : 'preview'} result={result} />
          {!result.committed && (
            <div className="form-actions">
              {dirty && (
                <p className="field-hint" id="import-dirty-hint">
                  {t('imports.dirtyHint')}
                </p>
              )}
              <button
                type="button"
                className="btn btn-primary"
                disabled={result.counts.ok === 0 || dirty || commit.isPending}
                aria-describedby={dirty ? 'import-dirty-hint' : undefined}
                onClick={() => commit.mutate(withMapping())}
              >
                {t('imports.commit', { count: result.counts.ok })}
              </button>
              <RejectedButton
                result={result}
                onDownload={() =>
                  downloadRejected(withMapping(), i18n.language.startsWith('en') ? 'en' : 'de')
                }
                onError={setDownloadError}
              />
            </div>
          )}
          {commit.error && <RefusalAlert error={commit.error} />}
        </section>
      )}

      {downloadError ? <RefusalAlert error={downloadError} /> : null}
    </>
  );
}

function RejectedButton({
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
function RefusalAlert({ error }: { error: unknown }) {
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

function ProblemList({ problems }: { problems: ImportProblem[] }) {
  const { t } = useTranslation();
  if (!problems.length) return null;
  return (
    <ul className="import-problems">
      {problems.map((p, i) => (
        <li key={i}>
          {t(`imports.problems.${p.code}`, { defaultValue: t('imports.problems.REFUSED') })}
          {p.field && ` (${t(`imports.fields.${p.field}`, { defaultValue: p.field })})`}
          {p.detail &&
            `: ${p.code === 'DUPLICATE_IN_FILE' ? t('imports.row', { row: p.detail }) : p.detail}`}
        </li>
      ))}
    </ul>
  );
}

type Show = 'all' | ImportRow['status'];

function ResultTable({ result }: { result: ImportResult }) {
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
