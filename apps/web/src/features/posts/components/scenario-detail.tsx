import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SCENARIO_STATUSES, hasRole, type Scenario, type ScenarioStatus } from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import {
  Alert,
  Badge,
  ConfirmDialog,
  ErrorMessage,
  Field,
  Loading,
  Notice,
  PageHeader,
} from '../../../components/ui.tsx';
import {
  postQueries,
  scenarioQueries,
  useDeleteScenario,
  useSetLines,
  useUpdateScenario,
} from '../api/post-queries.ts';
import { toApiDecimal, useFormat } from '../../../lib/format.ts';

export function ScenarioDetail() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const scenario = useQuery(scenarioQueries.detail(id));
  const f = useFormat();
  if (scenario.isPending) return <Loading />;
  if (scenario.error)
    return <ErrorMessage error={scenario.error} onRetry={() => void scenario.refetch()} />;
  const s = scenario.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/scenarios">← {t('scenarios.title')}</Link>
      </p>
      <PageHeader
        title={s.name}
        subtitle={
          <>
            <Badge>{t(`scenarios.statuses.${s.status}`)}</Badge> {s.sourceRef}
          </>
        }
        actions={
          <Link className="btn" to={`/comparison?ids=${s.id}`}>
            {t('scenarios.compare')}
          </Link>
        }
      />
      {s.description && <p>{s.description}</p>}
      {s.seeded && <p className="alert alert-info">{t('scenarios.seededNote')}</p>}
      <p>
        <strong>
          {t('scenarios.total')}: {f.fte(s.totalFte)} {t('posts.fteUnit')}
        </strong>
      </p>
      <LinesEditor key={s.lines.map((l) => `${l.postId}:${l.fte}`).join()} scenario={s} />
      <ScenarioAdmin scenario={s} />
    </>
  );
}

interface Line {
  postId: number | '';
  fte: string;
}

function LinesEditor({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const f = useFormat();
  const posts = useQuery({ ...postQueries.list(), enabled: scenario.canEdit });
  const save = useSetLines(scenario.id);
  const errors = useFormErrors(save.error);
  const [lines, setLines] = useState<Line[]>(
    scenario.lines.map((l) => ({ postId: l.postId, fte: l.fte.replace('.', ',') })),
  );
  const setLine = (i: number, patch: Partial<Line>) =>
    setLines(lines.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  if (!scenario.canEdit) {
    return (
      <div className="table-wrap">
        <table className="table table-stack">
          <thead>
            <tr>
              <th scope="col">{t('posts.post')}</th>
              <th scope="col">{t('scenarios.fteHere')}</th>
              <th scope="col">{t('posts.allocation')}</th>
            </tr>
          </thead>
          <tbody>
            {scenario.lines.map((l) => (
              <tr key={l.postId}>
                <td data-label={t('posts.post')}>
                  <span className="code-tag">{l.postCode}</span> {l.postTitle}
                </td>
                <td data-label={t('scenarios.fteHere')}>{f.fte(l.fte)}</td>
                <td data-label={t('posts.allocation')}>
                  {l.allocations.map((a) => `${a.centreCode} ${f.fte(a.share)}`).join(', ') || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {scenario.lines.length === 0 && <p className="muted">{t('scenarios.noLines')}</p>}
      </div>
    );
  }
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      lines: lines.map((l) => ({ postId: Number(l.postId) || 0, fte: toApiDecimal(l.fte) })),
    });
  };
  return (
    <section className="panel" aria-labelledby="lines-heading">
      <h2 id="lines-heading">{t('scenarios.lines')}</h2>
      <p className="small muted">{t('scenarios.linesHint')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <Alert>{errors.general}</Alert>
        {save.isSuccess && <Notice tone="success">{t('common.saved')}</Notice>}
        {lines.map((l, i) => (
          <div className="posts-alloc-row" key={i}>
            <Field label={t('posts.post')} error={errors.field(`lines.${i}.postId`)}>
              {(p) => (
                <select
                  {...p}
                  value={l.postId}
                  onChange={(e) => {
                    const post = posts.data?.find((x) => x.id === Number(e.target.value));
                    setLine(i, {
                      postId: post?.id ?? '',
                      fte: post ? post.fte.replace('.', ',') : l.fte,
                    });
                  }}
                >
                  <option value="">{t('common.choose')}</option>
                  {posts.data?.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.code} – {p.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label={t('scenarios.fteHere')} error={errors.field(`lines.${i}.fte`)}>
              {(p) => (
                <input
                  {...p}
                  inputMode="decimal"
                  value={l.fte}
                  onChange={(e) => setLine(i, { fte: e.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-label={t('posts.removeRow')}
              onClick={() => setLines(lines.filter((_, k) => k !== i))}
            >
              ✕
            </button>
          </div>
        ))}
        <div className="form-actions">
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setLines([...lines, { postId: '', fte: '' }])}
          >
            {t('scenarios.addLine')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {t('scenarios.saveLines')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ScenarioAdmin({ scenario }: { scenario: Scenario }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const update = useUpdateScenario(scenario.id);
  const del = useDeleteScenario(scenario.id);
  const errors = useFormErrors(update.error);
  const [status, setStatus] = useState<ScenarioStatus>(scenario.status);
  const [confirm, setConfirm] = useState(false);
  if (!scenario.canEdit) return null;
  const isAdmin = hasRole(user, 'admin');
  return (
    <section className="panel">
      {isAdmin && (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ status });
          }}
        >
          <Field label={t('scenarios.status')} error={errors.field('status') ?? errors.general}>
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
          <div className="form-actions">
            <button type="submit" className="btn" disabled={update.isPending}>
              {t('scenarios.saveStatus')}
            </button>
          </div>
        </form>
      )}
      {!scenario.seeded && (
        <button type="button" className="btn btn-danger-outline" onClick={() => setConfirm(true)}>
          {t('common.delete')}
        </button>
      )}
      <ErrorMessage error={del.error} />
      <ConfirmDialog
        open={confirm}
        danger
        title={t('scenarios.deleteTitle', { name: scenario.name })}
        body={t('scenarios.deleteBody')}
        confirmLabel={t('common.delete')}
        busy={del.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() =>
          del.mutate(undefined, {
            onSuccess: () => navigate('/scenarios'),
            onSettled: () => setConfirm(false),
          })
        }
      />
    </section>
  );
}
