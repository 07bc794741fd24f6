import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LEGAL_FORMS, type LegalForm, type Operator } from '@begegnung/domain';
import { operatorQueries } from '../../../lib/reference-data.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import {
  Alert,
  ConfirmDialog,
  EmptyState,
  ErrorMessage,
  Field,
  PageHeader,
} from '../../../components/ui.tsx';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { PageState } from '../../../components/page-state.tsx';
import { useDeleteOperator, useSaveOperator } from '../api/operator-mutations.ts';

function OperatorForm({ operator, onDone }: { operator?: Operator; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveOperator();
  const errors = useFormErrors(save.error);
  const [name, setName] = useState(operator?.name ?? '');
  const [legalForm, setLegalForm] = useState<LegalForm>(operator?.legalForm ?? 'e_v');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ id: operator?.id, body: { name, legalForm } }, { onSuccess: onDone });
  };
  return (
    <form className="form form-inline-card" onSubmit={onSubmit} noValidate>
      <h2>{operator ? t('operators.edit') : t('operators.new')}</h2>
      <Alert>{errors.general}</Alert>
      <div className="form-grid">
        <Field label={t('operators.name')} error={errors.field('name')}>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoFocus />}
        </Field>
        <Field label={t('operators.legalForm')} error={errors.field('legalForm')}>
          {(p) => (
            <select
              {...p}
              value={legalForm}
              onChange={(e) => setLegalForm(e.target.value as LegalForm)}
            >
              {LEGAL_FORMS.map((f) => (
                <option key={f} value={f}>
                  {t(`legalForms.${f}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function OperatorPage() {
  const { t } = useTranslation();
  const operators = useQuery(operatorQueries.list());
  const del = useDeleteOperator();
  const [editing, setEditing] = useState<Operator | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Operator | null>(null);

  const columns: Column<Operator>[] = [
    {
      key: 'name',
      header: t('operators.name'),
      rowHeader: true,
      sortValue: (o) => o.name,
      cell: (o) => o.name,
    },
    {
      key: 'legalForm',
      header: t('operators.legalForm'),
      sortValue: (o) => t(`legalForms.${o.legalForm}`),
      cell: (o) => t(`legalForms.${o.legalForm}`),
    },
    {
      key: 'centres',
      header: t('operators.centres'),
      numeric: true,
      sortValue: (o) => o.centreCount,
      cell: (o) => o.centreCount,
    },
    {
      key: 'actions',
      header: <span className="sr-only">{t('common.actions')}</span>,
      label: t('common.actions'),
      className: 'row-actions',
      cell: (o) => (
        <>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setEditing(o)}
            aria-label={`${t('common.edit')}: ${o.name}`}
          >
            {t('common.edit')}
          </button>
          <button
            type="button"
            className="btn btn-small btn-danger-outline"
            disabled={o.centreCount > 0}
            title={o.centreCount > 0 ? t('operators.inUse') : undefined}
            onClick={() => setDeleting(o)}
            aria-label={`${t('common.delete')}: ${o.name}`}
          >
            {t('common.delete')}
          </button>
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('operators.title')}
        subtitle={t('operators.subtitle')}
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('operators.new')}
          </button>
        }
      />
      {editing && (
        <OperatorForm
          key={editing === 'new' ? 'new' : editing.id}
          operator={editing === 'new' ? undefined : editing}
          onDone={() => setEditing(null)}
        />
      )}
      <ErrorMessage error={del.error} />
      <PageState query={operators}>
        {(rows) => (
          <DataTable
            label={t('operators.title')}
            rows={rows}
            rowKey={(o) => o.id}
            columns={columns}
            initialSort={{ key: 'name', dir: 'asc' }}
            empty={<EmptyState title={t('operators.empty')} />}
          />
        )}
      </PageState>
      <ConfirmDialog
        open={!!deleting}
        danger
        title={t('operators.deleteTitle', { name: deleting?.name ?? '' })}
        body={t('operators.deleteBody')}
        confirmLabel={t('common.delete')}
        busy={del.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting && del.mutate(deleting.id, { onSettled: () => setDeleting(null) })
        }
      />
    </>
  );
}
