import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '@begegnung/domain';
import type { AuditFilter } from '../api/audit-queries.ts';

const CODE = /^[A-Za-z0-9]{1,6}-[0-9A-Za-z]{3,12}$/;

/** Search by user, person code, action, object and date; text fields apply on "Search". */
export function AuditFilters({
  filter,
  onChange,
}: {
  filter: AuditFilter;
  onChange: (patch: Partial<AuditFilter>) => void;
}) {
  const { t } = useTranslation();
  const [user, setUser] = useState(filter.user ?? '');
  const [code, setCode] = useState(filter.participantCode ?? '');
  const [invalid, setInvalid] = useState(false);
  const entities = [...AUDIT_ENTITY_TYPES].sort((a, b) =>
    t(`audit.entities.${a}`).localeCompare(t(`audit.entities.${b}`)),
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const c = code.trim().toUpperCase();
    const bad = c !== '' && !CODE.test(c);
    setInvalid(bad);
    if (bad) return;
    onChange({ user: user.trim() || undefined, participantCode: c || undefined });
  };
  const reset = () => {
    setUser('');
    setCode('');
    setInvalid(false);
    onChange({
      user: undefined,
      participantCode: undefined,
      action: undefined,
      entityType: undefined,
      from: undefined,
      to: undefined,
    });
  };

  return (
    <form className="filters audit-filters" role="search" onSubmit={onSubmit} noValidate>
      <label>
        <span>{t('audit.user')}</span>
        <input value={user} onChange={(e) => setUser(e.target.value)} autoComplete="off" />
      </label>
      <label>
        <span>{t('audit.participantCode')}</span>
        <input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid || undefined}
          aria-describedby="audit-code-hint"
        />
        <small id="audit-code-hint" className={invalid ? 'field-error' : 'muted'}>
          {invalid ? t('audit.codeInvalid') : t('audit.participantCodeHint')}
        </small>
      </label>
      <label>
        <span>{t('audit.action')}</span>
        <select
          value={filter.action ?? ''}
          onChange={(e) => onChange({ action: e.target.value || undefined })}
        >
          <option value="">{t('audit.all')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.actions.${a}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('audit.entity')}</span>
        <select
          value={filter.entityType ?? ''}
          onChange={(e) => onChange({ entityType: e.target.value || undefined })}
        >
          <option value="">{t('audit.all')}</option>
          {entities.map((e) => (
            <option key={e} value={e}>
              {t(`audit.entities.${e}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('audit.from')}</span>
        <input
          type="date"
          value={filter.from ?? ''}
          onChange={(e) => onChange({ from: e.target.value || undefined })}
        />
      </label>
      <label>
        <span>{t('audit.to')}</span>
        <input
          type="date"
          value={filter.to ?? ''}
          onChange={(e) => onChange({ to: e.target.value || undefined })}
        />
      </label>
      <div className="filters-actions">
        <button type="submit" className="btn btn-primary">
          {t('audit.search')}
        </button>
        <button type="button" className="btn" onClick={reset}>
          {t('audit.reset')}
        </button>
      </div>
    </form>
  );
}
