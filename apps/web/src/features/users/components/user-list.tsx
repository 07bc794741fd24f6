import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import {
  Badge,
  EmptyState,
  ErrorMessage,
  Loading,
  PageHeader,
  Pager,
} from '../../../components/ui.tsx';
import { userQueries } from '../api/user-queries.ts';

const PAGE = 25;

export function UserList() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [offset, setOffset] = useState(0);
  const users = useQuery(
    userQueries.list({ q: q.trim() || undefined, role: role || undefined, limit: PAGE, offset }),
  );
  const centres = useQuery(centreQueries.list());
  const centreCode = (id: number) => centres.data?.find((c) => c.id === id)?.code ?? `#${id}`;
  const total = users.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={
          <Link className="btn btn-primary" to="/users/new">
            {t('users.new')}
          </Link>
        }
      />
      <div className="filters" role="search">
        <label>
          <span>{t('users.search')}</span>
          <input
            type="search"
            value={q}
            placeholder={t('users.searchPlaceholder')}
            onChange={(e) => {
              setQ(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          <span>{t('users.role')}</span>
          <select
            value={role}
            onChange={(e) => {
              setRole(e.target.value);
              setOffset(0);
            }}
          >
            <option value="">{t('users.allRoles')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {users.isPending && <Loading />}
      <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />
      {users.data?.items.length === 0 && <EmptyState title={t('users.empty')} />}
      {users.data && users.data.items.length > 0 && (
        <div className="table-wrap">
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('users.name')}</th>
                <th scope="col">{t('users.roles')}</th>
                <th scope="col">{t('users.centres')}</th>
                <th scope="col">{t('users.status')}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((u) => (
                <tr key={u.id}>
                  <td data-label={t('users.name')}>
                    <Link to={`/users/${u.id}`} className="strong-link">
                      {u.displayName}
                    </Link>
                    <div className="muted small">{u.email}</div>
                  </td>
                  <td data-label={t('users.roles')}>
                    {u.roles.map((r) => t(`roles.${r}`)).join(', ')}
                  </td>
                  <td data-label={t('users.centres')}>
                    {u.centreIds.map(centreCode).join(', ') || '—'}
                  </td>
                  <td data-label={t('users.status')}>
                    {u.active ? (
                      <Badge tone="success">{t('users.active')}</Badge>
                    ) : (
                      <Badge tone="muted">{t('users.inactive')}</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager offset={offset} pageSize={PAGE} total={total} onChange={setOffset} />
    </>
  );
}
