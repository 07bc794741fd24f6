import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  PARTICIPATION_BODIES,
  PARTICIPATION_RESPONSES,
  hasRole,
  type CriterionInput,
  type ParticipationBody,
  type ParticipationResponse,
  type Vacancy,
  type VacancyStatus,
} from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormat } from '../../../lib/format.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import {
  Badge,
  ConfirmDialog,
  EmptyState,
  ErrorMessage,
  Field,
  Loading,
  PageHeader,
} from '../../../components/ui.tsx';
import {
  hiringQueries,
  selectionMarkdownUrl,
  selectionPdfUrl,
  useAddParticipation,
  useCreateApplication,
  useDecision,
  useNewCriteriaVersion,
  useReplaceCriteria,
  useSetMembers,
  useVacancyStatus,
} from '../api/hiring-queries.ts';
import { AdvertWarnings, CriteriaTable } from './criteria-table.tsx';
import { CriteriaEditor } from './criteria-editor.tsx';
import { applicationTone, vacancyTone } from './labels.ts';

export function VacancyDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const vacancy = useQuery(hiringQueries.vacancy(id));
  if (vacancy.isPending) return <Loading />;
  if (vacancy.error)
    return <ErrorMessage error={vacancy.error} onRetry={() => void vacancy.refetch()} />;
  const v = vacancy.data;
  const isAdmin = hasRole(user, 'admin');
  const isOversight = v.members.some((m) => m.userId === user?.id && m.kind === 'oversight');
  const set = v.criteriaSet;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/vacancies">← {t('hiring.vacancies.title')}</Link>
      </p>
      <PageHeader
        title={v.title}
        subtitle={
          <>
            <Badge tone={vacancyTone(v.status)}>{t(`hiring.vacancyStatus.${v.status}`)}</Badge>{' '}
            <Badge tone="accent">
              {set.frozenAt
                ? t('hiring.criteria.versionFrozen', {
                    version: set.version,
                    date: f.date(set.frozenAt),
                  })
                : t('hiring.criteria.versionDraft', { version: set.version })}
            </Badge>{' '}
            {v.postCodes.map((c) => (
              <span key={c} className="code-tag">
                {c}
              </span>
            ))}
          </>
        }
        actions={isAdmin && <StatusActions vacancy={v} />}
      />
      {v.status === 'aborted' && v.abortReason && (
        <p className="alert alert-warning">
          {t('hiring.detail.aborted', { reason: v.abortReason })}
        </p>
      )}
      {v.versions.length > 1 && v.status === 'draft' && (
        <p className="alert alert-warning">
          {t('hiring.detail.readvertise', { version: set.version, reason: set.reason })}
        </p>
      )}
      <dl className="detail-list">
        <dt>{t('hiring.form.channel')}</dt>
        <dd>
          {t(`hiring.channels.${v.channel}`)}
          {v.internalOnly && <> · {t('hiring.detail.internalOnly')}</>}
        </dd>
        <dt>{t('hiring.detail.published')}</dt>
        <dd>{f.date(v.publishedOn)}</dd>
        <dt>{t('hiring.form.deadline')}</dt>
        <dd>{f.date(v.deadline)}</dd>
      </dl>
      <ApplicationsPanel
        vacancy={v}
        canAdd={isAdmin}
        canOpen={isAdmin || v.members.some((m) => m.userId === user?.id && m.kind === 'panel')}
      />
      <div className="hiring-columns">
        <PanelMembers vacancy={v} canEdit={isAdmin} />
        <ParticipationPanel
          vacancy={v}
          canRecord={isAdmin || isOversight}
          ownBody={
            v.members.find((m) => m.userId === user?.id && m.kind === 'oversight')?.body ?? null
          }
        />
      </div>
      {(isAdmin || isOversight) && <SelectionPanel vacancy={v} canDecide={isAdmin} />}
      <details className="panel hiring-advert">
        <summary>{t('hiring.detail.advertAndCriteria')}</summary>
        <p className="hiring-advert-text">{v.advertText}</p>
        {isAdmin && <AdvertWarnings warnings={v.advertWarnings} live={false} />}
        <h3>{t('hiring.criteria.title')}</h3>
        <CriteriaTable criteria={set.criteria} />
        {isAdmin && (v.status === 'draft' || v.status === 'published') && (
          <CriteriaChange vacancy={v} />
        )}
        {v.versions.length > 1 && (
          <ul className="hiring-versions small">
            {v.versions.map((x) => (
              <li key={x.id}>
                {t('hiring.criteria.versionShort', { version: x.version })}: {x.reason}
                {x.frozenAt && (
                  <> · {t('hiring.criteria.frozenOn', { date: f.date(x.frozenAt) })}</>
                )}
              </li>
            ))}
          </ul>
        )}
      </details>
    </>
  );
}

