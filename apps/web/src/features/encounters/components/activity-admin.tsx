import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import type { Activity } from '@begegnung/domain';
import { Alert, Badge, EmptyState, Field, PageHeader } from '../../../components/ui.tsx';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { PageState } from '../../../components/page-state.tsx';
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
  const columns: Column<Activity>[] = [
    {
      key: 'name',
      header: t('encounters.activity'),
      rowHeader: true,
      sortValue: (a) => activityLabel(t, a),
      cell: (a) => (
        <>
          {activityLabel(t, a)} {!a.key && <Badge>{t('encounters.activities.custom')}</Badge>}
        </>
      ),
    },
    {
      key: 'duration',
      header: t('encounters.activities.defaultDuration'),
      numeric: true,
      sortValue: (a) => a.defaultDurationMinutes,
      cell: (a) => t('encounters.minutes', { count: a.defaultDurationMinutes }),
    },
    {
      key: 'recurring',
      header: t('encounters.activities.recurring'),
      sortValue: (a) => (a.recurring ? 0 : 1),
      cell: (a) => (a.recurring ? t('encounters.yes') : t('encounters.no')),
    },
    {
      key: 'status',
      header: t('encounters.activities.status'),
      sortValue: (a) => (a.active ? 0 : 1),
      cell: (a) => (
        <Badge tone={a.active ? 'success' : 'muted'}>
          {a.active ? t('encounters.activities.active') : t('encounters.activities.inactive')}
        </Badge>
      ),
    },
    {
      key: 'actions',
      header: t('common.actions'),
      cell: (a) => (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => update.mutate({ id: a.id, active: !a.active })}
          aria-label={`${a.active ? t('encounters.activities.deactivate') : t('encounters.activities.activate')}: ${activityLabel(t, a)}`}
        >
          {a.active ? t('encounters.activities.deactivate') : t('encounters.activities.activate')}
        </button>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('encounters.activities.title')}
        subtitle={t('encounters.activities.subtitle')}
      />
      <PageState query={list}>
        {(rows) => (
          <DataTable
            label={t('encounters.activities.title')}
            rows={rows}
            rowKey={(a) => a.id}
            columns={columns}
            initialSort={{ key: 'name', dir: 'asc' }}
            empty={<EmptyState title={t('encounters.activities.empty')} />}
          />
        )}
      </PageState>
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
