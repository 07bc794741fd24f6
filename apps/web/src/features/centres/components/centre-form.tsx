import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Centre, CreateCentreBody } from '@begegnung/domain';
import { operatorQueries } from '../../../lib/reference-data.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, Field, PageHeader } from '../../../components/ui.tsx';
import { useCreateCentre, useUpdateCentre } from '../api/centre-mutations.ts';

type Draft = Omit<CreateCentreBody, 'operatorId'> & { operatorId: number | '' };

const empty: Draft = {
  name: '',
  code: '',
  operatorId: '',
  address: '',
  district: '',
  openingHours: '',
  active: true,
};

/** Create (no `centre`) or edit a centre. Keeps what the user typed when the server refuses. */
export function CentreForm({ centre, onDone }: { centre?: Centre; onDone?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const operators = useQuery(operatorQueries.list());
  const create = useCreateCentre();
  const update = useUpdateCentre(centre?.id ?? 0);
  const mutation = centre ? update : create;
  const errors = useFormErrors(mutation.error);
  const [draft, setDraft] = useState<Draft>(
    centre
      ? {
          name: centre.name,
          code: centre.code,
          operatorId: centre.operatorId,
          address: centre.address,
          district: centre.district,
          openingHours: centre.openingHours,
          active: centre.active,
        }
      : empty,
  );
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      ...draft,
      operatorId: Number(draft.operatorId) || 0,
      code: draft.code.trim().toUpperCase(),
    };
    if (centre) {
      update.mutate(body, { onSuccess: () => onDone?.() });
    } else {
      create.mutate(body, { onSuccess: (c) => navigate(`/centres/${c.id}`) });
    }
  };

  return (
    <>
      {!centre && <PageHeader title={t('centres.new')} />}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Alert>{errors.general}</Alert>
        <div className="form-grid">
          <Field label={t('centres.name')} error={errors.field('name')}>
            {(p) => (
              <input
                {...p}
                required
                value={draft.name}
                onChange={(e) => set('name', e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('centres.code')}
            hint={t('centres.codeHint')}
            error={errors.field('code')}
          >
            {(p) => (
              <input
                {...p}
                required
                maxLength={6}
                className="input-code"
                value={draft.code}
                onChange={(e) => set('code', e.target.value.toUpperCase())}
              />
            )}
          </Field>
          <Field label={t('centres.operator')} error={errors.field('operatorId')}>
            {(p) => (
              <select
                {...p}
                required
                value={draft.operatorId}
                onChange={(e) => set('operatorId', e.target.value ? Number(e.target.value) : '')}
              >
                <option value="">{t('common.choose')}</option>
                {operators.data?.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('centres.district')} error={errors.field('district')}>
            {(p) => (
              <input
                {...p}
                required
                value={draft.district}
                onChange={(e) => set('district', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('centres.address')} error={errors.field('address')}>
            {(p) => (
              <input
                {...p}
                required
                value={draft.address}
                onChange={(e) => set('address', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('centres.openingHours')} error={errors.field('openingHours')}>
            {(p) => (
              <input
                {...p}
                value={draft.openingHours ?? ''}
                onChange={(e) => set('openingHours', e.target.value)}
              />
            )}
          </Field>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.active ?? true}
            onChange={(e) => set('active', e.target.checked)}
          />
          {t('centres.activeLabel')}
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('common.saving') : t('common.save')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => (onDone ? onDone() : navigate('/centres'))}
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