function StatusActions({ vacancy }: { vacancy: Vacancy }) {
  const { t } = useTranslation();
  const change = useVacancyStatus(vacancy.id);
  const [to, setTo] = useState<VacancyStatus | null>(null);
  const [reason, setReason] = useState('');
  const errors = useFormErrors(change.error);
  if (vacancy.allowedTransitions.length === 0) return null;
  return (
    <>
      {vacancy.allowedTransitions.map((s) => (
        <button
          key={s}
          type="button"
          className={`btn ${s === 'aborted' ? 'btn-danger-outline' : 'btn-primary'}`}
          onClick={() => {
            change.reset();
            setTo(s);
          }}
        >
          {t(`hiring.actions.${s}`)}
        </button>
      ))}
      <ConfirmDialog
        open={to !== null}
        title={to ? t(`hiring.actions.${to}`) : ''}
        body={
          <>
            <p>{to && t(`hiring.actions.${to}Explain`)}</p>
            {to === 'aborted' && (
              <Field label={t('hiring.actions.abortReason')} error={errors.field('reason')}>
                {(p) => (
                  <textarea
                    {...p}
                    rows={3}
                    value={reason}
                    onChange={(e) => setReason(e.target.value)}
                  />
                )}
              </Field>
            )}
            {errors.general && !errors.field('reason') && (
              <p className="field-error">{errors.general}</p>
            )}
          </>
        }
        confirmLabel={to ? t(`hiring.actions.${to}`) : ''}
        danger={to === 'aborted'}
        busy={change.isPending}
        onCancel={() => setTo(null)}
        onConfirm={() =>
          to &&
          change.mutate(
            { to, ...(to === 'aborted' && { reason }) },
            { onSuccess: () => setTo(null) },
          )
        }
      />
    </>
  );
}

