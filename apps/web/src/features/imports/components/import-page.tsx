import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_KINDS,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  REQUIRED_IMPORT_FIELDS,
  type ImportFileBody,
  type ImportKind,
  type ImportMapping,
  type ImportResult,
} from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { Field, Notice, PageHeader } from '../../../components/ui.tsx';
import {
  downloadRejected,
  fileToBase64,
  participantExportUrl,
  useCommitImport,
  usePreviewImport,
} from '../api/import-queries.ts';
import { RefusalAlert, RejectedButton, ResultTable } from './import-result.tsx';

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
