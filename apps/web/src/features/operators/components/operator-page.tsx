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
  Loading,
  PageHeader,
} from '../../../components/ui.tsx';
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
      {operators.isPending && <Loading />}
      <ErrorMessage error={operators.error ?? del.error} />
      {operators.data?.length === 0 && <EmptyState title={t('operators.empty')} />}
      {operators.data && operators.data.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('operators.name')}</th>
                <th scope="col">{t('operators.legalForm')}</th>
                <th scope="col" className="num">
                  {t('operators.centres')}
                </th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {operators.data.map((o) => (
                <tr key={o.id}>
                  <td data-label={t('operators.name')}>{o.name}</td>
                  <td data-label={t('operators.legalForm')}>{t(`legalForms.${o.legalForm}`)}</td>
                  <td data-label={t('operators.centres')} className="num">
                    {o.centreCount}
                  </td>
                  <td className="row-actions">
                    <button type="button" className="btn btn-small" onClick={() => setEditing(o)}>
                      {t('common.edit')}
                    </button>
                    <button
                      type="button"
                      className="btn btn-small btn-danger-outline"
                      disabled={o.centreCount > 0}
                      title={o.centreCount > 0 ? t('operators.inUse') : undefined}
                      onClick={() => setDeleting(o)}
                    >
                      {t('common.delete')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
