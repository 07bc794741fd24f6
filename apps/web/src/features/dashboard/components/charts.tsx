import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useFormat } from '../../../lib/format.ts';

// recharts draws through React, which sets sizes via the CSSOM (element.style), not through
// style attributes in markup, so the strict CSP (style-src 'self') stays untouched.
const PRIMARY = '#0f5468';
const ACCENT = '#f3b33d';

export interface Series {
  key: string;
  label: string;
}

type Datum = Record<string, string | number | null | boolean | undefined> & {
  label: string;
  /** The running month: only partly counted so far, drawn hatched and named in the legend. */
  partial?: boolean;
};

/** A bar's value as the page writes numbers (German grouping), with an optional unit. */
function useValueFormat(unit = '') {
  const f = useFormat();
  return (v: unknown) => (typeof v === 'number' ? `${f.n(v)}${unit ? ` ${unit}` : ''}` : '');
}

/**
 * The value written at each bar. recharts reads its children's element types, so this is
 * called as a function and returns the element, not used as a component of its own.
 */
const valueLabels = (
  dataKey: string,
  position: 'top' | 'right',
  format: (v: unknown) => string,
) => (
  <LabelList
    dataKey={dataKey}
    position={position}
    fontSize={11}
    fill="#1c2a30"
    formatter={(v: unknown) => format(v)}
  />
);

/**
 * Vertical bars per category with a visible title, the value above each bar and in the
 * tooltip; null values (suppressed) are left out and named in the table. A running month is
 * hatched and explained under the chart.
 */
export function ColumnChart({
  data,
  series,
  title,
  stacked = false,
}: {
  data: Datum[];
  series: Series[];
  title: string;
  stacked?: boolean;
}) {
  const { t } = useTranslation();
  const value = useValueFormat();
  const id = useId();
  const hatch = (i: number) => `${id}-hatch-${i}`.replace(/:/g, '');
  const partial = data.some((d) => d.partial);
  return (
    <figure className="dash-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="dash-chart-title">
        {title}
      </figcaption>
      <div className="dash-chart-plot">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 20, right: 8, bottom: 0, left: -16 }}>
            <defs>
              {series.map((s, i) => (
                <pattern
                  key={s.key}
                  id={hatch(i)}
                  width="6"
                  height="6"
                  patternUnits="userSpaceOnUse"
                  patternTransform="rotate(45)"
                >
                  <rect width="6" height="6" fill="#ffffff" />
                  <rect width="3" height="6" fill={i === 0 ? PRIMARY : ACCENT} />
                </pattern>
              ))}
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
            <YAxis tick={{ fontSize: 12 }} allowDecimals={false} />
            <Tooltip
              formatter={(v) => value(v)}
              labelFormatter={(label, payload) =>
                payload?.[0]?.payload?.partial
                  ? `${String(label)} (${t('dashboard.chart.partialMonth')})`
                  : String(label)
              }
            />
            {series.length > 1 && <Legend />}
            {series.map((s, i) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId={stacked ? 'a' : undefined}
                fill={i === 0 ? PRIMARY : ACCENT}
                isAnimationActive={false}
              >
                {data.map((d) => (
                  <Cell
                    key={d.label}
                    fill={d.partial ? `url(#${hatch(i)})` : i === 0 ? PRIMARY : ACCENT}
                    stroke={d.partial ? (i === 0 ? PRIMARY : '#b07d12') : undefined}
                  />
                ))}
                {data.length <= 13 && valueLabels(s.key, 'top', value)}
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {partial && (
        <p className="dash-chart-note small muted">
          <span className="dash-swatch-partial" aria-hidden="true" />{' '}
          {t('dashboard.chart.partialMonthNote')}
        </p>
      )}
    </figure>
  );
}

/** Horizontal bars (activities, centres) with a visible title and the value beside each bar. */
export function BarList({
  data,
  title,
  unit = '',
  max,
}: {
  data: { label: string; value: number }[];
  title: string;
  unit?: string;
  max?: number;
}) {
  const value = useValueFormat(unit);
  const id = useId();
  return (
    <figure className="dash-chart dash-chart-bars" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="dash-chart-title">
        {title}
      </figcaption>
      <div className="dash-chart-plot">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 48, bottom: 0, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" tick={{ fontSize: 12 }} domain={[0, max ?? 'auto']} unit={unit} />
            <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => value(v)} />
            <Bar dataKey="value" name={title} fill={PRIMARY} isAnimationActive={false}>
              {valueLabels('value', 'right', value)}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
