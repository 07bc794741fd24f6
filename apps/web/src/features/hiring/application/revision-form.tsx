import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SCORE_MAX, SCORE_MIN, type Criterion, type Scorecard } from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { ErrorMessage, Field } from '../../../components/ui.tsx';
import { useReviseScorecard } from '../api/hiring-queries.ts';
import { FormActions } from '../shared/form-actions.tsx';

const STEPS = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

/**
 * Corrections of a submitted card: a new revision with a reason; the old one stays on record.
 * After seeing colleagues' cards the correction is flagged as late, and the form says so first.
 */
export function RevisionForm({
  card,
  criteria,
  willBeLate,
}: {
  card: Scorecard;
  criteria: Criterion[];
  willBeLate: boolean;
}) {
  const { t } = useTranslation();
  const revise = useReviseScorecard(card.id);
  const errors = useFormErrors(revise.error);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [scores, setScores] = useState<Record<number, number>>(
    Object.fromEntries(card.ratings.map((r) => [r.criterionId, r.score])),
  );
  if (!open)
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t('hiring.scorecards.correct')}
      </button>
    );
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        revise.mutate(
          {
            reason,
            ratings: criteria
              .filter((c) => scores[c.id])
              .map((c) => ({ criterionId: c.id, score: scores[c.id]! })),
            recommendation: card.recommendation ?? 'yes',
            notes: card.notes,
          },
          { onSuccess: () => setOpen(false) },
        );
      }}
    >
      {willBeLate && <p className="alert alert-warning">{t('hiring.late.revisionWarning')}</p>}
      <ErrorMessage error={revise.error} />
      {criteria.map((c, i) => (
        <Field key={c.id} label={`K${i + 1}`}>
          {(p) => (
            <select
              {...p}
              value={scores[c.id] ?? ''}
              onChange={(e) => setScores({ ...scores, [c.id]: Number(e.target.value) })}
            >
              <option value="">—</option>
              {STEPS.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      <Field label={t('hiring.scorecards.correctionReason')} error={errors.field('reason')}>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <FormActions
        small
        submitLabel={t('hiring.scorecards.saveCorrection')}
        busy={revise.isPending}
        onCancel={() => setOpen(false)}
      />
    </form>
  );
}
