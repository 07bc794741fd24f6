import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  FOLLOW_UP_OUTCOMES,
  addDays,
  localNow,
  type FollowUpOutcome,
  type OutOfViewItem,
} from '@begegnung/domain';
import { ErrorMessage } from '../../../components/ui.tsx';
import { useFormat } from '../../../lib/format.ts';
import { staffQueries } from '../../../lib/reference-data.ts';
import { useCreateTask, useRecordOutcome } from '../api/dashboard-queries.ts';

/** Creating an outreach task for a person out of view, and recording its attempts. */
export function CreateTask({ item, label }: { item: OutOfViewItem; label: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const staff = useQuery({ ...staffQueries.forCentre(item.centreId), enabled: open });
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

export function OpenTask({ item }: { item: OutOfViewItem }) {
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
