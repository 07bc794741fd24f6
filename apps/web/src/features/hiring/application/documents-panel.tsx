import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Application } from '@begegnung/domain';
import { useFormat } from '../../../lib/format.ts';
import { ErrorMessage, Field } from '../../../components/ui.tsx';
import { documentUrl, useUploadDocument } from '../api/hiring-queries.ts';

/** The applicant's PDFs (downloads are audited) and, for HR, an upload. */
export function DocumentsPanel({ app, canUpload }: { app: Application; canUpload: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const upload = useUploadDocument(app.id);
  const [file, setFile] = useState<File | null>(null);
  return (
    <section className="panel" aria-labelledby="docs-heading">
      <h2 id="docs-heading">{t('hiring.documents.title')}</h2>
      {app.documents.length === 0 && <p className="muted">{t('hiring.documents.none')}</p>}
      <ul className="hiring-documents">
        {app.documents.map((d) => (
          <li key={d.id}>
            <a href={documentUrl(app.id, d.id)} download>
              {d.filename}
            </a>{' '}
            <span className="muted small">
              {Math.ceil(d.size / 1024)} KB · {f.date(d.uploadedAt)}
            </span>
          </li>
        ))}
      </ul>
      {canUpload && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate(file, { onSuccess: () => setFile(null) });
          }}
        >
          <ErrorMessage error={upload.error} />
          <Field label={t('hiring.documents.upload')} hint={t('hiring.documents.hint')}>
            {(p) => (
              <input
                {...p}
                type="file"
                accept="application/pdf,.pdf"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          <button type="submit" className="btn btn-small" disabled={!file || upload.isPending}>
            {t('hiring.documents.send')}
          </button>
        </form>
      )}
    </section>
  );
}
