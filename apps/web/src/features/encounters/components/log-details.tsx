import { useTranslation } from 'react-i18next';
import type { Activity } from '@begegnung/domain';
import { Field } from '../../../components/ui.tsx';
import type { Draft } from './log-draft.ts';
import { activityLabel } from './labels.ts';

/** Activity, date, time and duration: folded away for a group session, open otherwise. */
export function LogDetails({
  draft: d,
  activities,
  set,
  problem,
  fieldError,
}: {
  draft: Draft;
  activities: Activity[];
  set: <K extends keyof Draft>(k: K, v: Draft[K]) => void;
  problem: (field: string) => string | undefined;
  fieldError: (field: string) => string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-grid">
      <Field label={t('encounters.activity')} error={fieldError('activityId')}>
        {(p) => (
          <select
            {...p}
            value={d.activityId}
            onChange={(e) => set('activityId', Number(e.target.value))}
          >
            {activities
              .filter((a) => a.active)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {activityLabel(t, a)}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field label={t('encounters.date')} error={problem('date')}>
        {(p) => (
          <input {...p} type="date" value={d.date} onChange={(e) => set('date', e.target.value)} />
        )}
      </Field>
      <Field label={t('encounters.time')} error={fieldError('startTime')}>
        {(p) => (
          <input
            {...p}
            type="time"
            value={d.startTime}
            onChange={(e) => set('startTime', e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('encounters.duration')}
        error={problem('durationMinutes')}
        hint={t('encounters.durationHint')}
      >
        {(p) => (
          <input
            {...p}
            type="number"
            inputMode="numeric"
            value={d.durationMinutes}
            onChange={(e) => set('durationMinutes', Math.trunc(Number(e.target.value)))}
          />
        )}
      </Field>
    </div>
  );
}
