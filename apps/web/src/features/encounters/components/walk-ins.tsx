import { useTranslation } from 'react-i18next';
import { CONSENT_LANGUAGES, type ConsentLanguage } from '@begegnung/domain';
import { ChipRow } from './chip-row.tsx';
import type { WalkInDraft } from './log-draft.ts';

const WALK_IN_CHIPS = [0, 1, 2, 3, 4, 5];

/** People who came without being on the list: named only with consent explained and signed. */
export function WalkIns({
  walkIns,
  onChange,
}: {
  walkIns: WalkInDraft[];
  onChange: (w: WalkInDraft[]) => void;
}) {
  const { t } = useTranslation();
  const resize = (n: number) =>
    onChange(
      Array.from(
        { length: Math.max(0, Math.min(n, 50)) },
        (_, i) => walkIns[i] ?? { alias: '', consent: false, language: 'de' as ConsentLanguage },
      ),
    );
  const update = (i: number, patch: Partial<WalkInDraft>) =>
    onChange(walkIns.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <div className="fieldset">
      <ChipRow
        label={t('encounters.log.walkIns')}
        value={walkIns.length}
        values={WALK_IN_CHIPS}
        onChange={resize}
        hint={t('encounters.log.walkInHint')}
      />
      {walkIns.map((w, i) => (
        <div key={i} className="walk-in">
          <input
            aria-label={t('encounters.log.walkInAlias', { n: i + 1 })}
            placeholder={t('encounters.log.walkInAlias', { n: i + 1 })}
            value={w.alias}
            onChange={(e) => update(i, { alias: e.target.value })}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={w.consent}
              onChange={(e) => update(i, { consent: e.target.checked })}
            />
            <span>{t('encounters.log.walkInConsent')}</span>
          </label>
          {w.consent && (
            <select
              aria-label={t('encounters.consent.language')}
              value={w.language}
              onChange={(e) => update(i, { language: e.target.value as ConsentLanguage })}
            >
              {CONSENT_LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {t(`encounters.languages.${l}`)}
                </option>
              ))}
            </select>
          )}
        </div>
      ))}
    </div>
  );
}
