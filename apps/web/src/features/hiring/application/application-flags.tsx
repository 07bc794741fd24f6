import { useTranslation } from 'react-i18next';
import type { Application } from '@begegnung/domain';

/** One banner: a bold title running into its explanation (one flex child, so it wraps as text). */
function Banner({
  tone,
  className,
  title,
  text,
}: {
  tone: 'warning' | 'info';
  className: string;
  title: string;
  text: string;
}) {
  return (
    <div className={`alert alert-${tone} ${className}`}>
      <p className="hiring-banner-text">
        <strong>{title}</strong> {text}
      </p>
    </div>
  );
}

/** What the law asks of this application, and whether its cards are still independent. */
export function ApplicationFlags({ app: a }: { app: Application }) {
  const { t } = useTranslation();
  return (
    <>
      {a.purged && <p className="alert alert-warning">{t('hiring.application.purged')}</p>}
      {a.mustInvite && (
        <Banner
          tone="warning"
          className="hiring-must-invite-banner"
          title={t('hiring.mustInvite')}
          text={t('hiring.application.mustInviteExplain')}
        />
      )}
      {a.employerOwnDuty && (
        <Banner
          tone="info"
          className="hiring-duty-banner"
          title={t('hiring.duties.flag')}
          text={t('hiring.duties.applicationExplain')}
        />
      )}
      {a.lateScorecards > 0 && (
        <Banner
          tone="warning"
          className="hiring-late-banner"
          title={t('hiring.late.count', { count: a.lateScorecards })}
          text={t('hiring.late.explain')}
        />
      )}
    </>
  );
}
