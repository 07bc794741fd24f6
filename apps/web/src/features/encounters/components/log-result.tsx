import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LogOutcome } from './log-form.tsx';

/**
 * What saving did, focused so keyboard and screen-reader users hear it. A named walk-in's new
 * code is shown large, to be written on the signed consent sheet (print or copy).
 */
export function LogResult({ outcome }: { outcome: LogOutcome }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => ref.current?.focus(), [outcome]);

  if (outcome.kind === 'queued') {
    return (
      <div ref={ref} tabIndex={-1} className="alert alert-info log-result" role="status">
        {t('encounters.offline.queuedOne', { label: outcome.label })}
      </div>
    );
  }
  const e = outcome.encounter;
  const newcomers = e.attendees.filter((a) => outcome.walkInIds.includes(a.id));
  return (
    <div ref={ref} tabIndex={-1} className="alert alert-success log-result" role="status">
      <p>
        {t('encounters.log.saved', {
          total: e.attendees.length + e.headcounts.newcomers,
          host: e.headcounts.host,
        })}{' '}
        <Link to={`/encounters/${e.id}`}>{t('encounters.log.openSaved')}</Link>
      </p>
      {newcomers.length > 0 && (
        <>
          <p>{t('encounters.log.newCodes', { count: newcomers.length })}</p>
          <ul className="walk-in-codes">
            {newcomers.map((a) => (
              <li key={a.id}>
                <span className="walk-in-code">{a.code}</span>
                {a.alias && <span>{a.alias}</span>}
                <Link className="btn btn-small" to={`/consent-sheet/de?participant=${a.id}`}>
                  {t('encounters.log.printSheet')}
                </Link>
                <button
                  type="button"
                  className="btn btn-small"
                  onClick={() =>
                    void navigator.clipboard
                      ?.writeText(a.code)
                      .then(() => setCopied(a.code))
                      .catch(() => setCopied(null))
                  }
                >
                  {copied === a.code ? t('encounters.log.copied') : t('encounters.log.copyCode')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
