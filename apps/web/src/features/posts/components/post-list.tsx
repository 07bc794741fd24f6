import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { Badge, EmptyState, ErrorMessage, Loading, PageHeader } from '../../../components/ui.tsx';
import { postQueries } from '../api/post-queries.ts';
import { useFormat } from '../../../lib/format.ts';

export function PostList() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const posts = useQuery(postQueries.list());
  const f = useFormat();
  const isAdmin = hasRole(user, 'admin');
  return (
    <>
      <PageHeader
        title={t('posts.title')}
        subtitle={t('posts.subtitle')}
        actions={
          isAdmin && (
            <Link className="btn btn-primary" to="/posts/new">
              {t('posts.new')}
            </Link>
          )
        }
      />
      {posts.isPending && <Loading />}
      <ErrorMessage error={posts.error} onRetry={() => void posts.refetch()} />
      {posts.data?.length === 0 && <EmptyState title={t('posts.empty')} />}
      {posts.data && posts.data.length > 0 && (
        <div className="table-wrap">
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('posts.post')}</th>
                <th scope="col">{t('posts.fte')}</th>
                <th scope="col">{t('posts.payGroup')}</th>
                <th scope="col">{t('posts.allocation')}</th>
                <th scope="col">{t('posts.status')}</th>
              </tr>
            </thead>
            <tbody>
              {posts.data.map((p) => (
                <tr key={p.id}>
                  <td data-label={t('posts.post')}>
                    <Link to={`/posts/${p.id}`} className="strong-link">
                      {p.title}
                    </Link>
                    <div className="muted small">
                      <span className="code-tag">{p.code}</span>{' '}
                      {t(`posts.roleTypes.${p.roleType}`)}
                      {p.kw && <> · {t('posts.kwShort')}</>}
                    </div>
                  </td>
                  <td data-label={t('posts.fte')} className="nowrap">
                    {f.fte(p.fte)}
                  </td>
                  <td data-label={t('posts.payGroup')} className="nowrap">
                    {p.payGroup}
                  </td>
                  <td data-label={t('posts.allocation')}>
                    {p.allocations.map((a) => `${a.centreCode} ${f.fte(a.share)}`).join(', ') || (
                      <span className="muted">{t('posts.notAllocated')}</span>
                    )}
                  </td>
                  <td data-label={t('posts.status')}>
                    <Badge
                      tone={
                        p.status === 'filled'
                          ? 'success'
                          : p.status === 'abolished'
                            ? 'muted'
                            : 'neutral'
                      }
                    >
                      {t(`posts.statuses.${p.status}`)}
                    </Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
