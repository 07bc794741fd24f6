import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ROLES, type User } from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { Badge, EmptyState, PageHeader, Pager } from '../../../components/ui.tsx';
import { userQueries } from '../api/user-queries.ts';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { PageState } from '../../../components/page-state.tsx';

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
  const roles = (u: User) => u.roles.map((r) => t(`roles.${r}`)).join(', ');
  const centresOf = (u: User) => u.centreIds.map(centreCode).join(', ');
  // Sorting reorders the page shown (the server pages by name).
  const columns: Column<User>[] = [
    {
      key: 'name',
      header: t('users.name'),
      sortValue: (u) => u.displayName,
      cell: (u) => (
        <>
          <Link to={`/users/${u.id}`} className="strong-link">
            {u.displayName}
          </Link>
          <div className="muted small">{u.email}</div>
        </>
      ),
    },
    { key: 'roles', header: t('users.roles'), sortValue: roles, cell: roles },
    {
      key: 'centres',
      header: t('users.centres'),
      sortValue: centresOf,
      cell: (u) => centresOf(u) || '—',
    },
    {
      key: 'status',
      header: t('users.status'),
      sortValue: (u) => (u.active ? 0 : 1),
      cell: (u) =>
        u.active ? (
          <Badge tone="success">{t('users.active')}</Badge>
        ) : (
          <Badge tone="muted">{t('users.inactive')}</Badge>
        ),
    },
  ];

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
      <PageState query={users}>
        {(data) => (
          <DataTable
            label={t('users.title')}
            columns={columns}
            rows={data.items}
            rowKey={(u) => u.id}
            empty={<EmptyState title={t('users.empty')} />}
          />
        )}
      </PageState>
      <Pager offset={offset} pageSize={PAGE} total={total} onChange={setOffset} />
    </>
  );
}
