import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS } from '@begegnung/domain';
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

const PAGE = 50;
const ENTITY_TYPES = [
  'user',
  'centre',
  'operator',
  'session',
  'participant',
  'consent',
  'encounter',
  'follow_up',
  'settings',
  'audit_log',
];

/** Days with unusually many reads of personal data (per user), for review. */
function ReadVolumeAlert() {
  const { t, i18n } = useTranslation();
  const volume = useQuery(auditQueries.readVolume(30));
  if (!volume.data) return null;
  const flagged = volume.data.rows.filter((r) => r.flagged);
  const day = (d: string) =>
    new Date(`${d}T12:00:00Z`).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'de-DE');
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
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({ limit: PAGE, offset: 0 });
  const audit = useQuery(auditQueries.list(filter));
  const set = (k: keyof AuditFilter, v: string) =>
    setFilter((f) => ({ ...f, [k]: v || undefined, offset: 0 }));
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
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
      <div className="filters" role="search">
        <label>
          <span>{t('audit.action')}</span>
          <select value={filter.action ?? ''} onChange={(e) => set('action', e.target.value)}>
            <option value="">{t('audit.all')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('audit.entity')}</span>
          <select
            value={filter.entityType ?? ''}
            onChange={(e) => set('entityType', e.target.value)}
          >
            <option value="">{t('audit.all')}</option>
            {ENTITY_TYPES.map((e) => (
              <option key={e} value={e}>
                {t(`audit.entities.${e}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('audit.from')}</span>
          <input
            type="date"
            value={filter.from ?? ''}
            onChange={(e) => set('from', e.target.value)}
          />
        </label>
        <label>
          <span>{t('audit.to')}</span>
          <input type="date" value={filter.to ?? ''} onChange={(e) => set('to', e.target.value)} />
        </label>
      </div>
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
                    {fmt.format(new Date(a.at))}
                  </td>
                  <td data-label={t('audit.actor')}>{a.actorEmail ?? t('audit.system')}</td>
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
                    {a.entityId && <span className="muted"> #{a.entityId}</span>}
                  </td>
                  <td data-label={t('audit.details')} className="small">
                    {a.changedFields?.length
                      ? `${t('audit.changed')}: ${a.changedFields.join(', ')}`
                      : ''}
                    {a.reason && <span className="muted"> {a.reason}</span>}
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
