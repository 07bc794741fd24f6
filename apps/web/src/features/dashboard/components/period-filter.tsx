import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  canSeeAllCentres,
  cellText,
  defaultPeriod,
  localNow,
  previousQuarter,
  quarterOf,
  type ShownCell,
} from '@begegnung/domain';
import { centreQueries, visibleCentres } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import type { PeriodFilter } from '../api/dashboard-queries.ts';

/** Period and centre live in the URL, so a view can be bookmarked and shared. */
export function usePeriod(): [
  PeriodFilter & { from: string; to: string },
  (f: PeriodFilter) => void,
] {
  const [params, setParams] = useSearchParams();
  const today = localNow().date;
  const d = defaultPeriod(today);
  const centre = Number(params.get('centre'));
  const filter = {
    from: params.get('from') || d.from,
    to: params.get('to') || d.to,
    ...(centre > 0 ? { centreId: centre } : {}),
  };
  const set = (f: PeriodFilter) => {
    const next = new URLSearchParams();
    if (f.from) next.set('from', f.from);
    if (f.to) next.set('to', f.to);
    if (f.centreId) next.set('centre', String(f.centreId));
    setParams(next, { replace: true });
  };
  return [filter, set];
}

export function PeriodFilterBar({
  value,
  onChange,
  withCentre = true,
}: {
  value: PeriodFilter & { from: string; to: string };
  onChange: (f: PeriodFilter) => void;
  withCentre?: boolean;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const centres = useQuery(centreQueries.list());
  const id = useId();
  const today = localNow().date;
  const choices = visibleCentres(user, centres.data, canSeeAllCentres);
  const presets = [
    { key: 'last12', ...defaultPeriod(today) },
    { key: 'thisQuarter', from: quarterOf(today).from, to: today },
    { key: 'lastQuarter', ...previousQuarter(today) },
    { key: 'thisYear', from: `${today.slice(0, 4)}-01-01`, to: today },
  ];
  return (
    <div className="dash-filters">
      <div className="filters">
        <label htmlFor={`${id}-from`}>
          <span>{t('dashboard.filter.from')}</span>
          <input
            id={`${id}-from`}
            type="date"
            value={value.from}
            onChange={(e) => onChange({ ...value, from: e.target.value })}
          />
        </label>
        <label htmlFor={`${id}-to`}>
          <span>{t('dashboard.filter.to')}</span>
          <input
            id={`${id}-to`}
            type="date"
            value={value.to}
            onChange={(e) => onChange({ ...value, to: e.target.value })}
          />
        </label>
        {withCentre && choices.length > 1 && (
          <label htmlFor={`${id}-centre`}>
            <span>{t('dashboard.filter.centre')}</span>
            <select
              id={`${id}-centre`}
              value={value.centreId ?? ''}
              onChange={(e) =>
                onChange({
                  ...value,
                  centreId: e.target.value ? Number(e.target.value) : undefined,
                })
              }
            >
              {canSeeAllCentres(user) && (
                <option value="">{t('dashboard.filter.allCentres')}</option>
              )}
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="dash-presets" role="group" aria-label={t('dashboard.filter.presets')}>
        {presets.map((p) => (
          <button
            key={p.key}
            type="button"
            className={`btn btn-small${p.from === value.from && p.to === value.to ? ' btn-primary' : ''}`}
            aria-pressed={p.from === value.from && p.to === value.to}
            onClick={() => onChange({ ...value, from: p.from, to: p.to })}
          >
            {t(`dashboard.filter.${p.key}`)}
          </button>
        ))}
      </div>
    </div>
  );
}

/** A published count of people as text: the number, or "< 5" with an explanation. */
export function Cell({ value, format }: { value: ShownCell; format: (n: number) => string }) {
  const { t } = useTranslation();
  if (value === 'suppressed')
    return <span title={t('dashboard.suppressed')}>{cellText(value)}</span>;
  return <>{format(value)}</>;
}
