import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  VACANCY_CHANNELS,
  checkAdvertText,
  type CriterionInput,
  type VacancyChannel,
} from '@begegnung/domain';
import { api } from '../../../lib/api-client.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { ErrorMessage, Field, Loading, PageHeader } from '../../../components/ui.tsx';
import { useCreateVacancy } from '../api/hiring-queries.ts';
import { AdvertWarnings } from './criteria-table.tsx';
import { CriteriaEditor } from './criteria-editor.tsx';
import { queryRoots } from '../../../lib/query-keys.ts';

interface PostOption {
  id: number;
  code: string;
  title: string;
}

/** Template: the motion's requirement profile (SPD/0235/18); HR adapts it before publishing. */
export function motionCriteria(t: (k: string) => string): CriterionInput[] {
  return [
    {
      kind: 'required',
      label: t('hiring.template.degree'),
      evidenceType: 'certificate',
      weight: 5,
      scale: t('hiring.template.scaleMet'),
      groupKey: 'qualifikation',
      rank: 1,
    },
    {
      kind: 'required',
      label: t('hiring.template.experience'),
      evidenceType: 'employment_record',
      weight: 4,
      scale: t('hiring.template.scaleYears'),
      groupKey: 'qualifikation',
      rank: 2,
    },
    {
      kind: 'preferred',
      label: t('hiring.template.community'),
      evidenceType: 'cv',
      weight: 3,
      scale: '1–5',
    },
    {
      kind: 'desirable',
      label: t('hiring.template.languages'),
      evidenceType: 'language_certificate',
      weight: 2,
      scale: t('hiring.template.scaleCefr'),
    },
    {
      kind: 'desirable',
      label: t('hiring.template.intercultural'),
      evidenceType: 'interview',
      weight: 2,
      scale: '1–5',
    },
  ];
}

export function VacancyCreate() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const posts = useQuery({
    queryKey: [...queryRoots.hiring, 'posts'],
    queryFn: () => api.get<PostOption[]>('/posts'),
  });
  const create = useCreateVacancy();
  const errors = useFormErrors(create.error);
  const [title, setTitle] = useState('');
  const [advertText, setAdvertText] = useState(t('hiring.template.advert'));
  const [channel, setChannel] = useState<VacancyChannel>('city_website');
  const [deadline, setDeadline] = useState('');
  const [internalOnly, setInternalOnly] = useState(false);
  const [encouragementLine, setEncouragementLine] = useState(true);
  const [postIds, setPostIds] = useState<number[]>([]);
  const [criteria, setCriteria] = useState(() => motionCriteria(t));
  const warnings = checkAdvertText(advertText);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { title, advertText, channel, deadline, internalOnly, encouragementLine, postIds, criteria },
      { onSuccess: (v) => void navigate(`/vacancies/${v.id}`) },
    );
  };

  return (
    <>
      <p className="breadcrumb">
        <Link to="/vacancies">← {t('hiring.vacancies.title')}</Link>
      </p>
      <PageHeader title={t('hiring.form.title')} subtitle={t('hiring.form.subtitle')} />
      <form className="form hiring-form" onSubmit={onSubmit} noValidate>
        <ErrorMessage error={create.error} />
        <Field label={t('hiring.form.titleLabel')} error={errors.field('title')}>
          {(p) => (
            <input {...p} value={title} onChange={(e) => setTitle(e.target.value)} required />
          )}
        </Field>
        <fieldset className="fieldset">
          <legend>{t('hiring.form.posts')}</legend>
          {posts.isPending && <Loading />}
          <div className="checkbox-grid">
            {posts.data?.map((p) => (
              <label key={p.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={postIds.includes(p.id)}
                  onChange={(e) =>
                    setPostIds(
                      e.target.checked ? [...postIds, p.id] : postIds.filter((x) => x !== p.id),
                    )
                  }
                />
                <span>
                  <span className="code-tag">{p.code}</span> {p.title}
                </span>
              </label>
            ))}
          </div>
          {errors.field('postIds') && <p className="field-error">{errors.field('postIds')}</p>}
        </fieldset>
        <div className="form-grid">
          <Field label={t('hiring.form.channel')}>
            {(p) => (
              <select
                {...p}
                value={channel}
                onChange={(e) => setChannel(e.target.value as VacancyChannel)}
              >
                {VACANCY_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`hiring.channels.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('hiring.form.deadline')} error={errors.field('deadline')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={deadline}
                onChange={(e) => setDeadline(e.target.value)}
                required
              />
            )}
          </Field>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={internalOnly}
            onChange={(e) => setInternalOnly(e.target.checked)}
          />
          <span>{t('hiring.form.internalOnly')}</span>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={encouragementLine}
            onChange={(e) => setEncouragementLine(e.target.checked)}
          />
          <span>{t('hiring.form.encouragement')}</span>
        </label>
        <Field
          label={t('hiring.form.advert')}
          hint={t('hiring.form.advertHint')}
          error={errors.field('advertText')}
        >
          {(p) => (
            <textarea
              {...p}
              rows={10}
              value={advertText}
              onChange={(e) => setAdvertText(e.target.value)}
            />
          )}
        </Field>
        <AdvertWarnings warnings={warnings} />
        <section className="panel" aria-labelledby="criteria-heading">
          <h2 id="criteria-heading">{t('hiring.criteria.title')}</h2>
          <p className="muted">{t('hiring.form.criteriaHint')}</p>
          <CriteriaEditor value={criteria} onChange={setCriteria} />
        </section>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {t('hiring.form.save')}
          </button>
          <Link to="/vacancies" className="btn">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
