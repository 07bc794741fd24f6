import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  EMPLOYERS,
  FUNDING_MODES,
  ROLE_TYPES,
  type CreatePostBody,
  type Employer,
  type FundingMode,
  type Post,
  type RoleType,
  PAY_GROUPS,
  PAY_GROUP_CODES,
} from '@begegnung/domain';
import { operatorQueries } from '../../../lib/reference-data.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, Field, PageHeader } from '../../../components/ui.tsx';
import { useCreatePost, useUpdatePost } from '../api/post-queries.ts';
import { toApiDecimal } from '../../../lib/format.ts';

interface Draft {
  code: string;
  title: string;
  roleType: RoleType;
  fte: string;
  payGroup: string;
  employer: Employer;
  operatorId: number | '';
  fundingMode: FundingMode;
  budgetYearFrom: string;
  budgetYearTo: string;
  fixedTermEnd: string;
  kw: boolean;
  notes: string;
}

const empty: Draft = {
  code: '',
  title: '',
  roleType: 'centre_integration',
  fte: '0,5',
  payGroup: 'S 11b',
  employer: 'city',
  operatorId: '',
  fundingMode: 'establishment_plan',
  budgetYearFrom: String(new Date().getFullYear()),
  budgetYearTo: '',
  fixedTermEnd: '',
  kw: false,
  notes: '',
};

const fromPost = (p: Post): Draft => ({
  code: p.code,
  title: p.title,
  roleType: p.roleType,
  fte: p.fte.replace('.', ','),
  payGroup: p.payGroup,
  employer: p.employer,
  operatorId: p.operatorId ?? '',
  fundingMode: p.fundingMode,
  budgetYearFrom: String(p.budgetYearFrom),
  budgetYearTo: p.budgetYearTo ? String(p.budgetYearTo) : '',
  fixedTermEnd: p.fixedTermEnd ?? '',
  kw: p.kw,
  notes: p.notes,
});

/** Create (no `post`) or edit a post. Keeps the input when the server refuses it. */
export function PostForm({ post, onDone }: { post?: Post; onDone?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const operators = useQuery(operatorQueries.list());
  const create = useCreatePost();
  const update = useUpdatePost(post?.id ?? 0);
  const mutation = post ? update : create;
  const errors = useFormErrors(mutation.error);
  const [draft, setDraft] = useState<Draft>(post ? fromPost(post) : empty);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const body: CreatePostBody = {
      code: draft.code.trim(),
      title: draft.title.trim(),
      roleType: draft.roleType,
      fte: toApiDecimal(draft.fte),
      payGroup: draft.payGroup.trim(),
      employer: draft.employer,
      operatorId:
        draft.employer === 'operator' && draft.operatorId !== '' ? draft.operatorId : null,
      fundingMode: draft.fundingMode,
      budgetYearFrom: Number(draft.budgetYearFrom) || 0,
      budgetYearTo: draft.budgetYearTo ? Number(draft.budgetYearTo) : null,
      fixedTermEnd: draft.fixedTermEnd || null,
      kw: draft.kw,
      notes: draft.notes,
    };
    if (post) update.mutate(body, { onSuccess: () => onDone?.() });
    else create.mutate(body, { onSuccess: (p) => navigate(`/posts/${p.id}`) });
  };

  return (
    <>
      {!post && <PageHeader title={t('posts.new')} subtitle={t('posts.newHint')} />}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Alert>{errors.general}</Alert>
        <div className="form-grid">
          <Field label={t('posts.code')} hint={t('posts.codeHint')} error={errors.field('code')}>
            {(p) => (
              <input {...p} value={draft.code} onChange={(e) => set('code', e.target.value)} />
            )}
          </Field>
          <Field label={t('posts.titleLabel')} error={errors.field('title')}>
            {(p) => (
              <input {...p} value={draft.title} onChange={(e) => set('title', e.target.value)} />
            )}
          </Field>
          <Field label={t('posts.roleType')} error={errors.field('roleType')}>
            {(p) => (
              <select
                {...p}
                value={draft.roleType}
                onChange={(e) => set('roleType', e.target.value as RoleType)}
              >
                {ROLE_TYPES.map((r) => (
                  <option key={r} value={r}>
                    {t(`posts.roleTypes.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('posts.fteLabel')} hint={t('posts.fteHint')} error={errors.field('fte')}>
            {(p) => (
              <input
                {...p}
                inputMode="decimal"
                value={draft.fte}
                onChange={(e) => set('fte', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('posts.payGroupLabel')} error={errors.field('payGroup')}>
            {(p) => (
              <select
                {...p}
                value={draft.payGroup}
                onChange={(e) => set('payGroup', e.target.value)}
              >
                {!PAY_GROUP_CODES.includes(draft.payGroup) && (
                  <option value={draft.payGroup}>{draft.payGroup || '—'}</option>
                )}
                {PAY_GROUPS.map((g) => (
                  <option key={g.code} value={g.code}>
                    {g.code}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('posts.fundingMode')} error={errors.field('fundingMode')}>
            {(p) => (
              <select
                {...p}
                value={draft.fundingMode}
                onChange={(e) => set('fundingMode', e.target.value as FundingMode)}
              >
                {FUNDING_MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(`posts.fundingModes.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('posts.employer')} error={errors.field('employer')}>
            {(p) => (
              <select
                {...p}
                value={draft.employer}
                onChange={(e) => set('employer', e.target.value as Employer)}
              >
                {EMPLOYERS.map((m) => (
                  <option key={m} value={m}>
                    {t(`posts.employers.${m}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {draft.employer === 'operator' && (
            <Field label={t('posts.operator')} error={errors.field('operatorId')}>
              {(p) => (
                <select
                  {...p}
                  value={draft.operatorId}
                  onChange={(e) => set('operatorId', e.target.value ? Number(e.target.value) : '')}
                >
                  <option value="">{t('common.choose')}</option>
                  {operators.data?.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label={t('posts.budgetYearFrom')} error={errors.field('budgetYearFrom')}>
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={draft.budgetYearFrom}
                onChange={(e) => set('budgetYearFrom', e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('posts.budgetYearTo')}
            hint={t('posts.budgetYearToHint')}
            error={errors.field('budgetYearTo')}
          >
            {(p) => (
              <input
                {...p}
                inputMode="numeric"
                value={draft.budgetYearTo}
                onChange={(e) => set('budgetYearTo', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('posts.fixedTermEnd')} error={errors.field('fixedTermEnd')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={draft.fixedTermEnd}
                onChange={(e) => set('fixedTermEnd', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('posts.notes')} error={errors.field('notes')}>
            {(p) => (
              <textarea
                {...p}
                rows={2}
                value={draft.notes}
                onChange={(e) => set('notes', e.target.value)}
              />
            )}
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={draft.kw} onChange={(e) => set('kw', e.target.checked)} />
          {t('posts.kwLabel')}
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('common.saving') : post ? t('common.save') : t('posts.create')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => (onDone ? onDone() : navigate('/posts'))}
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </>
  );
}
