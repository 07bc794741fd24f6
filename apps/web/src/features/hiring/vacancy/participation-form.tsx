import { useTranslation } from 'react-i18next';
import {
  PARTICIPATION_BODIES,
  PARTICIPATION_RESPONSES,
  type ParticipationBody,
  type ParticipationResponse,
} from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { ErrorMessage, Field } from '../../../components/ui.tsx';
import { useAddParticipation } from '../api/hiring-queries.ts';
import { FormActions } from '../shared/form-actions.tsx';
import { isoToday, useDraft } from '../shared/use-draft.ts';

/** HR records a request to a body; an oversight user records their own body's answer. */
export function ParticipationForm({
  vacancyId,
  ownBody,
  onDone,
}: {
  vacancyId: number;
  ownBody: ParticipationBody | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddParticipation(vacancyId);
  const errors = useFormErrors(add.error);
  const { draft, set } = useDraft(() => ({
    body: ownBody ?? ('staff_council' as ParticipationBody),
    requestedOn: isoToday(),
    response: 'pending' as ParticipationResponse,
    respondedOn: '',
    notes: '',
  }));
  return (
    <form
      className="form form-inline-card"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ ...draft, respondedOn: draft.respondedOn || null }, { onSuccess: onDone });
      }}
    >
      <ErrorMessage error={add.error} />
      <Field label={t('hiring.participation.body')}>
        {(p) => (
          <select
            {...p}
            value={draft.body}
            disabled={!!ownBody}
            onChange={(e) => set('body')(e.target.value as ParticipationBody)}
          >
            {PARTICIPATION_BODIES.map((b) => (
              <option key={b} value={b}>
                {t(`hiring.bodies.${b}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="form-grid">
        <Field label={t('hiring.participation.requestedOn')}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.requestedOn}
              onChange={(e) => set('requestedOn')(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('hiring.participation.response')}>
          {(p) => (
            <select
              {...p}
              value={draft.response}
              onChange={(e) => set('response')(e.target.value as ParticipationResponse)}
            >
              {PARTICIPATION_RESPONSES.map((r) => (
                <option key={r} value={r}>
                  {t(`hiring.responses.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('hiring.participation.respondedOn')} error={errors.field('respondedOn')}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={draft.respondedOn}
              onChange={(e) => set('respondedOn')(e.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label={t('hiring.participation.notes')}>
        {(p) => (
          <textarea
            {...p}
            rows={2}
            value={draft.notes}
            onChange={(e) => set('notes')(e.target.value)}
          />
        )}
      </Field>
      <FormActions busy={add.isPending} onCancel={onDone} />
    </form>
  );
}
