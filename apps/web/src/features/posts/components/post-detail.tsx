import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { Badge, ErrorMessage, Loading, PageHeader } from '../../../components/ui.tsx';
import { postQueries } from '../api/post-queries.ts';
import { PostForm } from './post-form.tsx';
import { useFormat } from '../../../lib/format.ts';
import { StatusPanel } from './post-status-panel.tsx';
import { AllocationPanel } from './post-allocation-panel.tsx';
import { AssignmentPanel } from './post-assignment-panel.tsx';

export function PostDetail() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const post = useQuery(postQueries.detail(id));
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const isAdmin = hasRole(user, 'admin');

  if (post.isPending) return <Loading />;
  if (post.error) return <ErrorMessage error={post.error} onRetry={() => void post.refetch()} />;
  const p = post.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/posts">← {t('posts.title')}</Link>
      </p>
      <PageHeader
        title={p.title}
        subtitle={
          <>
            <span className="code-tag">{p.code}</span>{' '}
            <Badge>{t(`posts.statuses.${p.status}`)}</Badge>{' '}
            {p.kw && <Badge tone="accent">{t('posts.kwShort')}</Badge>}
          </>
        }
        actions={
          isAdmin &&
          !editing && (
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </button>
          )
        }
      />
      {editing ? (
        <PostForm post={p} onDone={() => setEditing(false)} />
      ) : (
        <dl className="detail-list">
          <dt>{t('posts.roleType')}</dt>
          <dd>{t(`posts.roleTypes.${p.roleType}`)}</dd>
          <dt>{t('posts.fteLabel')}</dt>
          <dd>{f.fte(p.fte)}</dd>
          <dt>{t('posts.payGroupLabel')}</dt>
          <dd>{p.payGroup}</dd>
          <dt>{t('posts.employer')}</dt>
          <dd>
            {t(`posts.employers.${p.employer}`)}
            {p.operatorName && ` – ${p.operatorName}`}
          </dd>
          <dt>{t('posts.fundingMode')}</dt>
          <dd>{t(`posts.fundingModes.${p.fundingMode}`)}</dd>
          <dt>{t('posts.budgetYears')}</dt>
          <dd>
            {p.budgetYearFrom}–{p.budgetYearTo ?? t('posts.openEnded')}
          </dd>
          <dt>{t('posts.fixedTermEnd')}</dt>
          <dd>{p.fixedTermEnd ? f.date(p.fixedTermEnd) : t('posts.permanent')}</dd>
          {p.notes && (
            <>
              <dt>{t('posts.notes')}</dt>
              <dd>{p.notes}</dd>
            </>
          )}
        </dl>
      )}
      <div className="posts-columns">
        <AllocationPanel post={p} canEdit={isAdmin} />
        <StatusPanel post={p} canEdit={isAdmin} />
      </div>
      <AssignmentPanel post={p} canEdit={isAdmin} />
    </>
  );
}
