import { useTranslation } from 'react-i18next';
import type { Vacancy } from '@begegnung/domain';
import { Alert, Badge } from '../../../components/ui.tsx';

/** Which bodies take part and what the employer itself must do, by the posts' employer. */
const DUTIES = {
  city: {
    involved: ['staffCouncil', 'equalityOfficer', 'disabilityRep'],
    own: ['invite', 'merit'],
  },
  operator: { involved: ['notCity'], own: ['worksCouncil', 'sgb164', 'publicLaw'] },
} as const;

/**
 * The employer decides the procedure's duties (docs/hiring-law.md): the city's staff council,
 * equality officer and disability representative and § 165 SGB IX for the city's posts; for an
 * association's post the association's own bodies and duties, which this app does not record.
 */
export function EmployerDuties({ employer }: { employer: Vacancy['employer'] }) {
  const { t } = useTranslation();
  if (employer === 'mixed') return <Alert>{t('hiring.duties.mixed')}</Alert>;
  const d = DUTIES[employer];
  return (
    <section className="panel hiring-duties" aria-labelledby="duties-heading">
      <div className="card-head">
        <h2 id="duties-heading">{t('hiring.duties.title')}</h2>
        <Badge tone={employer === 'city' ? 'accent' : 'neutral'}>
          {t(`hiring.duties.${employer}.employer`)}
        </Badge>
      </div>
      <div className="hiring-duties-grid">
        <div>
          <h3>{t(`hiring.duties.${employer}.involvedTitle`)}</h3>
          <ul>
            {d.involved.map((k) => (
              <li key={k}>{t(`hiring.duties.${employer}.involved.${k}`)}</li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t(`hiring.duties.${employer}.ownTitle`)}</h3>
          <ul>
            {d.own.map((k) => (
              <li key={k}>{t(`hiring.duties.${employer}.own.${k}`)}</li>
            ))}
          </ul>
        </div>
      </div>
      <p className="muted small">{t('hiring.duties.notAdvice')}</p>
    </section>
  );
}
