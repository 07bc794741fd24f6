import { useTranslation } from 'react-i18next';
import type { Application } from '@begegnung/domain';

/** What the law asks of this application, and whether its cards are still independent. */
export function ApplicationFlags({ app: a }: { app: Application }) {
  const { t } = useTranslation();
  return (
    <>
      {a.purged && <p className="alert alert-warning">{t('hiring.application.purged')}</p>}
      {a.mustInvite && (
        <div className="alert alert-warning hiring-must-invite-banner">
          <strong>{t('hiring.mustInvite')}</strong> {t('hiring.application.mustInviteExplain')}
        </div>
      )}
      {a.employerOwnDuty && (
        <div className="alert alert-info hiring-duty-banner">
          <strong>{t('hiring.duties.flag')}</strong> {t('hiring.duties.applicationExplain')}
        </div>
      )}
      {a.lateScorecards > 0 && (
        <div className="alert alert-warning hiring-late-banner">
          <strong>{t('hiring.late.count', { count: a.lateScorecards })}</strong>{' '}
          {t('hiring.late.explain')}
        </div>
      )}
    </>
  );
}
