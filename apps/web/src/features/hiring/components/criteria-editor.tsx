import { useTranslation } from 'react-i18next';
import {
  CRITERION_KINDS,
  EVIDENCE_TYPES,
  criteriaProblems,
  type CriterionInput,
  type CriterionKind,
  type EvidenceType,
} from '@begegnung/domain';
import { ProtectedCriterionNotice, criterionFindings } from './protected-criterion.tsx';

/**
 * Editable requirement profile. Required criteria sharing a group are OR-options; the rank
 * says which option counts as better. There is deliberately no field for origin, nationality
 * or migration background.
 */
export function CriteriaEditor({
  value,
  onChange,
}: {
  value: CriterionInput[];
  onChange: (next: CriterionInput[]) => void;
}) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<CriterionInput>) =>
    onChange(value.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  const problem = criteriaProblems(value);
  return (
    <div className="hiring-criteria-editor">
      {value.map((c, i) => {
        const findings = criterionFindings(c);
        const noticeId = `criterion-${i}-protected`;
        return (
          <fieldset key={i} className="fieldset hiring-criterion-edit">
            <legend>K{i + 1}</legend>
            <div className="form-grid">
              <label className="field">
                <span>{t('hiring.criteria.kind')}</span>
                <select
                  value={c.kind}
                  onChange={(e) => {
                    const kind = e.target.value as CriterionKind;
                    set(i, kind === 'required' ? { kind } : { kind, groupKey: null, rank: null });
                  }}
                >
                  {CRITERION_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`hiring.criteria.kinds.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t('hiring.criteria.evidence')}</span>
                <select
                  value={c.evidenceType}
                  onChange={(e) => set(i, { evidenceType: e.target.value as EvidenceType })}
                >
                  {EVIDENCE_TYPES.map((k) => (
                    <option key={k} value={k}>
                      {t(`hiring.evidence.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="field">
              <span>{t('hiring.criteria.label')}</span>
              <input
                value={c.label}
                aria-invalid={findings.length > 0 || undefined}
                aria-describedby={findings.length ? noticeId : undefined}
                onChange={(e) => set(i, { label: e.target.value })}
              />
            </label>
            <ProtectedCriterionNotice id={noticeId} findings={findings} />
            <div className="form-grid">
              <label className="field">
                <span>{t('hiring.criteria.weight')}</span>
                <input
                  type="number"
                  min={0}
                  max={10}
                  value={c.weight}
                  onChange={(e) => set(i, { weight: Number(e.target.value) })}
                />
              </label>
              <label className="field">
                <span>{t('hiring.editor.scale')}</span>
                <input value={c.scale} onChange={(e) => set(i, { scale: e.target.value })} />
              </label>
              {c.kind === 'required' && (
                <>
                  <label className="field">
                    <span>{t('hiring.editor.group')}</span>
                    <input
                      value={c.groupKey ?? ''}
                      placeholder={t('hiring.editor.groupPlaceholder')}
                      onChange={(e) =>
                        set(i, {
                          groupKey:
                            e.target.value.toLowerCase().replace(/[^a-z0-9_-]/g, '') || null,
                        })
                      }
                    />
                  </label>
                  {c.groupKey && (
                    <label className="field">
                      <span>{t('hiring.editor.rank')}</span>
                      <input
                        type="number"
                        min={1}
                        max={9}
                        value={c.rank ?? ''}
                        onChange={(e) =>
                          set(i, { rank: e.target.value ? Number(e.target.value) : null })
                        }
                      />
                    </label>
                  )}
                </>
              )}
            </div>
            <div className="form-actions">
              <button
                type="button"
                className="btn btn-small btn-danger-outline"
                disabled={value.length <= 1}
                onClick={() => onChange(value.filter((_, k) => k !== i))}
              >
                {t('hiring.editor.remove')}
              </button>
            </div>
          </fieldset>
        );
      })}
      {problem && <p className="field-error">{t(`hiring.editor.problems.${problem}`)}</p>}
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          onChange([
            ...value,
            { kind: 'desirable', label: '', evidenceType: 'cv', weight: 1, scale: '1–5' },
          ])
        }
      >
        {t('hiring.editor.add')}
      </button>
    </div>
  );
}
