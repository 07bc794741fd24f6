import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

// recharts draws through React, which sets sizes via the CSSOM (element.style), not through
// style attributes in markup, so the strict CSP (style-src 'self') stays untouched.
const PRIMARY = '#0f5468';
const ACCENT = '#f3b33d';

export interface Series {
  key: string;
  label: string;
}

/** Vertical bars per category; null values (suppressed) are left out and named in the table. */
export function ColumnChart({
  data,
  series,
  label,
  stacked = false,
}: {
  data: Record<string, string | number | null>[];
  series: Series[];
  label: string;
  stacked?: boolean;
}) {
  return (
    <figure className="dash-chart" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 12 }} allowDecimals={false} />
          <Tooltip />
          {series.length > 1 && <Legend />}
          {series.map((s, i) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId={stacked ? 'a' : undefined}
              fill={i === 0 ? PRIMARY : ACCENT}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

/** Horizontal bars (activities, centres). */
export function BarList({
  data,
  label,
  unit = '',
  max,
}: {
  data: { label: string; value: number }[];
  label: string;
  unit?: string;
  max?: number;
}) {
  return (
    <figure className="dash-chart dash-chart-bars" aria-label={label}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 12 }} domain={[0, max ?? 'auto']} unit={unit} />
          <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="value" name={label} fill={PRIMARY} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
