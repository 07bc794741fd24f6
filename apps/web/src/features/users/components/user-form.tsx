import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  PASSWORD_MIN_LENGTH,
  ROLES,
  userCentresValid,
  type Role,
  type User,
} from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import {
  Alert,
  Badge,
  ConfirmDialog,
  ErrorMessage,
  Field,
  Loading,
  Notice,
  PageHeader,
} from '../../../components/ui.tsx';
import {
  useCreateUser,
  useResetPassword,
  useUpdateUser,
  userQueries,
} from '../api/user-queries.ts';

function toggle<T>(list: T[], item: T, on: boolean) {
  return on ? [...new Set([...list, item])] : list.filter((x) => x !== item);
}

function RolesAndCentres({
  roles,
  centreIds,
  onRoles,
  onCentres,
  rolesError,
  centresError,
}: {
  roles: Role[];
  centreIds: number[];
  onRoles: (r: Role[]) => void;
  onCentres: (c: number[]) => void;
  rolesError?: string;
  centresError?: string;
}) {
  const { t } = useTranslation();
  const centres = useQuery(centreQueries.list());
  return (
    <>
      <fieldset className={`fieldset${rolesError ? ' field-invalid' : ''}`}>
        <legend>{t('users.roles')}</legend>
        <div className="checkbox-grid">
          {ROLES.map((r) => (
            <label key={r} className="checkbox">
              <input
                type="checkbox"
                name="roles"
                value={r}
                checked={roles.includes(r)}
                onChange={(e) => onRoles(toggle(roles, r, e.target.checked))}
              />
              <span>
                {t(`roles.${r}`)}
                <small>{t(`roleHints.${r}`)}</small>
              </span>
            </label>
          ))}
        </div>
        {rolesError && <p className="field-error">{rolesError}</p>}
      </fieldset>
      <fieldset className={`fieldset${centresError ? ' field-invalid' : ''}`}>
        <legend>{t('users.centres')}</legend>
        <p className="field-hint">{t('users.centresHint')}</p>
        <div className="checkbox-grid">
          {centres.data?.map((c) => (
            <label key={c.id} className="checkbox">
              <input
                type="checkbox"
                name="centres"
                value={c.id}
                checked={centreIds.includes(c.id)}
                onChange={(e) => onCentres(toggle(centreIds, c.id, e.target.checked))}
              />
              <span>
                {c.name} <small>{c.code}</small>
              </span>
            </label>
          ))}
        </div>
        {centresError && <p className="field-error">{centresError}</p>}
      </fieldset>
    </>
  );
}

