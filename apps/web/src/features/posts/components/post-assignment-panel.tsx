import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Post } from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, ErrorMessage, Field, Loading, Notice } from '../../../components/ui.tsx';
import { postQueries, useAddAssignment, useDeleteAssignment } from '../api/post-queries.ts';
import { useFormat } from '../../../lib/format.ts';

export function AssignmentPanel({ post, canEdit }: { post: Post; canEdit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const list = useQuery(postQueries.assignments(post.id));
  const add = useAddAssignment(post.id);
  const del = useDeleteAssignment(post.id);
  const errors = useFormErrors(add.error);
  const [draft, setDraft] = useState({ personName: '', fromDate: '', toDate: '', percent: '' });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      {
        personName: draft.personName,
        fromDate: draft.fromDate,
        toDate: draft.toDate || null,
        percent: Number(draft.percent) || 0,
      },
      { onSuccess: () => setDraft({ personName: '', fromDate: '', toDate: '', percent: '' }) },
    );
  };
  return (
    <section className="panel" aria-labelledby="assign-heading">
      <h2 id="assign-heading">{t('posts.assignments')}</h2>
      <p className="small muted">{t('posts.assignmentsPrivacy')}</p>
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error} />
      {list.data?.warnings.map((w, i) => (
        <Notice key={i} tone="warning">
          {w.kind === 'gap'
            ? t('posts.warnGap', { from: f.date(w.from), to: f.date(w.to ?? null) })
            : t('posts.warnOver', {
                from: f.date(w.from),
                percent: w.percent,
                fte: f.fte(post.fte),
              })}
        </Notice>
      ))}
      {list.data && list.data.items.length === 0 && (
        <p className="muted">{t('posts.noAssignments')}</p>
      )}
      {list.data && list.data.items.length > 0 && (
        <ul className="posts-alloc-list">
          {list.data.items.map((a) => (
            <li key={a.id}>
              <span>
                {a.personName}{' '}
                <span className="muted small">
                  {f.date(a.fromDate)} – {a.toDate ? f.date(a.toDate) : t('posts.openEnded')}
                </span>
              </span>
              <strong>
                {a.percent} %
                {canEdit && (
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    aria-label={t('posts.removeAssignment', { name: a.personName })}
                    onClick={() => del.mutate(a.id)}
                  >
                    ✕
                  </button>
                )}
              </strong>
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form className="form" onSubmit={onSubmit} noValidate>
          <Alert>{errors.general}</Alert>
          <div className="form-grid">
            <Field label={t('posts.personName')} error={errors.field('personName')}>
              {(p) => (
                <input
                  {...p}
                  value={draft.personName}
                  onChange={(e) => setDraft({ ...draft, personName: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('posts.percent')} error={errors.field('percent')}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={draft.percent}
                  onChange={(e) => setDraft({ ...draft, percent: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('posts.from')} error={errors.field('fromDate')}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={draft.fromDate}
                  onChange={(e) => setDraft({ ...draft, fromDate: e.target.value })}
                />
              )}
            </Field>
            <Field label={t('posts.to')} error={errors.field('toDate')}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={draft.toDate}
                  onChange={(e) => setDraft({ ...draft, toDate: e.target.value })}
                />
              )}
            </Field>
          </div>
          <div className="form-actions">
            <button type="submit" className="btn" disabled={add.isPending}>
              {t('posts.addAssignment')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
