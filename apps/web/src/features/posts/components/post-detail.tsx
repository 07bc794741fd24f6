import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MILLI, hasRole, parseFixed, type Post, type PostStatus } from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import {
  Alert,
  Badge,
  ErrorMessage,
  Field,
  Loading,
  Notice,
  PageHeader,
} from '../../../components/ui.tsx';
import {
  postQueries,
  useAddAssignment,
  useChangeStatus,
  useDeleteAssignment,
  useSetAllocations,
} from '../api/post-queries.ts';
import { PostForm } from './post-form.tsx';
import { toApiDecimal, useFormat } from '../../../lib/format.ts';

export function PostDetail() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const post = useQuery(postQueries.detail(id));
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const isAdmin = hasRole(user, 'admin');

  if (post.isPending) return <Loading />;
  if (post.error) return <ErrorMessage error={post.error} onRetry={() => void post.refetch()} />;
  const p = post.data;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/posts">← {t('posts.title')}</Link>
      </p>
      <PageHeader
        title={p.title}
        subtitle={
          <>
            <span className="code-tag">{p.code}</span>{' '}
            <Badge>{t(`posts.statuses.${p.status}`)}</Badge>{' '}
            {p.kw && <Badge tone="accent">{t('posts.kwShort')}</Badge>}
          </>
        }
        actions={
          isAdmin &&
          !editing && (
            <button type="button" className="btn" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </button>
          )
        }
      />
      {editing ? (
        <PostForm post={p} onDone={() => setEditing(false)} />
      ) : (
        <dl className="detail-list">
          <dt>{t('posts.roleType')}</dt>
          <dd>{t(`posts.roleTypes.${p.roleType}`)}</dd>
          <dt>{t('posts.fteLabel')}</dt>
          <dd>{f.fte(p.fte)}</dd>
          <dt>{t('posts.payGroupLabel')}</dt>
          <dd>{p.payGroup}</dd>
          <dt>{t('posts.employer')}</dt>
          <dd>
            {t(`posts.employers.${p.employer}`)}
            {p.operatorName && ` – ${p.operatorName}`}
          </dd>
          <dt>{t('posts.fundingMode')}</dt>
          <dd>{t(`posts.fundingModes.${p.fundingMode}`)}</dd>
          <dt>{t('posts.budgetYears')}</dt>
          <dd>
            {p.budgetYearFrom}–{p.budgetYearTo ?? t('posts.openEnded')}
          </dd>
          <dt>{t('posts.fixedTermEnd')}</dt>
          <dd>{p.fixedTermEnd ? f.date(p.fixedTermEnd) : t('posts.permanent')}</dd>
          {p.notes && (
            <>
              <dt>{t('posts.notes')}</dt>
              <dd>{p.notes}</dd>
            </>
          )}
        </dl>
      )}
      <div className="posts-columns">
        <AllocationPanel post={p} canEdit={isAdmin} />
        <StatusPanel post={p} canEdit={isAdmin} />
      </div>
      <AssignmentPanel post={p} canEdit={isAdmin} />
    </>
  );
}

function StatusPanel({ post, canEdit }: { post: Post; canEdit: boolean }) {
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

interface Row {
  centreId: number | '';
  share: string;
}

function AllocationPanel({ post, canEdit }: { post: Post; canEdit: boolean }) {
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

function AssignmentPanel({ post, canEdit }: { post: Post; canEdit: boolean }) {
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
