import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SelectionRecord } from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Badge, ConfirmDialog, ErrorMessage, Field } from '../../../components/ui.tsx';
import { useDecision } from '../api/hiring-queries.ts';
import { applicationTone } from '../components/labels.ts';
import { LateFlag } from '../shared/flags.tsx';
import { useFormat } from '../../../lib/format.ts';

/** The ranking with a written reason for every candidate still in the procedure (HR). */
export function DecisionForm({
  vacancyId,
  record,
}: {
  vacancyId: number;
  record: SelectionRecord;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const decide = useDecision(vacancyId);
  const errors = useFormErrors(decide.error);
  const [ranks, setRanks] = useState<Record<number, string>>({});
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [confirming, setConfirming] = useState(false);
  const candidates = record.candidates.filter((c) => c.status !== 'withdrawn');
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <ErrorMessage error={decide.error} />
      {candidates.map((c) => (
        <fieldset key={c.applicationId} className="fieldset hiring-decision-row">
          <legend>
            {c.displayName}{' '}
            <Badge tone={applicationTone(c.status)}>
              {t(`hiring.applicationStatus.${c.status}`)}
            </Badge>
          </legend>
          <p className="muted small">
            {t('hiring.selection.summary', {
              cards: c.scorecardCount,
              average: c.averageScore === null ? '—' : f.num(c.averageScore, 2),
              suggestion: t(`hiring.suggestion.${c.suggestion}`),
            })}
            {c.lateCards.length > 0 && (
              <>
                {' '}
                <LateFlag count={c.lateCards.length} />
              </>
            )}
          </p>
          <div className="form-grid">
            <Field label={t('hiring.selection.rank')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={ranks[c.applicationId] ?? ''}
                  onChange={(e) => setRanks({ ...ranks, [c.applicationId]: e.target.value })}
                />
              )}
            </Field>
            <Field
              label={t('hiring.selection.reason')}
              error={errors.field(`ranking.${c.applicationId}`)}
            >
              {(p) => (
                <textarea
                  {...p}
                  rows={2}
                  value={reasons[c.applicationId] ?? ''}
                  onChange={(e) => setReasons({ ...reasons, [c.applicationId]: e.target.value })}
                />
              )}
            </Field>
          </div>
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('hiring.selection.decide')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('hiring.selection.decide')}
        body={t('hiring.selection.confirm')}
        confirmLabel={t('hiring.selection.decide')}
        busy={decide.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          decide.mutate(
            {
              ranking: candidates.map((c) => ({
                applicationId: c.applicationId,
                rank: ranks[c.applicationId] ? Number(ranks[c.applicationId]) : null,
                reason: reasons[c.applicationId] ?? '',
              })),
            },
            { onSettled: () => setConfirming(false) },
          )
        }
      />
    </form>
  );
}
