import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MILLI, parseFixed, type Post } from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, Field } from '../../../components/ui.tsx';
import { useSetAllocations } from '../api/post-queries.ts';
import { toApiDecimal, useFormat } from '../../../lib/format.ts';

interface Row {
  centreId: number | '';
  share: string;
}

export function AllocationPanel({ post, canEdit }: { post: Post; canEdit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const centres = useQuery(centreQueries.list());
  const save = useSetAllocations(post.id);
  const errors = useFormErrors(save.error);
  const initial: Row[] = post.allocations.map((a) => ({
    centreId: a.centreId,
    share: a.share.replace('.', ','),
  }));
  const [rows, setRows] = useState<Row[] | null>(null);
  const editing = rows !== null;
  const shown = rows ?? initial;
  const sum = shown.reduce((s, r) => {
    const v = parseFixed(toApiDecimal(r.share), 3);
    return v.ok ? s + v.value : s;
  }, 0);
  const setRow = (i: number, patch: Partial<Row>) =>
    setRows(shown.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const equal = () => {
    const list = centres.data?.filter((c) => c.active) ?? [];
    const each = Math.floor(MILLI / list.length);
    setRows(
      list.map((c, i) => ({
        centreId: c.id,
        share: String((i === 0 ? MILLI - each * (list.length - 1) : each) / MILLI).replace(
          '.',
          ',',
        ),
      })),
    );
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        allocations: shown.map((r) => ({
          centreId: Number(r.centreId) || 0,
          share: toApiDecimal(r.share),
        })),
      },
      { onSuccess: () => setRows(null) },
    );
  };
  return (
    <section className="panel" aria-labelledby="alloc-heading">
      <h2 id="alloc-heading">{t('posts.allocation')}</h2>
      {!editing ? (
        <>
          {post.allocations.length === 0 ? (
            <p className="muted">{t('posts.notAllocated')}</p>
          ) : (
            <ul className="posts-alloc-list">
              {post.allocations.map((a) => (
                <li key={a.centreId}>
                  <span>{a.centreName}</span>
                  <strong>
                    {f.fte(a.share)} ·{' '}
                    {f.fte(String((Number(a.share) * Number(post.fte)).toFixed(6)))}{' '}
                    {t('posts.fteUnit')}
                  </strong>
                </li>
              ))}
            </ul>
          )}
          {canEdit && (
            <button
              type="button"
              className="btn"
              onClick={() => setRows(initial.length ? initial : [{ centreId: '', share: '1' }])}
            >
              {t('posts.editAllocation')}
            </button>
          )}
        </>
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate>
          <Alert>{errors.general}</Alert>
          {shown.map((r, i) => (
            <div className="posts-alloc-row" key={i}>
              <Field label={t('posts.centre')} error={errors.field(`allocations.${i}.centreId`)}>
                {(p) => (
                  <select
                    {...p}
                    value={r.centreId}
                    onChange={(e) =>
                      setRow(i, { centreId: e.target.value ? Number(e.target.value) : '' })
                    }
                  >
                    <option value="">{t('common.choose')}</option>
                    {centres.data?.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('posts.share')} error={errors.field(`allocations.${i}.share`)}>
                {(p) => (
                  <input
                    {...p}
                    inputMode="decimal"
                    value={r.share}
                    onChange={(e) => setRow(i, { share: e.target.value })}
                  />
                )}
              </Field>
              <button
                type="button"
                className="btn btn-small btn-ghost"
                aria-label={t('posts.removeRow')}
                onClick={() => setRows(shown.filter((_, k) => k !== i))}
              >
                ✕
              </button>
            </div>
          ))}
          <p className={sum === MILLI ? 'small' : 'small field-error'} aria-live="polite">
            {t('posts.shareSum', { sum: f.fte(String(sum / MILLI)) })}
          </p>
          {errors.field('allocations') && (
            <p className="field-error">{errors.field('allocations')}</p>
          )}
          <div className="form-actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => setRows([...shown, { centreId: '', share: '' }])}
            >
              {t('posts.addRow')}
            </button>
            <button type="button" className="btn btn-small" onClick={equal}>
              {t('posts.equalAll')}
            </button>
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {t('posts.saveAllocation')}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setRows(null);
                save.reset();
              }}
            >
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
