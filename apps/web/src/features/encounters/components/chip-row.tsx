import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from '../../../components/form.tsx';

/**
 * A count as a row of radio chips (0–5, one Tab stop, arrow keys move) plus "more" with an
 * exact number. Radios rather than buttons keep a whole form within a few Tab presses.
 */
export function ChipRow({
  label,
  value,
  values,
  onChange,
  error,
  hint,
}: {
  label: string;
  value: number;
  values: number[];
  onChange: (n: number) => void;
  error?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const name = useId();
  const max = values[values.length - 1] ?? 0;
  const more = value > max;
  return (
    <fieldset
      className={`chip-field${error ? ' field-invalid' : ''}`}
      aria-describedby={error ? `${name}-error` : undefined}
    >
      <legend>{label}</legend>
      <div className="chips">
        {values.map((n) => (
          <label key={n} className="chip">
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
            />
            <span>{n}</span>
          </label>
        ))}
        <label className="chip">
          <input
            type="radio"
            name={name}
            value="more"
            checked={more}
            onChange={() => onChange(max + 1)}
          />
          <span>{t('encounters.log.more', { n: max })}</span>
        </label>
        {more && (
          <input
            className="chip-input"
            type="number"
            inputMode="numeric"
            min={0}
            aria-label={t('encounters.log.exactNumber', { label })}
            value={value}
            onChange={(e) =>
              onChange(e.target.value === '' ? 0 : Math.trunc(Number(e.target.value)))
            }
          />
        )}
      </div>
      {hint && <p className="field-hint">{hint}</p>}
      <FieldError id={`${name}-error`}>{error}</FieldError>
    </fieldset>
  );
}
