import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { ErrorMessage, Field } from '../../../components/ui.tsx';
import { useCreateApplication } from '../api/hiring-queries.ts';
import { FormActions } from '../shared/form-actions.tsx';
import { isoToday, useDraft } from '../shared/use-draft.ts';

/** Registers a received application (HR). */
export function ApplicationForm({ vacancyId, onDone }: { vacancyId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApplication(vacancyId);
  const errors = useFormErrors(create.error);
  const { draft, set } = useDraft(() => ({
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    receivedOn: isoToday(),
    severelyDisabled: false,
  }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const { phone, ...rest } = draft;
    create.mutate({ ...rest, ...(phone && { phone }) }, { onSuccess: onDone });
  };
  const text = (
    key: 'firstName' | 'lastName' | 'email' | 'phone' | 'receivedOn',
    type = 'text',
    withError = true,
  ) => (
    <Field
      label={t(`hiring.applications.${key === 'receivedOn' ? 'received' : key}`)}
      error={withError ? errors.field(key) : undefined}
    >
      {(p) => (
        <input {...p} type={type} value={draft[key]} onChange={(e) => set(key)(e.target.value)} />
      )}
    </Field>
  );
  return (
    <form
      className="form form-inline-card"
      onSubmit={onSubmit}
      noValidate
      aria-label={t('hiring.applications.add')}
    >
      <ErrorMessage error={create.error} />
      <div className="form-grid">
        {text('firstName')}
        {text('lastName')}
        {text('email', 'email')}
        {text('phone', 'text', false)}
        {text('receivedOn', 'date')}
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.severelyDisabled}
          onChange={(e) => set('severelyDisabled')(e.target.checked)}
        />
        <span>{t('hiring.applications.severelyDisabled')}</span>
      </label>
      <FormActions
        submitLabel={t('hiring.applications.save')}
        busy={create.isPending}
        onCancel={onDone}
      />
    </form>
  );
}
