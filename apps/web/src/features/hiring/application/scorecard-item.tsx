import { useTranslation } from 'react-i18next';
import type { Criterion, Scorecard } from '@begegnung/domain';
import { Badge } from '../../../components/ui.tsx';
import { LateFlag } from '../shared/flags.tsx';
import { RevisionForm } from './revision-form.tsx';

/** One card: ratings per criterion, recommendation, correction history and the late flag. */
export function ScorecardItem({
  card: c,
  criteria,
  canCorrect,
  correctionIsLate,
}: {
  card: Scorecard;
  criteria: Criterion[];
  canCorrect: boolean;
  correctionIsLate: boolean;
}) {
  const { t } = useTranslation();
  return (
    <li className="card">
      <div className="card-head">
        <span className="card-title">{c.memberName}</span>
        <Badge tone={c.submittedAt ? 'success' : 'neutral'}>
          {c.submittedAt ? t('hiring.scorecards.submitted') : t('hiring.scorecards.draft')}
        </Badge>
      </div>
      {c.submittedAt && c.seenOthersAt && (
        <p>
          <LateFlag seenAt={c.seenOthersAt} />
        </p>
      )}
      <p className="small">
        {c.ratings
          .map((r) => `K${criteria.findIndex((x) => x.id === r.criterionId) + 1}: ${r.score}`)
          .join(' · ')}
      </p>
      {c.recommendation && (
        <p className="small">
          {t('hiring.scorecards.recommendation')}: {t(`hiring.recommendations.${c.recommendation}`)}
        </p>
      )}
      {c.revision > 1 && (
        <p className="muted small">
          {t('hiring.scorecards.revision', { revision: c.revision, reason: c.correctionReason })}
        </p>
      )}
      {c.notes && <p className="small">{c.notes}</p>}
      {canCorrect && <RevisionForm card={c} criteria={criteria} willBeLate={correctionIsLate} />}
    </li>
  );
}
