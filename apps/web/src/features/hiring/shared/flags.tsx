import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';

/**
 * A scorecard submitted or revised after its author had seen colleagues' cards: it is not an
 * independent judgement any more, and the selection record says so.
 */
export function LateFlag({ count, seenAt }: { count?: number; seenAt?: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <span className="hiring-flag hiring-flag-late">
      {seenAt
        ? t('hiring.late.card', { date: f.dateTime(seenAt) })
        : t('hiring.late.count', { count: count ?? 1 })}
    </span>
  );
}

/** § 165 SGB IX binds public employers; for an association's post it is the employer's duty. */
export function EmployerDutyFlag() {
  const { t } = useTranslation();
  return <span className="hiring-flag hiring-flag-duty">{t('hiring.duties.flag')}</span>;
}
