import { useTranslation } from 'react-i18next';
import type { Vacancy } from '@begegnung/domain';
import { useFormat } from '../../../lib/format.ts';
import { AdvertWarnings, CriteriaTable } from '../components/criteria-table.tsx';
import { CriteriaChange } from './criteria-change.tsx';

/** The advert and the requirement profile with its versions, folded away by default. */
export function AdvertAndCriteria({ vacancy: v, isAdmin }: { vacancy: Vacancy; isAdmin: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <details className="panel hiring-advert">
      <summary>{t('hiring.detail.advertAndCriteria')}</summary>
      <p className="hiring-advert-text">{v.advertText}</p>
      {isAdmin && <AdvertWarnings warnings={v.advertWarnings} live={false} />}
      <h3>{t('hiring.criteria.title')}</h3>
      <CriteriaTable criteria={v.criteriaSet.criteria} />
      {isAdmin && (v.status === 'draft' || v.status === 'published') && (
        <CriteriaChange vacancy={v} />
      )}
      {v.versions.length > 1 && (
        <ul className="hiring-versions small">
          {v.versions.map((x) => (
            <li key={x.id}>
              {t('hiring.criteria.versionShort', { version: x.version })}: {x.reason}
              {x.frozenAt && <> · {t('hiring.criteria.frozenOn', { date: f.date(x.frozenAt) })}</>}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
