import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { POST_STATUSES, hasRole, type PostSummary } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { Badge, EmptyState, PageHeader } from '../../../components/ui.tsx';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { PageState } from '../../../components/page-state.tsx';
import { postQueries } from '../api/post-queries.ts';
import { useFormat } from '../../../lib/format.ts';

export function PostList() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const posts = useQuery(postQueries.list());
  const f = useFormat();
  const isAdmin = hasRole(user, 'admin');
  const [status, setStatus] = useState('');
  const allocation = (p: PostSummary) =>
    p.allocations.map((a) => `${a.centreCode} ${f.fte(a.share)}`).join(', ');
  const columns: Column<PostSummary>[] = [
    {
      key: 'post',
      header: t('posts.post'),
      sortValue: (p) => p.title,
      cell: (p) => (
        <>
          <Link to={`/posts/${p.id}`} className="strong-link">
            {p.title}
          </Link>
          <div className="muted small">
            <span className="code-tag">{p.code}</span> {t(`posts.roleTypes.${p.roleType}`)}
            {p.kw && <> · {t('posts.kwShort')}</>}
          </div>
        </>
      ),
    },
    {
      key: 'fte',
      header: t('posts.fte'),
      className: 'nowrap',
      sortValue: (p) => Number(p.fte),
      cell: (p) => f.fte(p.fte),
    },
    {
      key: 'payGroup',
      header: t('posts.payGroup'),
      className: 'nowrap',
      sortValue: (p) => p.payGroup,
      cell: (p) => p.payGroup,
    },
    {
      key: 'allocation',
      header: t('posts.allocation'),
      sortValue: allocation,
      cell: (p) => allocation(p) || <span className="muted">{t('posts.notAllocated')}</span>,
    },
    {
      key: 'status',
      header: t('posts.status'),
      sortValue: (p) => t(`posts.statuses.${p.status}`),
      cell: (p) => (
        <Badge
          tone={p.status === 'filled' ? 'success' : p.status === 'abolished' ? 'muted' : 'neutral'}
        >
          {t(`posts.statuses.${p.status}`)}
        </Badge>
      ),
    },
  ];
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
      <PageState query={posts} isEmpty={(data) => data.length === 0} empty={t('posts.empty')}>
        {(data) => (
          <DataTable
            label={t('posts.title')}
            columns={columns}
            rows={status ? data.filter((p) => p.status === status) : data}
            rowKey={(p) => p.id}
            filters={
              <label>
                <span>{t('posts.status')}</span>
                <select value={status} onChange={(e) => setStatus(e.target.value)}>
                  <option value="">{t('posts.allStatuses')}</option>
                  {POST_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`posts.statuses.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
            }
            empty={<EmptyState title={t('posts.noneMatch')} />}
          />
        )}
      </PageState>
    </>
  );
}
