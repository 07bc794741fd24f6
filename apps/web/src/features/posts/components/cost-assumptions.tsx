import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { hasRole, PAY_GROUPS, PAY_GROUP_CODES } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import {
  Alert,
  Badge,
  EmptyState,
  ErrorMessage,
  Field,
  Loading,
  PageHeader,
} from '../../../components/ui.tsx';
import { scenarioQueries, useCreateCost, useUpdateCost } from '../api/post-queries.ts';
import { toApiDecimal, useFormat } from '../../../lib/format.ts';

export function CostAssumptions() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const list = useQuery(scenarioQueries.costs());
  const update = useUpdateCost();
  const f = useFormat();
  const isAdmin = hasRole(user, 'admin');
  return (
    <>
      <PageHeader title={t('costs.title')} subtitle={t('costs.subtitle')} />
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error ?? update.error} onRetry={() => void list.refetch()} />
      {list.data?.length === 0 && <EmptyState title={t('costs.empty')} />}
      {list.data && list.data.length > 0 && (
        <div className="table-wrap">
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('costs.payGroup')}</th>
                <th scope="col">{t('costs.valid')}</th>
                <th scope="col">{t('costs.annual')}</th>
                <th scope="col">{t('costs.overhead')}</th>
                <th scope="col">{t('costs.kind')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((c) => (
                <tr key={c.id}>
                  <td data-label={t('costs.payGroup')}>
                    <strong>{c.payGroup}</strong>
                    {c.note && <div className="small muted">{c.note}</div>}
                  </td>
                  <td data-label={t('costs.valid')}>
                    {f.date(c.validFrom)} – {c.validTo ? f.date(c.validTo) : t('costs.openEnded')}
                  </td>
                  <td data-label={t('costs.annual')} className="nowrap">
                    {f.euro(c.annualCostEuros)}
                  </td>
                  <td data-label={t('costs.overhead')} className="nowrap">
                    {f.num(Number(c.overheadPercent), 2)} %
                  </td>
                  <td data-label={t('costs.kind')}>
                    {c.cityOwn ? (
                      <Badge tone="success">{t('costs.cityOwn')}</Badge>
                    ) : (
                      <Badge tone="accent">{t('costs.estimate')}</Badge>
                    )}
                    {isAdmin && (
                      <button
                        type="button"
                        className="btn btn-small btn-ghost"
                        disabled={update.isPending}
                        onClick={() => update.mutate({ id: c.id, cityOwn: !c.cityOwn })}
                      >
                        {c.cityOwn ? t('costs.markEstimate') : t('costs.markCityOwn')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isAdmin && <NewCost />}
    </>
  );
}

function NewCost() {
  const { t } = useTranslation();
  const create = useCreateCost();
  const errors = useFormErrors(create.error);
  const empty = {
    payGroup: 'S 11b',
    validFrom: '',
    validTo: '',
    annualCostEuros: '72000',
    overheadPercent: '20',
    note: '',
  };
  const [d, setD] = useState(empty);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        payGroup: d.payGroup,
        validFrom: d.validFrom,
        validTo: d.validTo || null,
        annualCostEuros: Number(d.annualCostEuros) || 0,
        overheadPercent: toApiDecimal(d.overheadPercent),
        note: d.note,
      },
      { onSuccess: () => setD(empty) },
    );
  };
  return (
    <section className="panel" aria-labelledby="new-cost">
      <h2 id="new-cost">{t('costs.new')}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <Alert>{errors.general}</Alert>
        <div className="form-grid">
          <Field label={t('costs.payGroup')} error={errors.field('payGroup')}>
            {(p) => (
              <select
                {...p}
                value={d.payGroup}
                onChange={(e) => setD({ ...d, payGroup: e.target.value })}
              >
                {!PAY_GROUP_CODES.includes(d.payGroup) && (
                  <option value={d.payGroup}>{d.payGroup || '—'}</option>
                )}
                {PAY_GROUPS.map((g) => (
                  <option key={g.code} value={g.code}>
                    {g.code}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('costs.annual')} error={errors.field('annualCostEuros')}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={d.annualCostEuros}
                onChange={(e) => setD({ ...d, annualCostEuros: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('costs.validFrom')} error={errors.field('validFrom')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={d.validFrom}
                onChange={(e) => setD({ ...d, validFrom: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('costs.validTo')} error={errors.field('validTo')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={d.validTo}
                onChange={(e) => setD({ ...d, validTo: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('costs.overheadLabel')} error={errors.field('overheadPercent')}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={d.overheadPercent}
                onChange={(e) => setD({ ...d, overheadPercent: e.target.value })}
              />
            )}
          </Field>
          <Field label={t('costs.note')} error={errors.field('note')}>
            {(p) => (
              <input {...p} value={d.note} onChange={(e) => setD({ ...d, note: e.target.value })} />
            )}
          </Field>
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {t('costs.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
