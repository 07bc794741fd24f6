import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@begegnung/domain';
import {
  Badge,
  EmptyState,
  ErrorMessage,
  Loading,
  PageHeader,
  Pager,
} from '../../../components/ui.tsx';
import { auditCsvUrl, auditQueries, type AuditFilter } from '../api/audit-queries.ts';
import { ChainCheck } from './chain-check.tsx';
import { AuditFilters } from './audit-filters.tsx';
import { reasonLabel } from './audit-labels.ts';
import { useFormat } from '../../../lib/format.ts';

/** Codes of the persons a row showed; long lists are cut after a few. */
function Shown({ subjects }: { subjects: AuditEntry['subjects'] }) {
  const { t } = useTranslation();
  if (subjects.length === 0) return null;
  const first = subjects.slice(0, SHOWN_MAX);
  return (
    <div className="audit-shown">
      <span className="muted">{t('audit.shown')}: </span>
      {first.map((s) => (
        <code key={s.id} className="audit-code">
          {s.code ?? t('audit.erased')}
        </code>
      ))}
      {subjects.length > SHOWN_MAX && (
        <span className="muted">
          {' '}
          {t('audit.shownMore', { count: subjects.length - SHOWN_MAX })}
        </span>
      )}
    </div>
  );
}

const PAGE = 50;
const SHOWN_MAX = 8;

/** Days with unusually many reads of personal data (per user), for review. */
function ReadVolumeAlert() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const volume = useQuery(auditQueries.readVolume(30));
  if (!volume.data) return null;
  const flagged = volume.data.rows.filter((r) => r.flagged);
  const day = fmt.date;
  return (
    <section className={`panel audit-volume${flagged.length ? ' audit-volume-alert' : ''}`}>
      <h2>{t('audit.volume.title', { count: flagged.length })}</h2>
      <p className="muted small">
        {t('audit.volume.rule', { threshold: volume.data.threshold, days: volume.data.days })}
      </p>
      {flagged.length > 0 && (
        <ul>
          {flagged.map((r) => (
            <li key={`${r.actorId}-${r.day}`}>
              <strong>{r.actorEmail ?? t('audit.system')}</strong> · {day(r.day)} ·{' '}
              {t('audit.volume.reads', { count: r.reads })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AuditLog() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({ limit: PAGE, offset: 0 });
  const audit = useQuery(auditQueries.list(filter));
  const update = (patch: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...patch, offset: 0 }));
  const fmt = useFormat();
  const total = audit.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={
          <a className="btn" href={auditCsvUrl(filter)} download>
            {t('audit.exportCsv')}
          </a>
        }
      />
      <ChainCheck />
      <ReadVolumeAlert />
      <AuditFilters filter={filter} onChange={update} />
      {audit.isPending && <Loading />}
      <ErrorMessage error={audit.error} onRetry={() => void audit.refetch()} />
      {audit.data?.items.length === 0 && <EmptyState title={t('audit.empty')} />}
      {audit.data && audit.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.entity')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.items.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('audit.at')} className="nowrap">
                    {fmt.dateTime(a.at, 'medium')}
                  </td>
                  <td data-label={t('audit.actor')}>
                    {a.actorName ?? a.actorEmail ?? t('audit.system')}
                    {a.actorName && a.actorEmail && (
                      <div className="muted small">{a.actorEmail}</div>
                    )}
                  </td>
                  <td data-label={t('audit.action')}>
                    <Badge
                      tone={
                        a.action === 'denied' || a.action === 'login_failed' ? 'accent' : 'neutral'
                      }
                    >
                      {t(`audit.actions.${a.action}`)}
                    </Badge>
                  </td>
                  <td data-label={t('audit.entity')}>
                    {t(`audit.entities.${a.entityType}`, { defaultValue: a.entityType })}
                    {a.entityLabel ? (
                      <code className="audit-code">{a.entityLabel}</code>
                    ) : (
                      a.entityId && (
                        <span className="muted"> {t('audit.number', { id: a.entityId })}</span>
                      )
                    )}
                  </td>
                  <td data-label={t('audit.details')} className="small">
                    {a.changedFields?.length
                      ? `${t('audit.changed')}: ${a.changedFields.join(', ')}`
                      : ''}
                    {a.reason && <span className="muted"> {reasonLabel(t, a.reason)}</span>}
                    <Shown subjects={a.subjects} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager
        offset={filter.offset}
        pageSize={PAGE}
        total={total}
        onChange={(offset) => setFilter((f) => ({ ...f, offset }))}
      />
    </>
  );
}
