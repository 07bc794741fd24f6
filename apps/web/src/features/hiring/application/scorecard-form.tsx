import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RECOMMENDATIONS,
  SCORE_MAX,
  SCORE_MIN,
  type Criterion,
  type Recommendation,
} from '@begegnung/domain';
import { ConfirmDialog, ErrorMessage, Field } from '../../../components/ui.tsx';
import { useSaveScorecard } from '../api/hiring-queries.ts';

const STEPS = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

/** One's own card for the first interview: a draft until submitted, then locked. */
export function ScorecardForm({
  vacancyId,
  applicationId,
  criteria,
  draft,
}: {
  vacancyId: number;
  applicationId: number;
  criteria: Criterion[];
  draft?: {
    ratings: { criterionId: number; score: number }[];
    recommendation: Recommendation | null;
    notes: string;
  };
}) {
  const { t } = useTranslation();
  const save = useSaveScorecard(vacancyId);
  const [scores, setScores] = useState<Record<number, number>>(
    Object.fromEntries((draft?.ratings ?? []).map((r) => [r.criterionId, r.score])),
  );
  const [recommendation, setRecommendation] = useState<Recommendation | ''>(
    draft?.recommendation ?? '',
  );
  const [notes, setNotes] = useState(draft?.notes ?? '');
  const [confirming, setConfirming] = useState(false);
  const ratings = criteria
    .filter((c) => scores[c.id])
    .map((c) => ({ criterionId: c.id, score: scores[c.id]! }));
  const submit = (final: boolean) =>
    save.mutate(
      {
        applicationId,
        stage: 'first_interview',
        ratings,
        recommendation: recommendation || null,
        notes,
        submit: final,
      },
      { onSettled: () => setConfirming(false) },
    );
  return (
    <form
      className="form form-inline-card hiring-scorecard"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <h3>{t('hiring.scorecards.yours')}</h3>
      <ErrorMessage error={save.error} />
      <p className="muted small">{t('hiring.scorecards.anchors')}</p>
      {criteria.map((c, i) => (
        <fieldset key={c.id} className="fieldset">
          <legend>
            K{i + 1}: {c.label}
          </legend>
          <div className="hiring-choices" role="radiogroup" aria-label={`K${i + 1}`}>
            {STEPS.map((n) => (
              <label key={n} className="hiring-choice">
                <input
                  type="radio"
                  name={`score-${c.id}`}
                  value={n}
                  checked={scores[c.id] === n}
                  onChange={() => setScores({ ...scores, [c.id]: n })}
                />
                <span>{n}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <Field label={t('hiring.scorecards.recommendation')}>
        {(p) => (
          <select
            {...p}
            value={recommendation}
            onChange={(e) => setRecommendation(e.target.value as Recommendation)}
          >
            <option value="">{t('common.choose')}</option>
            {RECOMMENDATIONS.map((r) => (
              <option key={r} value={r}>
                {t(`hiring.recommendations.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('hiring.scorecards.notes')}>
        {(p) => (
          <textarea {...p} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          disabled={save.isPending || ratings.length === 0}
          onClick={() => submit(false)}
        >
          {t('hiring.scorecards.saveDraft')}
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={save.isPending || ratings.length === 0 || !recommendation}
        >
          {t('hiring.scorecards.submit')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('hiring.scorecards.submit')}
        body={t('hiring.scorecards.confirm')}
        confirmLabel={t('hiring.scorecards.submit')}
        busy={save.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => submit(true)}
      />
    </form>
  );
}