function ApplicationsPanel({
  vacancy,
  canAdd,
  canOpen,
}: {
  vacancy: Vacancy;
  canAdd: boolean;
  canOpen: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const apps = useQuery(hiringQueries.applications(vacancy.id));
  const [adding, setAdding] = useState(false);
  return (
    <section className="panel" aria-labelledby="apps-heading">
      <div className="card-head">
        <h2 id="apps-heading">{t('hiring.applications.title')}</h2>
        {canAdd && (vacancy.status === 'published' || vacancy.status === 'closed') && !adding && (
          <button type="button" className="btn btn-small" onClick={() => setAdding(true)}>
            {t('hiring.applications.add')}
          </button>
        )}
      </div>
      <p className="muted small">{t('hiring.applications.suggestNote')}</p>
      {adding && <ApplicationForm vacancyId={vacancy.id} onDone={() => setAdding(false)} />}
      {apps.isPending && <Loading />}
      <ErrorMessage error={apps.error} onRetry={() => void apps.refetch()} />
      {apps.data?.length === 0 && <EmptyState title={t('hiring.applications.empty')} />}
      {apps.data && apps.data.length > 0 && (
        <div className="table-wrap">
          <table className="table table-stack hiring-table">
            <thead>
              <tr>
                <th scope="col">{t('hiring.applications.name')}</th>
                <th scope="col">{t('hiring.applications.status')}</th>
                <th scope="col">{t('hiring.applications.suggestion')}</th>
                <th scope="col">{t('hiring.applications.cards')}</th>
                <th scope="col">{t('hiring.applications.received')}</th>
              </tr>
            </thead>
            <tbody>
              {apps.data.map((a) => (
                <tr key={a.id}>
                  <td data-label={t('hiring.applications.name')}>
                    {canOpen ? (
                      <Link
                        to={`/vacancies/${vacancy.id}/applications/${a.id}`}
                        className="strong-link"
                      >
                        {a.displayName}
                      </Link>
                    ) : (
                      a.displayName
                    )}
                    {a.mustInvite && (
                      <div>
                        <span className="hiring-must-invite">{t('hiring.mustInvite')}</span>
                      </div>
                    )}
                  </td>
                  <td data-label={t('hiring.applications.status')}>
                    <Badge tone={applicationTone(a.status)}>
                      {t(`hiring.applicationStatus.${a.status}`)}
                    </Badge>
                  </td>
                  <td data-label={t('hiring.applications.suggestion')}>
                    <span className={`hiring-suggestion hiring-suggestion-${a.suggestion}`}>
                      {t(`hiring.suggestion.${a.suggestion}`)}
                    </span>
                  </td>
                  <td data-label={t('hiring.applications.cards')}>{a.scorecardsSubmitted}</td>
                  <td data-label={t('hiring.applications.received')} className="nowrap">
                    {f.date(a.receivedOn)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ApplicationForm({ vacancyId, onDone }: { vacancyId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApplication(vacancyId);
  const errors = useFormErrors(create.error);
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [receivedOn, setReceivedOn] = useState(new Date().toISOString().slice(0, 10));
  const [severelyDisabled, setSeverelyDisabled] = useState(false);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { firstName, lastName, email, receivedOn, severelyDisabled, ...(phone && { phone }) },
      { onSuccess: onDone },
    );
  };
  return (
    <form
      className="form form-inline-card"
      onSubmit={onSubmit}
      noValidate
      aria-label={t('hiring.applications.add')}
    >
      <ErrorMessage error={create.error} />
      <div className="form-grid">
        <Field label={t('hiring.applications.firstName')} error={errors.field('firstName')}>
          {(p) => <input {...p} value={firstName} onChange={(e) => setFirstName(e.target.value)} />}
        </Field>
        <Field label={t('hiring.applications.lastName')} error={errors.field('lastName')}>
          {(p) => <input {...p} value={lastName} onChange={(e) => setLastName(e.target.value)} />}
        </Field>
        <Field label={t('hiring.applications.email')} error={errors.field('email')}>
          {(p) => (
            <input {...p} type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          )}
        </Field>
        <Field label={t('hiring.applications.phone')}>
          {(p) => <input {...p} value={phone} onChange={(e) => setPhone(e.target.value)} />}
        </Field>
        <Field label={t('hiring.applications.received')} error={errors.field('receivedOn')}>
          {(p) => (
            <input
              {...p}
              type="date"
              value={receivedOn}
              onChange={(e) => setReceivedOn(e.target.value)}
            />
          )}
        </Field>
      </div>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={severelyDisabled}
          onChange={(e) => setSeverelyDisabled(e.target.checked)}
        />
        <span>{t('hiring.applications.severelyDisabled')}</span>
      </label>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('hiring.applications.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function PanelMembers({ vacancy, canEdit }: { vacancy: Vacancy; canEdit: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const panel = vacancy.members.filter((m) => m.kind === 'panel');
  const oversight = vacancy.members.filter((m) => m.kind === 'oversight');
  return (
    <section className="panel" aria-labelledby="panel-heading">
      <div className="card-head">
        <h2 id="panel-heading">{t('hiring.panel.title')}</h2>
        {canEdit && !editing && (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
        )}
      </div>
      {editing ? (
        <MembersForm vacancy={vacancy} onDone={() => setEditing(false)} />
      ) : (
        <>
          {panel.length === 0 && <p className="muted">{t('hiring.panel.none')}</p>}
          <ul className="hiring-completion">
            {vacancy.completion.map((c) => (
              <li key={c.userId}>
                <span>{c.displayName}</span>
                <span
                  className={
                    c.expected > 0 && c.submitted >= c.expected
                      ? 'hiring-complete'
                      : 'hiring-pending'
                  }
                >
                  {t('hiring.panel.completion', { submitted: c.submitted, expected: c.expected })}
                </span>
              </li>
            ))}
          </ul>
          <h3 className="small">{t('hiring.panel.oversight')}</h3>
          {oversight.length === 0 && <p className="muted">{t('hiring.panel.none')}</p>}
          <ul className="hiring-completion">
            {oversight.map((m) => (
              <li key={m.userId}>
                <span>{m.displayName}</span>
                <span className="muted">{m.body && t(`hiring.bodies.${m.body}`)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function MembersForm({ vacancy, onDone }: { vacancy: Vacancy; onDone: () => void }) {
  const { t } = useTranslation();
  const eligible = useQuery(hiringQueries.eligibleMembers());
  const save = useSetMembers(vacancy.id);
  const [panel, setPanel] = useState(
    vacancy.members.filter((m) => m.kind === 'panel').map((m) => m.userId),
  );
  const [oversight, setOversight] = useState(
    vacancy.members
      .filter((m) => m.kind === 'oversight')
      .map((m) => ({ userId: m.userId, body: m.body ?? 'staff_council' })),
  );
  if (eligible.isPending) return <Loading />;
  const toggle = (ids: number[], id: number, on: boolean) =>
    on ? [...ids, id] : ids.filter((x) => x !== id);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ panel, oversight }, { onSuccess: onDone });
      }}
    >
      <ErrorMessage error={save.error ?? eligible.error} />
      <fieldset className="fieldset">
        <legend>{t('hiring.panel.title')}</legend>
        {eligible.data
          ?.filter((u) => u.roles.includes('panel_member'))
          .map((u) => (
            <label key={u.id} className="checkbox">
              <input
                type="checkbox"
                checked={panel.includes(u.id)}
                onChange={(e) => setPanel(toggle(panel, u.id, e.target.checked))}
              />
              <span>{u.displayName}</span>
            </label>
          ))}
      </fieldset>
      <fieldset className="fieldset">
        <legend>{t('hiring.panel.oversight')}</legend>
        {eligible.data
          ?.filter((u) => u.roles.includes('oversight'))
          .map((u) => {
            const current = oversight.find((o) => o.userId === u.id);
            return (
              <div key={u.id} className="hiring-oversight-row">
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={!!current}
                    onChange={(e) =>
                      setOversight(
                        e.target.checked
                          ? [...oversight, { userId: u.id, body: 'staff_council' }]
                          : oversight.filter((o) => o.userId !== u.id),
                      )
                    }
                  />
                  <span>{u.displayName}</span>
                </label>
                {current && (
                  <select
                    aria-label={t('hiring.participation.body')}
                    value={current.body}
                    onChange={(e) =>
                      setOversight(
                        oversight.map((o) =>
                          o.userId === u.id
                            ? { ...o, body: e.target.value as ParticipationBody }
                            : o,
                        ),
                      )
                    }
                  >
                    {PARTICIPATION_BODIES.map((b) => (
                      <option key={b} value={b}>
                        {t(`hiring.bodies.${b}`)}
                      </option>
                    ))}
                  </select>
                )}
              </div>
            );
          })}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function ParticipationPanel({
  vacancy,
  canRecord,
  ownBody,
}: {
  vacancy: Vacancy;
  canRecord: boolean;
  ownBody: ParticipationBody | null;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const add = useAddParticipation(vacancy.id);
  const errors = useFormErrors(add.error);
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState<ParticipationBody>(ownBody ?? 'staff_council');
  const [requestedOn, setRequestedOn] = useState(new Date().toISOString().slice(0, 10));
  const [response, setResponse] = useState<ParticipationResponse>('pending');
  const [respondedOn, setRespondedOn] = useState('');
  const [notes, setNotes] = useState('');
  return (
    <section className="panel" aria-labelledby="participation-heading">
      <div className="card-head">
        <h2 id="participation-heading">{t('hiring.participation.title')}</h2>
        {canRecord && !open && (
          <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
            {t('hiring.participation.add')}
          </button>
        )}
      </div>
      {vacancy.participations.length === 0 && (
        <p className="muted">{t('hiring.participation.none')}</p>
      )}
      <ul className="hiring-participations">
        {vacancy.participations.map((p) => (
          <li key={p.id}>
            <strong>{t(`hiring.bodies.${p.body}`)}</strong>: {t(`hiring.responses.${p.response}`)}
            <div className="muted small">
              {t('hiring.participation.dates', {
                requested: f.date(p.requestedOn),
                responded: f.date(p.respondedOn),
              })}
            </div>
            {p.notes && <div className="small">{p.notes}</div>}
          </li>
        ))}
      </ul>
      {open && (
        <form
          className="form form-inline-card"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(
              { body, requestedOn, response, respondedOn: respondedOn || null, notes },
              { onSuccess: () => setOpen(false) },
            );
          }}
        >
          <ErrorMessage error={add.error} />
          <Field label={t('hiring.participation.body')}>
            {(p) => (
              <select
                {...p}
                value={body}
                disabled={!!ownBody}
                onChange={(e) => setBody(e.target.value as ParticipationBody)}
              >
                {PARTICIPATION_BODIES.map((b) => (
                  <option key={b} value={b}>
                    {t(`hiring.bodies.${b}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form-grid">
            <Field label={t('hiring.participation.requestedOn')}>
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={requestedOn}
                  onChange={(e) => setRequestedOn(e.target.value)}
                />
              )}
            </Field>
            <Field label={t('hiring.participation.response')}>
              {(p) => (
                <select
                  {...p}
                  value={response}
                  onChange={(e) => setResponse(e.target.value as ParticipationResponse)}
                >
                  {PARTICIPATION_RESPONSES.map((r) => (
                    <option key={r} value={r}>
                      {t(`hiring.responses.${r}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={t('hiring.participation.respondedOn')}
              error={errors.field('respondedOn')}
            >
              {(p) => (
                <input
                  {...p}
                  type="date"
                  value={respondedOn}
                  onChange={(e) => setRespondedOn(e.target.value)}
                />
              )}
            </Field>
          </div>
          <Field label={t('hiring.participation.notes')}>
            {(p) => (
              <textarea {...p} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={add.isPending}>
              {t('common.save')}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function SelectionPanel({ vacancy, canDecide }: { vacancy: Vacancy; canDecide: boolean }) {
  const { t } = useTranslation();
  const record = useQuery(hiringQueries.selection(vacancy.id));
  const decide = useDecision(vacancy.id);
  const errors = useFormErrors(decide.error);
  const [ranks, setRanks] = useState<Record<number, string>>({});
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [confirming, setConfirming] = useState(false);
  const candidates = record.data?.candidates.filter((c) => c.status !== 'withdrawn') ?? [];
  return (
    <section className="panel" aria-labelledby="selection-heading">
      <div className="card-head">
        <h2 id="selection-heading">{t('hiring.selection.title')}</h2>
        <div className="row-actions">
          <a className="btn btn-small" href={selectionPdfUrl(vacancy.id)} download>
            {t('hiring.selection.pdf')}
          </a>
          <a className="btn btn-small" href={selectionMarkdownUrl(vacancy.id)} download>
            {t('hiring.selection.markdown')}
          </a>
        </div>
      </div>
      <p className="muted small">{t('hiring.selection.explain')}</p>
      {record.isPending && <Loading />}
      <ErrorMessage error={record.error} />
      {canDecide && vacancy.status === 'closed' && record.data && (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            setConfirming(true);
          }}
        >
          {errors.general && (
            <div className="alert alert-error" role="alert">
              {errors.general}
            </div>
          )}
          {candidates.map((c) => (
            <fieldset key={c.applicationId} className="fieldset hiring-decision-row">
              <legend>
                {c.displayName}{' '}
                <Badge tone={applicationTone(c.status)}>
                  {t(`hiring.applicationStatus.${c.status}`)}
                </Badge>
              </legend>
              <p className="muted small">
                {t('hiring.selection.summary', {
                  cards: c.scorecardCount,
                  average: c.averageScore?.toLocaleString() ?? '—',
                  suggestion: t(`hiring.suggestion.${c.suggestion}`),
                })}
              </p>
              <div className="form-grid">
                <Field label={t('hiring.selection.rank')}>
                  {(p) => (
                    <input
                      {...p}
                      inputMode="numeric"
                      value={ranks[c.applicationId] ?? ''}
                      onChange={(e) => setRanks({ ...ranks, [c.applicationId]: e.target.value })}
                    />
                  )}
                </Field>
                <Field
                  label={t('hiring.selection.reason')}
                  error={errors.field(`ranking.${c.applicationId}`)}
                >
                  {(p) => (
                    <textarea
                      {...p}
                      rows={2}
                      value={reasons[c.applicationId] ?? ''}
                      onChange={(e) =>
                        setReasons({ ...reasons, [c.applicationId]: e.target.value })
                      }
                    />
                  )}
                </Field>
              </div>
            </fieldset>
          ))}
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              {t('hiring.selection.decide')}
            </button>
          </div>
          <ConfirmDialog
            open={confirming}
            title={t('hiring.selection.decide')}
            body={t('hiring.selection.confirm')}
            confirmLabel={t('hiring.selection.decide')}
            busy={decide.isPending}
            onCancel={() => setConfirming(false)}
            onConfirm={() =>
              decide.mutate(
                {
                  ranking: candidates.map((c) => ({
                    applicationId: c.applicationId,
                    rank: ranks[c.applicationId] ? Number(ranks[c.applicationId]) : null,
                    reason: reasons[c.applicationId] ?? '',
                  })),
                },
                { onSettled: () => setConfirming(false) },
              )
            }
          />
        </form>
      )}
      {record.data && vacancy.status === 'decided' && (
        <ol className="hiring-ranking">
          {record.data.candidates
            .filter((c) => c.reason)
            .map((c) => (
              <li key={c.applicationId}>
                <strong>
                  {c.rank ? `${c.rank}. ` : ''}
                  {c.displayName}
                </strong>
                : {c.reason}
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}

/**
 * A draft's criteria are edited in place; once published they are frozen, and a change is a
 * new version with a reason that sends the advert back to draft (re-advertise or abort).
 */
function CriteriaChange({ vacancy }: { vacancy: Vacancy }) {
  const { t } = useTranslation();
  const frozen = vacancy.criteriaSet.frozenAt !== null;
  const replace = useReplaceCriteria(vacancy.id);
  const version = useNewCriteriaVersion(vacancy.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [criteria, setCriteria] = useState<CriterionInput[]>(() =>
    vacancy.criteriaSet.criteria.map(({ id: _id, ...c }) => c),
  );
  const mutation = frozen ? version : replace;
  const errors = useFormErrors(mutation.error);
  if (!open)
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        {t(frozen ? 'hiring.editor.newVersion' : 'hiring.editor.edit')}
      </button>
    );
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const done = { onSuccess: () => setOpen(false) };
        if (frozen) version.mutate({ reason, criteria }, done);
        else replace.mutate(criteria, done);
      }}
    >
      {frozen && <p className="alert alert-warning">{t('hiring.editor.frozenExplain')}</p>}
      <ErrorMessage error={mutation.error} />
      {frozen && (
        <Field label={t('hiring.editor.reason')} error={errors.field('reason')}>
          {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
        </Field>
      )}
      <CriteriaEditor value={criteria} onChange={setCriteria} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {t(frozen ? 'hiring.editor.saveVersion' : 'common.save')}
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
