import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { INVITED_STATUSES, type Application, type Vacancy } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { ErrorMessage, Loading } from '../../../components/ui.tsx';
import { hiringQueries } from '../api/hiring-queries.ts';
import { ScorecardForm } from './scorecard-form.tsx';
import { ScorecardItem } from './scorecard-item.tsx';

/**
 * The candidate's cards: one's own form until submitted, then the colleagues' cards (the API
 * hides them until then). Cards submitted after seeing others' are flagged.
 */
export function ScorecardsPanel({
  app,
  vacancy,
  canScore,
}: {
  app: Application;
  vacancy: Vacancy;
  canScore: boolean;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const list = useQuery(hiringQueries.scorecards(app.id));
  const invited = INVITED_STATUSES.includes(app.status);
  const mine = list.data?.cards.find(
    (c) => c.memberId === user?.id && c.current && c.stage === 'first_interview',
  );
  // Once a colleague's submitted card has been shown, any correction counts as late.
  const seenOthers = !!list.data?.cards.some((c) => c.memberId !== user?.id && c.submittedAt);
  const criteria = vacancy.criteriaSet.criteria;
  return (
    <section className="panel" aria-labelledby="cards-heading">
      <h2 id="cards-heading">{t('hiring.scorecards.title')}</h2>
      <p className="muted small">{t('hiring.scorecards.explain')}</p>
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error} />
      {canScore && invited && !mine?.submittedAt && (
        <ScorecardForm
          key={mine?.id ?? 'new'}
          vacancyId={vacancy.id}
          applicationId={app.id}
          criteria={criteria}
          draft={mine}
        />
      )}
      {canScore && !invited && <p className="muted">{t('hiring.scorecards.notInvited')}</p>}
      {list.data && list.data.hiddenCount > 0 && (
        <p className="alert alert-info">
          {t('hiring.scorecards.hidden', { count: list.data.hiddenCount })}
        </p>
      )}
      <ul className="hiring-cards">
        {list.data?.cards
          .filter((c) => c.current)
          .map((c) => (
            <ScorecardItem
              key={c.id}
              card={c}
              criteria={criteria}
              canCorrect={canScore && c.memberId === user?.id && !!c.submittedAt}
              correctionIsLate={seenOthers}
            />
          ))}
      </ul>
    </section>
  );
}
