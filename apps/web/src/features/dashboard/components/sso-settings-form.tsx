import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ROLES,
  oidcConfigProblems,
  type OidcConfig,
  type OidcMapping,
  type Role,
  type UpdateOidcConfigBody,
} from '@begegnung/domain';
import { ErrorMessage, Field, Loading, Notice } from '../../../components/ui.tsx';
import { FieldError } from '../../../components/form.tsx';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { centreQueries } from '../../../lib/reference-data.ts';
import { reportingQueries, useUpdateSso } from '../api/dashboard-queries.ts';

const P = 'dashboard.settings.sso';

/** Admin: single sign-on with OpenID Connect (issuer, client, groups → roles and centres). */
export function SsoSection() {
  const { t } = useTranslation();
  const q = useQuery(reportingQueries.sso());
  return (
    <section className="panel" aria-labelledby="sso-title">
      <h2 id="sso-title">{t(`${P}.title`)}</h2>
      <p className="small muted">{t(`${P}.hint`)}</p>
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        <ErrorMessage error={q.error} />
      ) : (
        <SsoForm initial={q.data} />
      )}
    </section>
  );
}

const toggle = <T,>(list: readonly T[], v: T, on: boolean) =>
  on ? [...list, v] : list.filter((x) => x !== v);

function SsoForm({ initial }: { initial: OidcConfig }) {
  const { t } = useTranslation();
  const save = useUpdateSso();
  const centres = useQuery(centreQueries.list());
  const [values, setValues] = useState({
    enabled: initial.enabled,
    issuer: initial.issuer,
    clientId: initial.clientId,
    groupsClaim: initial.groupsClaim,
    requireSso: initial.requireSso,
  });
  const [secret, setSecret] = useState('');
  const [mappings, setMappings] = useState<OidcMapping[]>(initial.mappings);
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const secretStored = initial.clientSecretSet;

  const problems = oidcConfigProblems({ ...values, mappings });
  if (values.enabled && !secretStored && secret === '')
    problems.push({ field: 'clientSecret', code: 'required' });
  if (values.requireSso && !values.enabled)
    problems.push({ field: 'requireSso', code: 'needs_enabled' });
  const problem = (field: string) => {
    const p = tried ? problems.find((x) => x.field === field) : undefined;
    return p ? t(`${P}.problems.${field.replace(/\/\d+\//, '.')}.${p.code}`) : undefined;
  };

  const body = (): UpdateOidcConfigBody => ({
    ...values,
    mappings,
    ...(secret !== '' && { clientSecret: secret }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (problems.length > 0) return;
    if (values.requireSso && !initial.requireSso) setConfirming(true);
    else send();
  };
  const send = () =>
    save.mutate(body(), {
      onSuccess: () => {
        setSecret('');
        setConfirming(false);
      },
      onError: () => setConfirming(false),
    });
  const setMapping = (i: number, m: Partial<OidcMapping>) =>
    setMappings(mappings.map((x, j) => (j === i ? { ...x, ...m } : x)));

  return (
    <form onSubmit={submit} noValidate className="sso-form">
      {tried && problems.length > 0 && (
        <Notice tone="warning">{t(`${P}.checkInput`, { count: problems.length })}</Notice>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.enabled}
          onChange={(e) => setValues({ ...values, enabled: e.target.checked })}
        />
        <span>{t(`${P}.enabled`)}</span>
      </label>
      <Field
        label={t(`${P}.issuer`)}
        hint={t(`${P}.issuerHint`)}
        error={problem('issuer')}
        required={values.enabled}
      >
        {(p) => (
          <input
            {...p}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={500}
            value={values.issuer}
            onChange={(e) => setValues({ ...values, issuer: e.target.value })}
          />
        )}
      </Field>
      <Field label={t(`${P}.clientId`)} error={problem('clientId')} required={values.enabled}>
        {(p) => (
          <input
            {...p}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={values.clientId}
            onChange={(e) => setValues({ ...values, clientId: e.target.value })}
          />
        )}
      </Field>
      <Field
        label={t(`${P}.clientSecret`)}
        hint={secretStored ? t(`${P}.secretStored`) : t(`${P}.secretMissing`)}
        error={problem('clientSecret')}
        required={values.enabled && !secretStored}
      >
        {(p) => (
          <input
            {...p}
            type="password"
            autoComplete="new-password"
            maxLength={500}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        )}
      </Field>
      <Field label={t(`${P}.groupsClaim`)} hint={t(`${P}.groupsClaimHint`)}>
        {(p) => (
          <input
            {...p}
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            value={values.groupsClaim}
            onChange={(e) => setValues({ ...values, groupsClaim: e.target.value })}
          />
        )}
      </Field>
      <p className="small">
        {t(`${P}.redirectUri`)} <code>{initial.redirectUri}</code>
      </p>

      <h3>{t(`${P}.mappings`)}</h3>
      <p className="small muted">{t(`${P}.mappingsHint`)}</p>
      <FieldError alert>{problem('mappings')}</FieldError>
      {mappings.map((m, i) => (
        <fieldset className="fieldset sso-mapping" key={i}>
          <legend>{t(`${P}.mapping`, { n: i + 1 })}</legend>
          <Field label={t(`${P}.group`)} error={problem(`mappings/${i}/group`)} required>
            {(p) => (
              <input
                {...p}
                autoComplete="off"
                spellCheck={false}
                maxLength={200}
                value={m.group}
                onChange={(e) => setMapping(i, { group: e.target.value })}
              />
            )}
          </Field>
          <fieldset className="fieldset">
            <legend>{t(`${P}.roles`)}</legend>
            <div className="checkbox-grid">
              {ROLES.map((r) => (
                <label key={r} className="checkbox">
                  <input
                    type="checkbox"
                    checked={m.roles.includes(r)}
                    onChange={(e) =>
                      setMapping(i, { roles: toggle<Role>(m.roles, r, e.target.checked) })
                    }
                  />
                  <span>{t(`roles.${r}`)}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset
            className={`fieldset${problem(`mappings/${i}/centreIds`) ? ' field-invalid' : ''}`}
          >
            <legend>{t(`${P}.centres`)}</legend>
            <div className="checkbox-grid">
              {centres.data?.map((c) => (
                <label key={c.id} className="checkbox">
                  <input
                    type="checkbox"
                    checked={m.centreIds.includes(c.id)}
                    onChange={(e) =>
                      setMapping(i, { centreIds: toggle(m.centreIds, c.id, e.target.checked) })
                    }
                  />
                  <span>{c.name}</span>
                </label>
              ))}
            </div>
            <FieldError alert>{problem(`mappings/${i}/centreIds`)}</FieldError>
          </fieldset>
          <button
            type="button"
            className="btn"
            onClick={() => setMappings(mappings.filter((_, j) => j !== i))}
          >
            {t(`${P}.removeMapping`, { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="btn"
        onClick={() =>
          setMappings([...mappings, { group: '', roles: ['centre_staff'], centreIds: [] }])
        }
      >
        {t(`${P}.addMapping`)}
      </button>

      <h3>{t(`${P}.requireTitle`)}</h3>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={values.requireSso}
          aria-describedby="sso-require-hint"
          onChange={(e) => setValues({ ...values, requireSso: e.target.checked })}
        />
        <span>{t(`${P}.requireSso`)}</span>
      </label>
      <p className="field-hint" id="sso-require-hint">
        {t(`${P}.requireHint`)}
      </p>
      <FieldError alert>{problem('requireSso')}</FieldError>

      <div className="dash-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('dashboard.settings.save')}
        </button>
      </div>
      {save.isSuccess && <Notice tone="success">{t('dashboard.settings.saved')}</Notice>}
      {save.error && <ErrorMessage error={save.error} />}
      <ConfirmDialog
        open={confirming}
        title={t(`${P}.confirmTitle`)}
        body={<p>{t(`${P}.confirmBody`)}</p>}
        confirmLabel={t(`${P}.confirm`)}
        busy={save.isPending}
        onConfirm={send}
        onCancel={() => setConfirming(false)}
      />
    </form>
  );
}
