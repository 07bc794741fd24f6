import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fromMilli, needSplit, parseFixed, type CentreNeed } from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, ErrorMessage, Loading, Notice } from '../../../components/ui.tsx';
import { FieldError } from '../../../components/form.tsx';
import { scenarioQueries, useSetNeeds } from '../api/post-queries.ts';
import { toApiDecimal, useFormat } from '../../../lib/format.ts';

const STEPS = ['0.25', '0.5', '0.1', '0.125'];
type Draft = { need: string; source: string; asOf: string };

const draftOf = (n: CentreNeed): Draft => ({
  need: n.need === null ? '' : String(n.need),
  source: n.source ?? '',
  asOf: n.asOf ?? '',
});

/**
 * Need figures per centre (newcomers in the catchment, with source and date) and the split
 * they give: the same domain rule (needSplit) the dashboard, scenario B and the report use.
 */
export function NeedSplit() {
  const { t } = useTranslation();
  const f = useFormat();
  const needs = useQuery(scenarioQueries.needs());
  const save = useSetNeeds();
  const errors = useFormErrors(save.error);
  const [total, setTotal] = useState('2');
  const [step, setStep] = useState('0.25');
  const [edited, setEdited] = useState<Record<number, Draft>>({});
  if (needs.isPending) return <Loading />;
  if (needs.error) return <ErrorMessage error={needs.error} />;
  const rows = needs.data.map((n) => ({ ...n, draft: edited[n.centreId] ?? draftOf(n) }));
  const parsed = rows.map((r) => (r.draft.need.trim() === '' ? null : Number(r.draft.need)));
  const needsValid = parsed.every((n) => n === null || (Number.isInteger(n) && n >= 0));
  const totalMilli = parseFixed(toApiDecimal(total), 3);
  const stepMilli = parseFixed(step, 3);
  const split =
    totalMilli.ok && stepMilli.ok && needsValid
      ? needSplit(
          totalMilli.value,
          stepMilli.value,
          rows.map((r, i) => ({ key: r.centreId, need: parsed[i]!, active: true })),
        )
      : null;
  const edit = (id: number, patch: Partial<Draft>) => {
    const base = edited[id] ?? draftOf(needs.data.find((n) => n.centreId === id)!);
    setEdited({ ...edited, [id]: { ...base, ...patch } });
  };
  const fte = (m: number | null | undefined) =>
    m == null ? <span className="muted">{t('comparison.noData')}</span> : f.fte(fromMilli(m));
  return (
    <section className="panel" aria-labelledby="need-split-title" id="need-split">
      <h2 id="need-split-title">{t('comparison.needSplit')}</h2>
      <p className="small muted">{t('comparison.needSplitHint')}</p>
      <div className="filters">
        <label>
          <span>{t('comparison.totalFte')}</span>
          <input inputMode="decimal" value={total} onChange={(e) => setTotal(e.target.value)} />
        </label>
        <label>
          <span>{t('comparison.step')}</span>
          <select value={step} onChange={(e) => setStep(e.target.value)}>
            {STEPS.map((s) => (
              <option key={s} value={s}>
                {f.fte(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!split && <Notice tone="warning">{t('comparison.splitInvalid')}</Notice>}
      <div className="table-wrap">
        <table className="table table-stack" data-testid="need-split-table">
          <thead>
            <tr>
              <th scope="col">{t('comparison.centre')}</th>
              <th scope="col">{t('comparison.need')}</th>
              <th scope="col">{t('comparison.needSourceCol')}</th>
              <th scope="col">{t('comparison.needAsOf')}</th>
              <th scope="col">{t('comparison.byNeed')}</th>
              <th scope="col">{t('comparison.equal')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.centreId} data-centre={r.centreCode}>
                <td data-label={t('comparison.centre')}>{r.centreName}</td>
                <td data-label={t('comparison.need')}>
                  <input
                    className="posts-need-input"
                    inputMode="numeric"
                    placeholder={t('comparison.noData')}
                    aria-label={t('comparison.needFor', { centre: r.centreName })}
                    value={r.draft.need}
                    onChange={(e) => edit(r.centreId, { need: e.target.value })}
                  />
                </td>
                <td data-label={t('comparison.needSourceCol')}>
                  <input
                    aria-label={t('comparison.sourceFor', { centre: r.centreName })}
                    aria-invalid={errors.field(`needs.${i}.source`) ? true : undefined}
                    aria-describedby={
                      errors.field(`needs.${i}.source`)
                        ? `need-source-${r.centreId}-error`
                        : undefined
                    }
                    value={r.draft.source}
                    maxLength={200}
                    onChange={(e) => edit(r.centreId, { source: e.target.value })}
                  />
                  <FieldError id={`need-source-${r.centreId}-error`}>
                    {errors.field(`needs.${i}.source`)}
                  </FieldError>
                </td>
                <td data-label={t('comparison.needAsOf')}>
                  <input
                    type="date"
                    aria-label={t('comparison.asOfFor', { centre: r.centreName })}
                    aria-invalid={errors.field(`needs.${i}.asOf`) ? true : undefined}
                    aria-describedby={
                      errors.field(`needs.${i}.asOf`) ? `need-asOf-${r.centreId}-error` : undefined
                    }
                    value={r.draft.asOf}
                    onChange={(e) => edit(r.centreId, { asOf: e.target.value })}
                  />
                  <FieldError id={`need-asOf-${r.centreId}-error`}>
                    {errors.field(`needs.${i}.asOf`)}
                  </FieldError>
                </td>
                <td data-label={t('comparison.byNeed')} className="num" data-split="need">
                  <strong>{split?.byNeedPossible ? fte(split.parts[i]!.byNeedMilli) : '—'}</strong>
                </td>
                <td data-label={t('comparison.equal')} className="num" data-split="equal">
                  {split ? fte(split.parts[i]!.equalMilli) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Alert>{errors.general}</Alert>
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          disabled={!needsValid || save.isPending || Object.keys(edited).length === 0}
          onClick={() =>
            save.mutate(
              {
                needs: rows
                  .filter((r) => edited[r.centreId])
                  .map((r) => ({
                    centreId: r.centreId,
                    need: r.draft.need.trim() === '' ? null : Number(r.draft.need),
                    source: r.draft.source,
                    asOf: r.draft.asOf || null,
                  })),
              },
              { onSuccess: () => setEdited({}) },
            )
          }
        >
          {t('comparison.saveNeeds')}
        </button>
      </div>
      <p className="small muted">{t('comparison.needSource')}</p>
    </section>
  );
}