export function UserCreate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateUser();
  const errors = useFormErrors(create.error);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<Role[]>(['centre_staff']);
  const [centreIds, setCentreIds] = useState<number[]>([]);
  const [touched, setTouched] = useState(false);
  const centresMissing = touched && !userCentresValid(roles, centreIds);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!userCentresValid(roles, centreIds)) return;
    create.mutate(
      { email, displayName, password, roles, centreIds },
      { onSuccess: (u) => navigate(`/users/${u.id}`, { state: { created: true } }) },
    );
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/users">← {t('users.title')}</Link>
      </p>
      <PageHeader title={t('users.new')} />
      <form className="form" onSubmit={onSubmit} noValidate>
        <Alert>{errors.general}</Alert>
        <div className="form-grid">
          <Field label={t('users.displayName')} error={errors.field('displayName')}>
            {(p) => (
              <input
                {...p}
                name="displayName"
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('users.email')} error={errors.field('email')}>
            {(p) => (
              <input
                {...p}
                name="email"
                type="email"
                autoComplete="off"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('users.initialPassword')}
            hint={t('users.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            error={errors.field('password')}
          >
            {(p) => (
              <input
                {...p}
                name="password"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
        </div>
        <RolesAndCentres
          roles={roles}
          centreIds={centreIds}
          onRoles={setRoles}
          onCentres={setCentreIds}
          rolesError={errors.field('roles')}
          centresError={
            centresMissing ? t('errors.CENTRE_REQUIRED_FOR_STAFF') : errors.field('centreIds')
          }
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? t('common.saving') : t('users.create')}
          </button>
          <Link className="btn" to="/users">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

function UserEditForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const update = useUpdateUser(user.id);
  const reset = useResetPassword(user.id);
  const errors = useFormErrors(update.error);
  const resetErrors = useFormErrors(reset.error);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [centreIds, setCentreIds] = useState<number[]>(user.centreIds);
  const [password, setPassword] = useState('');
  const [confirmActive, setConfirmActive] = useState(false);
  const [saved, setSaved] = useState(false);
  const isSelf = me.id === user.id;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    update.mutate({ displayName, roles, centreIds }, { onSuccess: () => setSaved(true) });
  };

  return (
    <>
      <form className="form" onSubmit={onSubmit} noValidate>
        {saved && <Notice tone="success">{t('common.saved')}</Notice>}
        <Alert>{errors.general}</Alert>
        <div className="form-grid">
          <Field label={t('users.displayName')} error={errors.field('displayName')}>
            {(p) => (
              <input {...p} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
            )}
          </Field>
          <Field label={t('users.email')}>
            {(p) => <input {...p} value={user.email} readOnly />}
          </Field>
        </div>
        <RolesAndCentres
          roles={roles}
          centreIds={centreIds}
          onRoles={setRoles}
          onCentres={setCentreIds}
          rolesError={errors.field('roles')}
          centresError={
            !userCentresValid(roles, centreIds)
              ? t('errors.CENTRE_REQUIRED_FOR_STAFF')
              : errors.field('centreIds')
          }
        />
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn-primary"
            disabled={update.isPending || !userCentresValid(roles, centreIds)}
          >
            {t('common.save')}
          </button>
        </div>
      </form>

      <section className="panel">
        <h2>{t('users.resetPassword')}</h2>
        <p className="muted">{t('users.resetHint')}</p>
        {reset.isSuccess && <Notice tone="success">{t('users.passwordReset')}</Notice>}
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            reset.mutate(password, { onSuccess: () => setPassword('') });
          }}
          noValidate
        >
          <Field
            label={t('users.newPassword')}
            hint={t('users.passwordHint', { min: PASSWORD_MIN_LENGTH })}
            error={resetErrors.field('password') ?? resetErrors.general}
          >
            {(p) => (
              <input
                {...p}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="btn" disabled={reset.isPending || !password}>
            {t('users.setPassword')}
          </button>
        </form>
      </section>

      <section className="panel">
        <h2>{t('users.access')}</h2>
        <p>
          {user.active ? (
            <Badge tone="success">{t('users.active')}</Badge>
          ) : (
            <Badge tone="muted">{t('users.inactive')}</Badge>
          )}{' '}
          {user.active ? t('users.deactivateHint') : t('users.reactivateHint')}
        </p>
        <button
          type="button"
          className={user.active ? 'btn btn-danger-outline' : 'btn'}
          disabled={isSelf && user.active}
          title={isSelf ? t('errors.CANNOT_DEACTIVATE_SELF') : undefined}
          onClick={() => setConfirmActive(true)}
        >
          {user.active ? t('users.deactivate') : t('users.reactivate')}
        </button>
      </section>
      <ConfirmDialog
        open={confirmActive}
        danger={user.active}
        title={
          user.active
            ? t('users.deactivateTitle', { name: user.displayName })
            : t('users.reactivateTitle', { name: user.displayName })
        }
        body={user.active ? t('users.deactivateBody') : t('users.reactivateBody')}
        confirmLabel={user.active ? t('users.deactivate') : t('users.reactivate')}
        busy={update.isPending}
        onCancel={() => setConfirmActive(false)}
        onConfirm={() =>
          update.mutate({ active: !user.active }, { onSettled: () => setConfirmActive(false) })
        }
      />
    </>
  );
}

export function UserEdit() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const user = useQuery(userQueries.detail(id));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/users">← {t('users.title')}</Link>
      </p>
      {user.isPending && <Loading />}
      <ErrorMessage error={user.error} onRetry={() => void user.refetch()} />
      {user.data && (
        <>
          <PageHeader title={user.data.displayName} subtitle={user.data.email} />
          <UserEditForm key={user.data.id} user={user.data} />
        </>
      )}
    </>
  );
}
