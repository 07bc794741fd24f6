import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, Badge, ErrorMessage, Field, Loading, PageHeader } from '../../../components/ui.tsx';
import { activityQueries, useActivityMutations } from '../api/encounter-queries.ts';
import { activityLabel } from './labels.ts';

export function ActivityAdmin() {
  const { t } = useTranslation();
  const list = useQuery(activityQueries.list());
  const { create, update } = useActivityMutations();
  const errors = useFormErrors(create.error ?? update.error);
  const [name, setName] = useState('');
  const [duration, setDuration] = useState(90);
  const [recurring, setRecurring] = useState(true);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, defaultDurationMinutes: duration, recurring },
      { onSuccess: () => setName('') },
    );
  };
  return (
    <>
      <PageHeader
        title={t('encounters.activities.title')}
        subtitle={t('encounters.activities.subtitle')}
      />
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data && (
        <div className="table-wrap">
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('encounters.activity')}</th>
                <th scope="col">{t('encounters.activities.defaultDuration')}</th>
                <th scope="col">{t('encounters.activities.recurring')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('encounters.activity')}>
                    {activityLabel(t, a)}{' '}
                    {!a.key && <Badge>{t('encounters.activities.custom')}</Badge>}
                  </td>
                  <td data-label={t('encounters.activities.defaultDuration')}>
                    {t('encounters.minutes', { count: a.defaultDurationMinutes })}
                  </td>
                  <td data-label={t('encounters.activities.recurring')}>
                    {a.recurring ? t('encounters.yes') : t('encounters.no')}
                  </td>
                  <td data-label={t('common.actions')}>
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => update.mutate({ id: a.id, active: !a.active })}
                    >
                      {a.active
                        ? t('encounters.activities.deactivate')
                        : t('encounters.activities.activate')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="form panel" onSubmit={onSubmit} noValidate>
        <h2>{t('encounters.activities.new')}</h2>
        <Alert>{errors.general}</Alert>
        <div className="form-grid">
          <Field label={t('encounters.activities.name')} error={errors.field('name')}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field
            label={t('encounters.activities.defaultDuration')}
            error={errors.field('defaultDurationMinutes')}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                value={duration}
                onChange={(e) => setDuration(Math.trunc(Number(e.target.value)))}
              />
            )}
          </Field>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={recurring}
            onChange={(e) => setRecurring(e.target.checked)}
          />
          <span>{t('encounters.activities.recurring')}</span>
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {t('encounters.activities.create')}
          </button>
        </div>
      </form>
    </>
  );
}
