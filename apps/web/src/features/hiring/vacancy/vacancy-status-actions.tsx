import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Vacancy, VacancyStatus } from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { ConfirmDialog, Field } from '../../../components/ui.tsx';
import { useVacancyStatus } from '../api/hiring-queries.ts';
import { TransitionButtons } from '../shared/transition-buttons.tsx';

/** Publish, close or abort (with a reason), each after a confirmation. */
export function VacancyStatusActions({ vacancy }: { vacancy: Vacancy }) {
  const { t } = useTranslation();
  const change = useVacancyStatus(vacancy.id);
  const [to, setTo] = useState<VacancyStatus | null>(null);
  const [reason, setReason] = useState('');
  const errors = useFormErrors(change.error);
  if (vacancy.allowedTransitions.length === 0) return null;
  return (
    <>
      <TransitionButtons
        transitions={vacancy.allowedTransitions}
        label={(s) => t(`hiring.actions.${s}`)}
        tone={(s) => (s === 'aborted' ? 'danger' : 'primary')}
        onPick={(s) => {
          change.reset();
          setTo(s);
        }}
      />
      <ConfirmDialog
        open={to !== null}
        title={to ? t(`hiring.actions.${to}`) : ''}
        body={
          <>
            <p>{to && t(`hiring.actions.${to}Explain`)}</p>
            {to === 'aborted' && (
              <Field label={t('hiring.actions.abortReason')} error={errors.field('reason')}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                )}
              </Field>
            )}
            {errors.general && !errors.field('reason') && (
              <p className="field-error">{errors.general}</p>
            )}
          </>
        }
        confirmLabel={to ? t(`hiring.actions.${to}`) : ''}
        danger={to === 'aborted'}
        busy={change.isPending}
        onCancel={() => setTo(null)}
        onConfirm={() =>
          to &&
          change.mutate(
            { to, ...(to === 'aborted' && { reason }) },
            { onSuccess: () => setTo(null) },
          )
        }
      />
    </>
  );
}
