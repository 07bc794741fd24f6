import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CriterionInput, Vacancy } from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { ErrorMessage, Field } from '../../../components/ui.tsx';
import { useNewCriteriaVersion, useReplaceCriteria } from '../api/hiring-queries.ts';
import { CriteriaEditor } from '../components/criteria-editor.tsx';
import { FormActions } from '../shared/form-actions.tsx';

/**
 * A draft's criteria are edited in place; once published they are frozen, and a change is a
 * new version with a reason that sends the advert back to draft (re-advertise or abort).
 */
export function CriteriaChange({ vacancy }: { vacancy: Vacancy }) {
  const { t } = useTranslation();
  const frozen = vacancy.criteriaSet.frozenAt !== null;
  const replace = useReplaceCriteria(vacancy.id);
  const version = useNewCriteriaVersion(vacancy.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [criteria, setCriteria] = useState<CriterionInput[]>(() =>
    vacancy.criteriaSet.criteria.map(({ id: _id, ...c }) => c),
  );
  const mutation = frozen ? version : replace;
  const errors = useFormErrors(mutation.error);
  if (!open)
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        {t(frozen ? 'hiring.editor.newVersion' : 'hiring.editor.edit')}
      </button>
    );
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const done = { onSuccess: () => setOpen(false) };
        if (frozen) version.mutate({ reason, criteria }, done);
        else replace.mutate(criteria, done);
      }}
    >
      {frozen && <p className="alert alert-warning">{t('hiring.editor.frozenExplain')}</p>}
      <ErrorMessage error={mutation.error} />
      {frozen && (
        <Field label={t('hiring.editor.reason')} error={errors.field('reason')}>
          {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      )}
      <CriteriaEditor value={criteria} onChange={setCriteria} />
      <FormActions
        submitLabel={frozen ? t('hiring.editor.saveVersion') : undefined}
        busy={mutation.isPending}
        onCancel={() => setOpen(false)}
      />
    </form>
  );
}
