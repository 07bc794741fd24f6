import { useTranslation } from 'react-i18next';
import type { AdvertWarning, CriterionInput } from '@begegnung/domain';
import { Badge } from '../../../components/ui.tsx';
import { criterionFindings } from './protected-criterion.tsx';

/** Criteria grouped as the law reads them: OR-options of one group shown together, ranked. */
export function CriteriaTable({ criteria }: { criteria: (CriterionInput & { id?: number })[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table table-stack hiring-table hiring-criteria">
        <thead>
          <tr>
            <th scope="col">{t('hiring.criteria.no')}</th>
            <th scope="col">{t('hiring.criteria.kind')}</th>
            <th scope="col">{t('hiring.criteria.label')}</th>
            <th scope="col">{t('hiring.criteria.evidence')}</th>
            <th scope="col">{t('hiring.criteria.weight')}</th>
          </tr>
        </thead>
        <tbody>
          {criteria.map((c, i) => (
            <tr key={c.id ?? i}>
              <td data-label={t('hiring.criteria.no')}>K{i + 1}</td>
              <td data-label={t('hiring.criteria.kind')}>
                <Badge tone={c.kind === 'required' ? 'accent' : 'neutral'}>
                  {t(`hiring.criteria.kinds.${c.kind}`)}
                </Badge>
              </td>
              <td data-label={t('hiring.criteria.label')}>
                {c.label}
                {criterionFindings(c).length > 0 && (
                  <div>
                    <span className="hiring-must-invite">{t('hiring.protected.legacy')}</span>
                  </div>
                )}
                {c.groupKey && (
                  <div className="muted small">
                    {t('hiring.criteria.orGroup', { group: c.groupKey, rank: c.rank })}
                  </div>
                )}
              </td>
              <td data-label={t('hiring.criteria.evidence')}>
                {t(`hiring.evidence.${c.evidenceType}`)}
              </td>
              <td data-label={t('hiring.criteria.weight')}>{c.weight}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Inline advert warnings; a live region while editing, plain text on the detail page. */
export function AdvertWarnings({
  warnings,
  live = true,
}: {
  warnings: AdvertWarning[];
  live?: boolean;
}) {
  const { t } = useTranslation();
  if (warnings.length === 0)
    return <p className="hiring-advert-ok small">{t('hiring.advert.ok')}</p>;
  return (
    <div
      className="alert alert-warning"
      {...(live && { role: 'status', 'aria-live': 'polite' as const })}
    >
      <p>
        <strong>{t('hiring.advert.title')}</strong>
      </p>
      <ul className="hiring-warnings">
        {warnings.map((w, i) => (
          <li key={`${w.code}${i}`}>
            {t(`hiring.advert.${w.code}`)}
            {w.match && <> („{w.match}“)</>}
          </li>
        ))}
      </ul>
    </div>
  );
}
