import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  FOLLOW_UP_OUTCOMES,
  addDays,
  localNow,
  type FollowUpOutcome,
  type OutOfView,
  type OutOfViewItem,
  type Outreach,
} from '@begegnung/domain';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../../components/ui.tsx';
import { useFormat } from '../../../lib/format.ts';
import { reportingQueries, useCreateTask, useRecordOutcome } from '../api/dashboard-queries.ts';
import { Cell, PeriodFilterBar, usePeriod } from './period-filter.tsx';

export function OutOfViewPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = usePeriod();
  const list = useQuery(reportingQueries.outOfView(filter.centreId));
  const loop = useQuery(reportingQueries.outreach(filter));
  return (
    <>
      <PageHeader
        title={t('dashboard.oov.title')}
        subtitle={
          list.data
            ? t('dashboard.oov.subtitle', {
                months: list.data.movedWithinMonths,
                weeks: list.data.notSeenWeeks,
              })
            : undefined
        }
      />
      <PeriodFilterBar value={filter} onChange={setFilter} />
      <section className="panel" aria-labelledby="oov-loop">
        <h2 id="oov-loop">{t('dashboard.oov.loop')}</h2>
        {loop.isPending ? (
          <Loading />
        ) : loop.error ? (
          <ErrorMessage error={loop.error} />
        ) : (
          <LoopFigures o={loop.data} />
        )}
      </section>
      <section className="panel" aria-labelledby="oov-list">
        <h2 id="oov-list">{t('dashboard.oov.list')}</h2>
        <p className="small muted">{t('dashboard.oov.listHint')}</p>
        {list.data && <WithheldLine o={list.data} />}
        {list.isPending ? (
          <Loading />
        ) : list.error ? (
          <ErrorMessage error={list.error} />
        ) : list.data.items.length === 0 ? (
          <EmptyState title={t('dashboard.oov.empty')} />
        ) : (
          <div className="table-wrap">
            <table className="table dash-table dash-oov">
              <thead>
                <tr>
                  <th scope="col">{t('dashboard.oov.person')}</th>
                  <th scope="col">{t('dashboard.centre')}</th>
                  <th scope="col">{t('dashboard.oov.movedIn')}</th>
                  <th scope="col">{t('dashboard.oov.lastContact')}</th>
                  <th scope="col" className="num">
                    {t('dashboard.oov.days')}
                  </th>
                  <th scope="col">{t('dashboard.oov.outreach')}</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((item) => (
                  <Row key={item.participantId} item={item} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** People out of view without valid consent: only counted per centre, never named. */
function WithheldLine({ o }: { o: OutOfView }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <p className="withheld-line" data-testid="oov-withheld">
      <strong>{t('dashboard.oov.withheld')}:</strong>{' '}
      {o.centres.map((c, i) => (
        // The separator stays outside the unbreakable pair, so a long list of centres wraps.
        <Fragment key={c.id}>
          {i > 0 && ' · '}
          <span className="nowrap">
            {c.code} <Cell value={o.withoutConsent.cells[i]![0]!} format={f.n} />
          </span>
        </Fragment>
      ))}
      <span className="small muted"> – {t('dashboard.oov.withheldHint')}</span>
    </p>
  );
}

function LoopFigures({ o }: { o: Outreach }) {
  const { t } = useTranslation();
  const f = useFormat();
  const col = (k: FollowUpOutcome) => o.closed.colTotals[o.outcomes.indexOf(k)]!;
  const items = [
    { key: 'flagged', value: <Cell value={o.flagged.total} format={f.n} /> },
    { key: 'contacted', value: <Cell value={o.contacted.total} format={f.n} /> },
    { key: 're_engaged', value: <Cell value={col('re_engaged')} format={f.n} /> },
    { key: 'verified', value: <Cell value={o.verified.total} format={f.n} /> },
    { key: 'moved_away', value: <Cell value={col('moved_away')} format={f.n} /> },
    { key: 'unreachable', value: <Cell value={col('unreachable')} format={f.n} /> },
    { key: 'rate', value: f.pct(o.totalRate) },
    { key: 'selfReportedRate', value: f.pct(o.totalSelfReportedRate) },
  ];
  return (
    <>
      <dl className="dash-figures dash-loop">
        {items.map((i) => (
          <div key={i.key} className="dash-figure" data-testid={`loop-${i.key}`}>
            <dt className="dash-figure-label">{t(`dashboard.oov.figures.${i.key}`)}</dt>
            <dd className="dash-figure-value">{i.value}</dd>
          </div>
        ))}
      </dl>
      <p className="small muted">
        {t('dashboard.oov.loopHint', { weeks: o.reEngagedWithinWeeks })}
      </p>
    </>
  );
}

function Row({ item }: { item: OutOfViewItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const label = item.alias ? `${item.alias} · ${item.code}` : item.code;
  return (
    <tr>
      <td>
        <Link to={`/participants/${item.participantId}`} className="strong-link">
          {label}
        </Link>
      </td>
      <td data-label={t('dashboard.centre')}>
        <span className="code-tag">{item.centreCode}</span>
      </td>
      <td data-label={t('dashboard.oov.movedIn')}>{fmt.date(item.movedInAt)}</td>
      <td data-label={t('dashboard.oov.lastContact')}>
        {item.lastContactOn ? fmt.date(item.lastContactOn) : t('dashboard.oov.never')}
      </td>
      <td className="num" data-label={t('dashboard.oov.days')}>
        {item.daysSinceContact}
      </td>
      <td data-label={t('dashboard.oov.outreach')}>
        {item.openTask ? (
          <OpenTask item={item} />
        ) : item.canCreateTask ? (
          <CreateTask item={item} label={label} />
        ) : (
          <span className="small muted">{t(`dashboard.oov.blocked.${item.blockedReason}`)}</span>
        )}
      </td>
    </tr>
  );
}

function CreateTask({ item, label }: { item: OutOfViewItem; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const staff = useQuery({ ...reportingQueries.staff(item.centreId), enabled: open });
  const create = useCreateTask();
  const [assignee, setAssignee] = useState('');
  const [due, setDue] = useState(addDays(localNow().date, 7));
  if (!open) {
    return (
      <button
        type="button"
        className="btn btn-small btn-primary"
        onClick={() => setOpen(true)}
        aria-label={t('dashboard.oov.createFor', { who: label })}
      >
        {t('dashboard.oov.create')}
      </button>
    );
  }
  const assigneeId = Number(assignee || staff.data?.[0]?.id);
  return (
    <form
      className="dash-task-form"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({
          participantId: item.participantId,
          assigneeId,
          dueOn: due,
          reason: t('dashboard.oov.reason', { days: item.daysSinceContact }),
        });
      }}
    >
      <label>
        <span>{t('dashboard.oov.assignee')}</span>
        <select
          value={assignee || String(staff.data?.[0]?.id ?? '')}
          onChange={(e) => setAssignee(e.target.value)}
        >
          {(staff.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.displayName}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('dashboard.oov.due')}</span>
        <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </label>
      <div className="row-actions">
        <button
          type="submit"
          className="btn btn-small btn-primary"
          disabled={create.isPending || !assigneeId}
        >
          {t('dashboard.oov.save')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
      {create.error && <ErrorMessage error={create.error} />}
    </form>
  );
}

function OpenTask({ item }: { item: OutOfViewItem }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const task = item.openTask!;
  const record = useRecordOutcome();
  const [outcome, setOutcome] = useState<FollowUpOutcome>('unreachable');
  return (
    <div className="dash-task">
      <div className="small">
        {t('dashboard.oov.assigned', { who: task.assigneeName, due: fmt.date(task.dueOn) })}
        {' · '}
        {t('dashboard.oov.attempts', { count: task.attempts })}
      </div>
      <div className="dash-task-form">
        <label>
          <span>{t('dashboard.oov.result')}</span>
          <select value={outcome} onChange={(e) => setOutcome(e.target.value as FollowUpOutcome)}>
            {FOLLOW_UP_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {t(`dashboard.outcomes.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="row-actions">
          <button
            type="button"
            className="btn btn-small"
            disabled={record.isPending}
            onClick={() => record.mutate({ taskId: task.id, outcome, close: false })}
          >
            {t('dashboard.oov.recordAttempt')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-primary"
            disabled={record.isPending}
            onClick={() => record.mutate({ taskId: task.id, outcome, close: true })}
          >
            {t('dashboard.oov.close')}
          </button>
        </div>
      </div>
      {record.error && <ErrorMessage error={record.error} />}
    </div>
  );
}
