import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasRole } from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import {
  Badge,
  ConfirmDialog,
  ErrorMessage,
  Loading,
  Notice,
  PageHeader,
} from '../../../components/ui.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useDeleteCentre, useUpdateCentre } from '../api/centre-mutations.ts';
import { CentreForm } from './centre-form.tsx';

export function CentreDetail() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const navigate = useNavigate();
  const centre = useQuery(centreQueries.detail(id));
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const del = useDeleteCentre(id);
  const update = useUpdateCentre(id);
  const isAdmin = hasRole(user, 'admin');

  if (centre.isPending) return <Loading />;
  if (centre.error)
    return <ErrorMessage error={centre.error} onRetry={() => void centre.refetch()} />;
  const c = centre.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/centres">← {t('centres.title')}</Link>
      </p>
      <PageHeader
        title={c.name}
        subtitle={
          <>
            <span className="code-tag">{c.code}</span>{' '}
            {!c.active && <Badge tone="muted">{t('centres.inactive')}</Badge>}
          </>
        }
        actions={
          isAdmin &&
          !editing && (
            <>
              <button type="button" className="btn" onClick={() => setEditing(true)}>
                {t('common.edit')}
              </button>
              <button
                type="button"
                className="btn btn-danger-outline"
                onClick={() => setConfirm(true)}
              >
                {t('common.delete')}
              </button>
            </>
          )
        }
      />
      {editing ? (
        <CentreForm centre={c} onDone={() => setEditing(false)} />
      ) : (
        <dl className="detail-list">
          <dt>{t('centres.operator')}</dt>
          <dd>{c.operatorName}</dd>
          <dt>{t('centres.address')}</dt>
          <dd>{c.address}</dd>
          <dt>{t('centres.district')}</dt>
          <dd>{c.district}</dd>
          <dt>{t('centres.openingHours')}</dt>
          <dd>{c.openingHours || '—'}</dd>
          <dt>{t('centres.status')}</dt>
          <dd>{c.active ? t('centres.active') : t('centres.inactive')}</dd>
        </dl>
      )}
      <ErrorMessage
        error={del.error}
        action={
          del.error instanceof ApiError &&
          del.error.code === 'CENTRE_IN_USE' &&
          c.active && (
            <button
              type="button"
              className="btn btn-small"
              disabled={update.isPending}
              onClick={() => update.mutate({ active: false }, { onSuccess: () => del.reset() })}
            >
              {t('centres.deactivateInstead')}
            </button>
          )
        }
      />
      <ErrorMessage error={update.error} />
      {update.isSuccess && !c.active && (
        <Notice tone="success">
          {t('centres.deactivated')}{' '}
          <button
            type="button"
            className="btn btn-small"
            disabled={update.isPending}
            onClick={() => update.mutate({ active: true })}
          >
            {t('centres.reactivate')}
          </button>
        </Notice>
      )}
      <ConfirmDialog
        open={confirm}
        danger
        title={t('centres.deleteTitle', { name: c.name })}
        body={t('centres.deleteBody')}
        confirmLabel={t('common.delete')}
        busy={del.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() =>
          del.mutate(undefined, {
            onSuccess: () => navigate('/centres'),
            onSettled: () => setConfirm(false),
          })
        }
      />
    </>
  );
}
