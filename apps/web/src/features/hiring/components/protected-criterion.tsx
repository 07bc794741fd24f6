import { useTranslation } from 'react-i18next';
import { protectedFindings, type ProtectedFinding } from '@begegnung/domain';
import { Alert } from '../../../components/ui.tsx';

/** Findings for one criterion's label and scale (the same check the API applies). */
export const criterionFindings = (c: { label: string; scale?: string | null }) =>
  protectedFindings(c.label, c.scale);

/**
 * Explains why a criterion naming a protected characteristic (§ 1 AGG) cannot be scored and
 * points to the lawful route (encouragement line, separate unscored self-disclosure, or a
 * competence measured for everyone).
 */
export function ProtectedCriterionNotice({
  id,
  findings,
}: {
  id?: string;
  findings: ProtectedFinding[];
}) {
  const { t } = useTranslation();
  if (findings.length === 0) return null;
  return (
    <Alert id={id} className="hiring-protected">
      <p>
        <strong>{t('hiring.protected.title')}</strong>
      </p>
      <ul className="hiring-warnings">
        {findings.map((f) => (
          <li key={`${f.ground}:${f.match}`}>
            {t('hiring.protected.found', {
              match: f.match,
              ground: t(`hiring.protected.grounds.${f.ground}`),
            })}
          </li>
        ))}
      </ul>
      <p className="small">{t('hiring.protected.route')}</p>
    </Alert>
  );
}
