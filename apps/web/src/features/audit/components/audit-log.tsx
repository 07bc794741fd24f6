import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@begegnung/domain';
import { Badge, EmptyState, PageHeader, Pager } from '../../../components/ui.tsx';
import { auditCsvUrl, auditQueries, auditXlsxUrl, type AuditFilter } from '../api/audit-queries.ts';
import { ChainCheck } from './chain-check.tsx';
import { AuditFilters } from './audit-filters.tsx';
import { reasonLabel } from './audit-labels.ts';
import { useFormat } from '../../../lib/format.ts';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { PageState } from '../../../components/page-state.tsx';

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
  const actor = (a: AuditEntry) => a.actorName ?? a.actorEmail ?? t('audit.system');
  const action = (a: AuditEntry) => t(`audit.actions.${a.action}`);
  const entity = (a: AuditEntry) =>
    t(`audit.entities.${a.entityType}`, { defaultValue: a.entityType });
  // Sorting reorders the page shown; the log pages newest first.
  const columns: Column<AuditEntry>[] = [
    {
      key: 'at',
      header: t('audit.at'),
      className: 'nowrap',
      sortValue: (a) => a.at,
      cell: (a) => fmt.dateTime(a.at, 'medium'),
    },
    {
      key: 'actor',
      header: t('audit.actor'),
      sortValue: actor,
      cell: (a) => (
        <>
          {actor(a)}
          {a.actorName && a.actorEmail && <div className="muted small">{a.actorEmail}</div>}
        </>
      ),
    },
    {
      key: 'action',
      header: t('audit.action'),
      sortValue: action,
      cell: (a) => (
        <Badge tone={a.action === 'denied' || a.action === 'login_failed' ? 'accent' : 'neutral'}>
          {action(a)}
        </Badge>
      ),
    },
    {
      key: 'entity',
      header: t('audit.entity'),
      sortValue: entity,
      cell: (a) => (
        <>
          {entity(a)}
          {a.entityLabel ? (
            <code className="audit-code">{a.entityLabel}</code>
          ) : (
            a.entityId && <span className="muted"> {t('audit.number', { id: a.entityId })}</span>
          )}
        </>
      ),
    },
    {
      key: 'details',
      header: t('audit.details'),
      className: 'small',
      cell: (a) => (
        <>
          {a.changedFields?.length ? `${t('audit.changed')}: ${a.changedFields.join(', ')}` : ''}
          {a.reason && <span className="muted"> {reasonLabel(t, a.reason)}</span>}
          <Shown subjects={a.subjects} />
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={
          <>
            <a className="btn" href={auditCsvUrl(filter)} download>
              {t('audit.exportCsv')}
            </a>
            <a className="btn" href={auditXlsxUrl(filter)} download>
              {t('audit.exportXlsx')}
            </a>
          </>
        }
      />
      <ChainCheck />
      <ReadVolumeAlert />
      <AuditFilters filter={filter} onChange={update} />
      <PageState query={audit}>
        {(data) => (
          <DataTable
            label={t('audit.title')}
            columns={columns}
            rows={data.items}
            rowKey={(a) => a.id}
            empty={<EmptyState title={t('audit.empty')} />}
          />
        )}
      </PageState>
      <Pager
        offset={filter.offset}
        pageSize={PAGE}
        total={total}
        onChange={(offset) => setFilter((f) => ({ ...f, offset }))}
      />
    </>
  );
}
