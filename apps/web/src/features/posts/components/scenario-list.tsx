import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SCENARIO_STATUSES, hasRole, type ScenarioStatus } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { Alert, Badge, ErrorMessage, Field, PageHeader } from '../../../components/ui.tsx';
import { scenarioQueries, useCopyScenario, useCreateScenario } from '../api/post-queries.ts';
import { useFormat } from '../../../lib/format.ts';
import { PageState } from '../../../components/page-state.tsx';

export function ScenarioList() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const list = useQuery(scenarioQueries.list());
  const copy = useCopyScenario();
  const f = useFormat();
  return (
    <>
      <PageHeader
        title={t('scenarios.title')}
        subtitle={t('scenarios.subtitle')}
        actions={
          <Link className="btn btn-primary" to="/comparison">
            {t('scenarios.compare')}
          </Link>
        }
      />
      <ErrorMessage error={copy.error} />
      <PageState query={list} isEmpty={(data) => data.length === 0} empty={t('scenarios.empty')}>
        {(data) => (
          <ul className="card-grid">
            {data.map((s) => (
              <li key={s.id} className="card">
                <div className="card-head">
                  <Badge tone={s.status === 'draft' ? 'accent' : 'neutral'}>
                    {t(`scenarios.statuses.${s.status}`)}
                  </Badge>
                  {s.copiedFromId && <Badge tone="muted">{t('scenarios.whatIf')}</Badge>}
                </div>
                <h2 className="card-title">
                  <Link to={`/scenarios/${s.id}`}>{s.name}</Link>
                </h2>
                <p className="card-meta">{s.sourceRef || '—'}</p>
                <p className="card-meta">
                  <strong>
                    {f.fte(s.totalFte)} {t('posts.fteUnit')}
                  </strong>{' '}
                  · {t('scenarios.lineCount', { count: s.lines.length })}
                </p>
                <div className="form-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    disabled={copy.isPending}
                    onClick={() =>
                      copy.mutate(s.id, { onSuccess: (c) => navigate(`/scenarios/${c.id}`) })
                    }
                  >
                    {t('scenarios.copy')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </PageState>
      <NewScenario isAdmin={hasRole(user, 'admin')} />
    </>
  );
}

function NewScenario({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateScenario();
  const errors = useFormErrors(create.error);
  const [name, setName] = useState('');
  const [sourceRef, setSourceRef] = useState('');
  const [status, setStatus] = useState<ScenarioStatus>('draft');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, sourceRef, status },
      { onSuccess: (s) => navigate(`/scenarios/${s.id}`) },
    );
  };
  return (
    <section className="panel" aria-labelledby="new-scenario">
      <h2 id="new-scenario">{t('scenarios.new')}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        <Alert>{errors.general}</Alert>
        <div className="form-grid">
          <Field label={t('scenarios.name')} error={errors.field('name')}>
            {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t('scenarios.sourceRef')} error={errors.field('sourceRef')}>
            {(p) => (
              <input {...p} value={sourceRef} onChange={(e) => setSourceRef(e.target.value)} />
            )}
          </Field>
          {isAdmin && (
            <Field label={t('scenarios.status')} error={errors.field('status')}>
              {(p) => (
                <select
                  {...p}
                  value={status}
                  onChange={(e) => setStatus(e.target.value as ScenarioStatus)}
                >
                  {SCENARIO_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`scenarios.statuses.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {t('scenarios.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
