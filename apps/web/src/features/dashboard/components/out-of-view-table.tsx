import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OutOfView, OutOfViewItem } from '@begegnung/domain';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { EmptyState } from '../../../components/ui.tsx';
import { useFormat } from '../../../lib/format.ts';
import { centreQueries } from '../../../lib/reference-data.ts';
import { CreateTask, OpenTask } from './outreach-task.tsx';

type TaskFilter = '' | 'none' | 'open';
const WEEK_CHOICES = [4, 6, 8, 12, 16, 26, 52];

const labelOf = (item: OutOfViewItem) => (item.alias ? `${item.alias} · ${item.code}` : item.code);

/**
 * The people out of view, named (only those with valid consent to be contacted: the API names
 * no one else), filtered by weeks unseen and outreach state, sortable by every column. The
 * centre filter is the page's (the API narrows the list).
 */
export function OutOfViewTable({ data }: { data: OutOfView }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = useId();
  const centres = useQuery(centreQueries.list());
  const [weeks, setWeeks] = useState(data.notSeenWeeks);
  const [task, setTask] = useState<TaskFilter>('');
  const centreName = (item: OutOfViewItem) =>
    centres.data?.find((c) => c.id === item.centreId)?.name ?? item.centreCode;
  const weekChoices = [
    ...new Set([data.notSeenWeeks, ...WEEK_CHOICES.filter((w) => w > data.notSeenWeeks)]),
  ];
  const rows = data.items.filter(
    (item) =>
      item.daysSinceContact >= weeks * 7 &&
      (task === '' || (task === 'open') === (item.openTask !== null)),
  );
  const columns: Column<OutOfViewItem>[] = [
    {
      key: 'person',
      header: t('dashboard.oov.person'),
      sortValue: labelOf,
      cell: (item) => (
        <Link to={`/participants/${item.participantId}`} className="strong-link">
          {labelOf(item)}
        </Link>
      ),
    },
    {
      key: 'centre',
      header: t('dashboard.centre'),
      sortValue: centreName,
      cell: centreName,
    },
    {
      key: 'movedIn',
      header: t('dashboard.oov.movedIn'),
      sortValue: (item) => item.movedInAt,
      cell: (item) => fmt.date(item.movedInAt),
    },
    {
      key: 'lastContact',
      header: t('dashboard.oov.lastContact'),
      sortValue: (item) => item.lastContactOn,
      cell: (item) =>
        item.lastContactOn ? fmt.date(item.lastContactOn) : t('dashboard.oov.never'),
    },
    {
      key: 'days',
      header: t('dashboard.oov.days'),
      numeric: true,
      sortValue: (item) => item.daysSinceContact,
      cell: (item) => item.daysSinceContact,
    },
    {
      key: 'outreach',
      header: t('dashboard.oov.outreach'),
      cell: (item) =>
        item.openTask ? (
          <OpenTask item={item} />
        ) : item.canCreateTask ? (
          <CreateTask item={item} label={labelOf(item)} />
        ) : (
          <span className="small muted">{t(`dashboard.oov.blocked.${item.blockedReason}`)}</span>
        ),
    },
  ];
  if (data.items.length === 0) return <EmptyState title={t('dashboard.oov.empty')} />;
  return (
    <>
      <DataTable
        label={t('dashboard.oov.list')}
        className="dash-table dash-oov"
        columns={columns}
        rows={rows}
        rowKey={(item) => item.participantId}
        filters={
          <>
            <label htmlFor={`${id}-weeks`}>
              <span>{t('dashboard.oov.filter.weeks')}</span>
              <select
                id={`${id}-weeks`}
                value={weeks}
                onChange={(e) => setWeeks(Number(e.target.value))}
              >
                {weekChoices.map((w) => (
                  <option key={w} value={w}>
                    {t('dashboard.oov.filter.weeksOption', { count: w })}
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor={`${id}-task`}>
              <span>{t('dashboard.oov.filter.task')}</span>
              <select
                id={`${id}-task`}
                value={task}
                onChange={(e) => setTask(e.target.value as TaskFilter)}
              >
                <option value="">{t('dashboard.oov.filter.taskAll')}</option>
                <option value="none">{t('dashboard.oov.filter.taskNone')}</option>
                <option value="open">{t('dashboard.oov.filter.taskOpen')}</option>
              </select>
            </label>
          </>
        }
        empty={<EmptyState title={t('dashboard.oov.filter.noneMatch')} />}
      />
      <p className="small muted" aria-live="polite">
        {t('dashboard.oov.filter.count', { count: rows.length, total: data.items.length })}
      </p>
    </>
  );
}
