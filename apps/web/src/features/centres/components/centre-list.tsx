import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canSeeAllCentres, hasRole, type Role } from '@begegnung/domain';
import { centreQueries, visibleCentres } from '../../../lib/reference-data.ts';
import { PageState } from '../../../components/page-state.tsx';

/** The centre list: the whole programme unless the user is bound to centres as staff. */
const seesWholeProgramme = (u: { roles: readonly Role[]; centreIds: readonly number[] }) =>
  u.centreIds.length === 0 || canSeeAllCentres(u);
import { useCurrentUser } from '../../../lib/session.ts';
import { Badge, EmptyState, PageHeader } from '../../../components/ui.tsx';

export function CentreList() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const centres = useQuery(centreQueries.list());
  const isAdmin = hasRole(user, 'admin');
  const mine = new Set(user.centreIds);
  // Centre staff work in their own centres; everyone else sees the whole programme.
  const onlyMine = !seesWholeProgramme(user);

  return (
    <>
      <PageHeader
        title={onlyMine ? t('centres.myTitle') : t('centres.title')}
        subtitle={onlyMine ? t('centres.mySubtitle') : t('centres.subtitle')}
        actions={
          isAdmin && (
            <Link className="btn btn-primary" to="/centres/new">
              {t('centres.new')}
            </Link>
          )
        }
      />
      <PageState
        query={{
          ...centres,
          data: centres.data && visibleCentres(user, centres.data, seesWholeProgramme),
        }}
        isEmpty={(shown) => shown.length === 0}
        empty={
          <EmptyState title={t('centres.empty')}>{isAdmin && t('centres.emptyAdmin')}</EmptyState>
        }
      >
        {(shown) => (
          <ul className="card-grid">
            {shown.map((c) => (
              <li key={c.id} className="card">
                <div className="card-head">
                  <span className="code-tag">{c.code}</span>
                  {!c.active && <Badge tone="muted">{t('centres.inactive')}</Badge>}
                  {mine.has(c.id) && <Badge tone="accent">{t('centres.mine')}</Badge>}
                </div>
                <h2 className="card-title">
                  <Link to={`/centres/${c.id}`}>{c.name}</Link>
                </h2>
                <p className="card-meta">{c.address}</p>
                <p className="card-meta">
                  {t('centres.district')}: {c.district}
                </p>
                <p className="card-meta muted">{c.operatorName}</p>
              </li>
            ))}
          </ul>
        )}
      </PageState>
    </>
  );
}
