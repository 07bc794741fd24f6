import { Link, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';

export function RouteError({ notFound }: { notFound?: boolean }) {
  const { t } = useTranslation();
  const error = useRouteError();
  if (error) console.error(error);
  return (
    <div className="route-error" role="alert">
      <h1>{notFound ? t('errors.pageNotFound') : t('errors.pageCrashed')}</h1>
      <p>{notFound ? t('errors.pageNotFoundHint') : t('errors.pageCrashedHint')}</p>
      <Link className="btn btn-primary" to="/">
        {t('nav.home')}
      </Link>
    </div>
  );
}
