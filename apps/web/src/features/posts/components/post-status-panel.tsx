import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Post, type PostStatus } from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, Field } from '../../../components/ui.tsx';
import { useChangeStatus } from '../api/post-queries.ts';
import { useFormat } from '../../../lib/format.ts';

export function StatusPanel({ post, canEdit }: { post: Post; canEdit: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const change = useChangeStatus(post.id);
  const errors = useFormErrors(change.error);
  const [to, setTo] = useState<PostStatus | ''>('');
  const [reason, setReason] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(new Date().toISOString().slice(0, 10));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!to) return;
    change.mutate(
      { to, reason, effectiveOn },
      {
        onSuccess: () => {
          setTo('');
          setReason('');
        },
      },
    );
  };
  return (
    <section className="panel" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('posts.lifecycle')}</h2>
      {canEdit && post.allowedTransitions.length > 0 && (
        <form className="form" onSubmit={onSubmit} noValidate>
          <Alert>{errors.general}</Alert>
          <Field label={t('posts.newStatus')} error={errors.field('to')}>
            {(p) => (
              <select {...p} value={to} onChange={(e) => setTo(e.target.value as PostStatus)}>
                <option value="">{t('common.choose')}</option>
                {post.allowedTransitions.map((s) => (
                  <option key={s} value={s}>
                    {t(`posts.statuses.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('posts.effectiveOn')} error={errors.field('effectiveOn')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={effectiveOn}
                onChange={(e) => setEffectiveOn(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('posts.reason')} error={errors.field('reason')}>
            {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={!to || change.isPending}>
              {t('posts.changeStatus')}
            </button>
          </div>
        </form>
      )}
      <h3>{t('posts.history')}</h3>
      <ol className="posts-history">
        {[...post.history].reverse().map((h) => (
          <li key={h.id}>
            <strong>
              {h.fromStatus ? `${t(`posts.statuses.${h.fromStatus}`)} → ` : ''}
              {t(`posts.statuses.${h.toStatus}`)}
            </strong>{' '}
            <span className="muted small">
              {f.date(h.effectiveOn)} · {h.actorEmail ?? t('posts.system')}
            </span>
            <div className="small">{h.reason}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
