import { useTranslation } from 'react-i18next';
import { SCREENING_RESULTS, type Criterion, type ScreeningValue } from '@begegnung/domain';
import { Field } from '../../../components/ui.tsx';

export interface ScreeningEntry {
  result: ScreeningValue | '';
  note: string;
}

/** One criterion: met / partly / not met / unclear, with the evidence note. */
export function ScreeningRow({
  index,
  criterion: c,
  groupStatus,
  value,
  disabled,
  onChange,
}: {
  index: number;
  criterion: Criterion;
  groupStatus?: string;
  value: ScreeningEntry;
  disabled: boolean;
  onChange: (v: ScreeningEntry) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset hiring-screen-row" disabled={disabled}>
      <legend>
        K{index + 1} · {t(`hiring.criteria.kinds.${c.kind}`)}
        {c.groupKey && <> · {t('hiring.criteria.orGroup', { group: c.groupKey, rank: c.rank })}</>}
      </legend>
      <p className="hiring-criterion-label">{c.label}</p>
      {groupStatus && <p className="muted small">{t(`hiring.screening.group.${groupStatus}`)}</p>}
      <div className="hiring-choices" role="radiogroup" aria-label={c.label}>
        {SCREENING_RESULTS.map((r) => (
          <label key={r} className="hiring-choice">
            <input
              type="radio"
              name={`screen-${c.id}`}
              value={r}
              checked={value.result === r}
              onChange={() => onChange({ ...value, result: r })}
            />
            <span>{t(`hiring.results.${r}`)}</span>
          </label>
        ))}
      </div>
      <Field label={t('hiring.screening.note')}>
        {(p) => (
          <input
            {...p}
            value={value.note}
            onChange={(e) => onChange({ ...value, note: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}
