import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  RECOMMENDATIONS,
  SCORE_MAX,
  SCORE_MIN,
  SCREENING_RESULTS,
  hasRole,
  type Application,
  type ApplicationStatus,
  type Criterion,
  type Recommendation,
  type Scorecard,
  type ScreeningValue,
  type Vacancy,
} from '@begegnung/domain';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormat } from '../../../lib/format.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import {
  Badge,
  ConfirmDialog,
  ErrorMessage,
  Field,
  Loading,
  Notice,
  PageHeader,
} from '../../../components/ui.tsx';
import {
  documentUrl,
  hiringQueries,
  useApplicationStatus,
  useReadSelfDisclosure,
  useRecordSelfDisclosure,
  useReviseScorecard,
  useRetention,
  useSaveScorecard,
  useScreening,
  useUploadDocument,
  type SelfDisclosure,
} from '../api/hiring-queries.ts';
import { applicationTone } from './labels.ts';

export function ApplicationDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const params = useParams();
  const vacancyId = Number(params.id);
  const id = Number(params.applicationId);
  const user = useCurrentUser();
  const vacancy = useQuery(hiringQueries.vacancy(vacancyId));
  const app = useQuery(hiringQueries.application(id));
  if (vacancy.isPending || app.isPending) return <Loading />;
  const error = vacancy.error ?? app.error;
  if (error || !vacancy.data || !app.data)
    return <ErrorMessage error={error} onRetry={() => void app.refetch()} />;
  const v = vacancy.data;
  const a = app.data;
  const isAdmin = hasRole(user, 'admin');
  const isPanel = v.members.some((m) => m.userId === user?.id && m.kind === 'panel');
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/vacancies/${v.id}`}>← {v.title}</Link>
      </p>
      <PageHeader
        title={a.displayName}
        subtitle={
          <>
            <Badge tone={applicationTone(a.status)}>
              {t(`hiring.applicationStatus.${a.status}`)}
            </Badge>{' '}
            <Badge tone="accent">
              {t('hiring.criteria.versionShort', { version: v.criteriaVersion })}
            </Badge>
          </>
        }
        actions={isAdmin && !a.purged && <StatusActions app={a} />}
      />
      {a.purged && <p className="alert alert-warning">{t('hiring.application.purged')}</p>}
      {a.mustInvite && (
        <div className="alert alert-warning hiring-must-invite-banner">
          <strong>{t('hiring.mustInvite')}</strong> {t('hiring.application.mustInviteExplain')}
        </div>
      )}
      <dl className="detail-list">
        <dt>{t('hiring.applications.email')}</dt>
        <dd>{a.email ?? '—'}</dd>
        <dt>{t('hiring.applications.phone')}</dt>
        <dd>{a.phone ?? '—'}</dd>
        <dt>{t('hiring.applications.received')}</dt>
        <dd>{f.date(a.receivedOn)}</dd>
        <dt>{t('hiring.application.disability')}</dt>
        <dd>
          {a.severelyDisabled
            ? t('hiring.application.disabilityYes')
            : t('hiring.application.disabilityNo')}
        </dd>
        {a.statusReason && (
          <>
            <dt>{t('hiring.application.statusReason')}</dt>
            <dd>{a.statusReason}</dd>
          </>
        )}
      </dl>
      <Documents app={a} canUpload={isAdmin && !a.purged} />
      <Screening app={a} vacancy={v} canEdit={(isAdmin || isPanel) && !a.purged} />
      {(isAdmin || isPanel) && <Scorecards app={a} vacancy={v} canScore={isPanel} />}
      {isAdmin && <Retention app={a} />}
      {isAdmin && !a.purged && (
        <SelfDisclosurePanel applicationId={a.id} exists={!!a.hasSelfDisclosure} />
      )}
    </>
  );
}

function StatusActions({ app }: { app: Application }) {
  const { t } = useTranslation();
  const change = useApplicationStatus(app.id);
  const errors = useFormErrors(change.error);
  const [to, setTo] = useState<ApplicationStatus | null>(null);
  const [reason, setReason] = useState('');
  const [unsuitable, setUnsuitable] = useState(false);
  if (app.allowedTransitions.length === 0) return null;
  return (
    <>
      {app.allowedTransitions.map((s) => (
        <button
          key={s}
          type="button"
          className={`btn btn-small ${s === 'rejected' ? 'btn-danger-outline' : s === 'invited' ? 'btn-primary' : ''}`}
          onClick={() => {
            change.reset();
            setTo(s);
          }}
        >
          {t(`hiring.applicationActions.${s}`)}
        </button>
      ))}
      <ConfirmDialog
        open={to !== null}
        title={to ? t(`hiring.applicationActions.${to}`) : ''}
        body={
          <>
            {to === 'rejected' && app.mustInvite && (
              <p className="alert alert-warning">{t('hiring.application.mustInviteReject')}</p>
            )}
            <Field label={t('hiring.application.reason')} error={errors.field('reason')}>
              {(p) => (
                <textarea
                  {...p}
                  rows={3}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
            </Field>
            {to === 'rejected' && app.mustInvite && (
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={unsuitable}
                  onChange={(e) => setUnsuitable(e.target.checked)}
                />
                <span>{t('hiring.application.obviouslyUnsuitable')}</span>
              </label>
            )}
            {errors.general && !errors.field('reason') && (
              <p className="field-error">{errors.general}</p>
            )}
          </>
        }
        confirmLabel={to ? t(`hiring.applicationActions.${to}`) : ''}
        danger={to === 'rejected'}
        busy={change.isPending}
        onCancel={() => setTo(null)}
        onConfirm={() =>
          to &&
          change.mutate(
            { to, ...(reason && { reason }), ...(unsuitable && { obviouslyUnsuitable: true }) },
            {
              onSuccess: () => {
                setTo(null);
                setReason('');
              },
            },
          )
        }
      />
    </>
  );
}

function Documents({ app, canUpload }: { app: Application; canUpload: boolean }) {
  const { t } = useTranslation();
  const f = useFormat();
  const upload = useUploadDocument(app.id);
  const [file, setFile] = useState<File | null>(null);
  return (
    <section className="panel" aria-labelledby="docs-heading">
      <h2 id="docs-heading">{t('hiring.documents.title')}</h2>
      {app.documents.length === 0 && <p className="muted">{t('hiring.documents.none')}</p>}
      <ul className="hiring-documents">
        {app.documents.map((d) => (
          <li key={d.id}>
            <a href={documentUrl(app.id, d.id)} download>
              {d.filename}
            </a>{' '}
            <span className="muted small">
              {Math.ceil(d.size / 1024)} KB · {f.date(d.uploadedAt)}
            </span>
          </li>
        ))}
      </ul>
      {canUpload && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (file) upload.mutate(file, { onSuccess: () => setFile(null) });
          }}
        >
          <ErrorMessage error={upload.error} />
          <Field label={t('hiring.documents.upload')} hint={t('hiring.documents.hint')}>
            {(p) => (
              <input
                {...p}
                type="file"
                accept="application/pdf,.pdf"
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            )}
          </Field>
          <button type="submit" className="btn btn-small" disabled={!file || upload.isPending}>
            {t('hiring.documents.send')}
          </button>
        </form>
      )}
    </section>
  );
}

function Screening({
  app,
  vacancy,
  canEdit,
}: {
  app: Application;
  vacancy: Vacancy;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  const save = useScreening(app.id);
  const initial = Object.fromEntries(
    app.screening.map((s) => [s.criterionId, { result: s.result, note: s.note }]),
  );
  const [values, setValues] =
    useState<Record<number, { result: ScreeningValue | ''; note: string }>>(initial);
  const [saved, setSaved] = useState(false);
  const criteria = vacancy.criteriaSet.criteria;
  const groupStatus = new Map(
    app.evaluation.groups.flatMap((g) => g.criterionIds.map((cid) => [cid, g.status] as const)),
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const results = criteria.flatMap((c) => {
      const v = values[c.id];
      return v?.result ? [{ criterionId: c.id, result: v.result, note: v.note }] : [];
    });
    if (results.length) save.mutate({ results }, { onSuccess: () => setSaved(true) });
  };
  return (
    <section className="panel" aria-labelledby="screening-heading">
      <h2 id="screening-heading">{t('hiring.screening.title')}</h2>
      <p className="alert alert-info">{t('hiring.screening.humanDecides')}</p>
      <p className="hiring-evaluation">
        {t('hiring.screening.suggestionLabel')}{' '}
        <span className={`hiring-suggestion hiring-suggestion-${app.evaluation.suggestion}`}>
          {t(`hiring.suggestion.${app.evaluation.suggestion}`)}
        </span>
      </p>
      {app.evaluation.suggestion === 'needs_review' && (
        <p className="alert alert-warning">{t('hiring.screening.reviewFlag')}</p>
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        <ErrorMessage error={save.error} />
        {saved && !save.isPending && !save.error && (
          <Notice tone="success">{t('hiring.screening.saved')}</Notice>
        )}
        {criteria.map((c, i) => (
          <ScreeningRow
            key={c.id}
            index={i}
            criterion={c}
            groupStatus={groupStatus.get(c.id)}
            value={values[c.id] ?? { result: '', note: '' }}
            disabled={!canEdit}
            onChange={(v) => {
              setSaved(false);
              setValues({ ...values, [c.id]: v });
            }}
          />
        ))}
        {canEdit && (
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.isPending}>
              {t('hiring.screening.save')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}

function ScreeningRow({
  index,
  criterion: c,
  groupStatus,
  value,
  disabled,
  onChange,
}: {
  index: number;
  criterion: Criterion;
  groupStatus?: string;
  value: { result: ScreeningValue | ''; note: string };
  disabled: boolean;
  onChange: (v: { result: ScreeningValue | ''; note: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="fieldset hiring-screen-row" disabled={disabled}>
      <legend>
        K{index + 1} · {t(`hiring.criteria.kinds.${c.kind}`)}
        {c.groupKey && <> · {t('hiring.criteria.orGroup', { group: c.groupKey, rank: c.rank })}</>}
      </legend>
      <p className="hiring-criterion-label">{c.label}</p>
      {groupStatus && <p className="muted small">{t(`hiring.screening.group.${groupStatus}`)}</p>}
      <div className="hiring-choices" role="radiogroup" aria-label={c.label}>
        {SCREENING_RESULTS.map((r) => (
          <label key={r} className="hiring-choice">
            <input
              type="radio"
              name={`screen-${c.id}`}
              value={r}
              checked={value.result === r}
              onChange={() => onChange({ ...value, result: r })}
            />
            <span>{t(`hiring.results.${r}`)}</span>
          </label>
        ))}
      </div>
      <Field label={t('hiring.screening.note')}>
        {(p) => (
          <input
            {...p}
            value={value.note}
            onChange={(e) => onChange({ ...value, note: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}

function Scorecards({
  app,
  vacancy,
  canScore,
}: {
  app: Application;
  vacancy: Vacancy;
  canScore: boolean;
}) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const list = useQuery(hiringQueries.scorecards(app.id));
  const invited = ['invited', 'interviewed', 'offered', 'hired'].includes(app.status);
  const mine = list.data?.cards.find(
    (c) => c.memberId === user?.id && c.current && c.stage === 'first_interview',
  );
  return (
    <section className="panel" aria-labelledby="cards-heading">
      <h2 id="cards-heading">{t('hiring.scorecards.title')}</h2>
      <p className="muted small">{t('hiring.scorecards.explain')}</p>
      {list.isPending && <Loading />}
      <ErrorMessage error={list.error} />
      {canScore && invited && !mine?.submittedAt && (
        <ScorecardForm
          key={mine?.id ?? 'new'}
          vacancyId={vacancy.id}
          applicationId={app.id}
          criteria={vacancy.criteriaSet.criteria}
          draft={mine}
        />
      )}
      {canScore && !invited && <p className="muted">{t('hiring.scorecards.notInvited')}</p>}
      {list.data && list.data.hiddenCount > 0 && (
        <p className="alert alert-info">
          {t('hiring.scorecards.hidden', { count: list.data.hiddenCount })}
        </p>
      )}
      <ul className="hiring-cards">
        {list.data?.cards
          .filter((c) => c.current)
          .map((c) => (
            <li key={c.id} className="card">
              <div className="card-head">
                <span className="card-title">{c.memberName}</span>
                <Badge tone={c.submittedAt ? 'success' : 'neutral'}>
                  {c.submittedAt ? t('hiring.scorecards.submitted') : t('hiring.scorecards.draft')}
                </Badge>
              </div>
              <p className="small">
                {c.ratings
                  .map((r) => {
                    const i = vacancy.criteriaSet.criteria.findIndex((x) => x.id === r.criterionId);
                    return `K${i + 1}: ${r.score}`;
                  })
                  .join(' · ')}
              </p>
              {c.recommendation && (
                <p className="small">
                  {t('hiring.scorecards.recommendation')}:{' '}
                  {t(`hiring.recommendations.${c.recommendation}`)}
                </p>
              )}
              {c.revision > 1 && (
                <p className="muted small">
                  {t('hiring.scorecards.revision', {
                    revision: c.revision,
                    reason: c.correctionReason,
                  })}
                </p>
              )}
              {c.notes && <p className="small">{c.notes}</p>}
              {canScore && c.memberId === user?.id && c.submittedAt && (
                <RevisionForm card={c} criteria={vacancy.criteriaSet.criteria} />
              )}
            </li>
          ))}
      </ul>
    </section>
  );
}

function ScorecardForm({
  vacancyId,
  applicationId,
  criteria,
  draft,
}: {
  vacancyId: number;
  applicationId: number;
  criteria: Criterion[];
  draft?: {
    ratings: { criterionId: number; score: number }[];
    recommendation: Recommendation | null;
    notes: string;
  };
}) {
  const { t } = useTranslation();
  const save = useSaveScorecard(vacancyId);
  const [scores, setScores] = useState<Record<number, number>>(
    Object.fromEntries((draft?.ratings ?? []).map((r) => [r.criterionId, r.score])),
  );
  const [recommendation, setRecommendation] = useState<Recommendation | ''>(
    draft?.recommendation ?? '',
  );
  const [notes, setNotes] = useState(draft?.notes ?? '');
  const [confirming, setConfirming] = useState(false);
  const ratings = criteria
    .filter((c) => scores[c.id])
    .map((c) => ({ criterionId: c.id, score: scores[c.id]! }));
  const submit = (final: boolean) =>
    save.mutate(
      {
        applicationId,
        stage: 'first_interview',
        ratings,
        recommendation: recommendation || null,
        notes,
        submit: final,
      },
      { onSettled: () => setConfirming(false) },
    );
  const steps = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);
  return (
    <form
      className="form form-inline-card hiring-scorecard"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <h3>{t('hiring.scorecards.yours')}</h3>
      <ErrorMessage error={save.error} />
      <p className="muted small">{t('hiring.scorecards.anchors')}</p>
      {criteria.map((c, i) => (
        <fieldset key={c.id} className="fieldset">
          <legend>
            K{i + 1}: {c.label}
          </legend>
          <div className="hiring-choices" role="radiogroup" aria-label={`K${i + 1}`}>
            {steps.map((n) => (
              <label key={n} className="hiring-choice">
                <input
                  type="radio"
                  name={`score-${c.id}`}
                  value={n}
                  checked={scores[c.id] === n}
                  onChange={() => setScores({ ...scores, [c.id]: n })}
                />
                <span>{n}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <Field label={t('hiring.scorecards.recommendation')}>
        {(p) => (
          <select
            {...p}
            value={recommendation}
            onChange={(e) => setRecommendation(e.target.value as Recommendation)}
          >
            <option value="">{t('common.choose')}</option>
            {RECOMMENDATIONS.map((r) => (
              <option key={r} value={r}>
                {t(`hiring.recommendations.${r}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('hiring.scorecards.notes')}>
        {(p) => (
          <textarea {...p} rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
        )}
      </Field>
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          disabled={save.isPending || ratings.length === 0}
          onClick={() => submit(false)}
        >
          {t('hiring.scorecards.saveDraft')}
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={save.isPending || ratings.length === 0 || !recommendation}
        >
          {t('hiring.scorecards.submit')}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('hiring.scorecards.submit')}
        body={t('hiring.scorecards.confirm')}
        confirmLabel={t('hiring.scorecards.submit')}
        busy={save.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => submit(true)}
      />
    </form>
  );
}

function Retention({ app }: { app: Application }) {
  const { t } = useTranslation();
  const f = useFormat();
  const save = useRetention(app.id);
  const errors = useFormErrors(save.error);
  const [sent, setSent] = useState(app.rejectionSentOn ?? '');
  const [received, setReceived] = useState(app.rejectionReceivedOn ?? '');
  const [hold, setHold] = useState(app.legalHold);
  const [holdReason, setHoldReason] = useState(app.legalHoldReason ?? '');
  const [pool, setPool] = useState(app.talentPoolUntil ?? '');
  if (app.purged) return null;
  return (
    <section className="panel" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t('hiring.retention.title')}</h2>
      <p className="muted small">
        {app.purgeDueOn
          ? t('hiring.retention.due', { date: f.date(app.purgeDueOn) })
          : t('hiring.retention.noClock')}
      </p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            rejectionSentOn: sent || null,
            rejectionReceivedOn: received || null,
            legalHold: hold,
            legalHoldReason: holdReason || null,
            talentPoolUntil: pool || null,
          });
        }}
      >
        <ErrorMessage error={save.error} />
        <div className="form-grid">
          <Field label={t('hiring.retention.sent')} error={errors.field('rejectionSentOn')}>
            {(p) => (
              <input {...p} type="date" value={sent} onChange={(e) => setSent(e.target.value)} />
            )}
          </Field>
          <Field label={t('hiring.retention.received')} error={errors.field('rejectionReceivedOn')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={received}
                onChange={(e) => setReceived(e.target.value)}
              />
            )}
          </Field>
          <Field label={t('hiring.retention.pool')} hint={t('hiring.retention.poolHint')}>
            {(p) => (
              <input {...p} type="date" value={pool} onChange={(e) => setPool(e.target.value)} />
            )}
          </Field>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={hold} onChange={(e) => setHold(e.target.checked)} />
          <span>{t('hiring.retention.hold')}</span>
        </label>
        {hold && (
          <Field label={t('hiring.retention.holdReason')} error={errors.field('legalHoldReason')}>
            {(p) => (
              <input {...p} value={holdReason} onChange={(e) => setHoldReason(e.target.value)} />
            )}
          </Field>
        )}
        <div className="form-actions">
          <button type="submit" className="btn" disabled={save.isPending}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Art. 9 GDPR: hidden by default; shown only after an explicit, audited reason. */
function SelfDisclosurePanel({
  applicationId,
  exists,
}: {
  applicationId: number;
  exists: boolean;
}) {
  return exists ? (
    <ShowSelfDisclosure applicationId={applicationId} />
  ) : (
    <RecordSelfDisclosure applicationId={applicationId} />
  );
}

function ShowSelfDisclosure({ applicationId }: { applicationId: number }) {
  const { t } = useTranslation();
  const read = useReadSelfDisclosure(applicationId);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [shown, setShown] = useState<SelfDisclosure | null>(null);
  return (
    <section className="panel hiring-self-disclosure" aria-labelledby="sd-heading">
      <h2 id="sd-heading">{t('hiring.selfDisclosure.title')}</h2>
      <p className="muted small">{t('hiring.selfDisclosure.explain')}</p>
      {shown ? (
        <p>
          {t('hiring.selfDisclosure.value')}:{' '}
          <strong>
            {shown.migrationBackground
              ? t(`hiring.selfDisclosure.values.${shown.migrationBackground}`)
              : '—'}
          </strong>{' '}
          <button type="button" className="link-button" onClick={() => setShown(null)}>
            {t('hiring.selfDisclosure.hide')}
          </button>
        </p>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => setAsking(true)}>
          {t('hiring.selfDisclosure.show')}
        </button>
      )}
      <ConfirmDialog
        open={asking}
        title={t('hiring.selfDisclosure.show')}
        body={
          <>
            <p>{t('hiring.selfDisclosure.reasonExplain')}</p>
            <Field label={t('hiring.selfDisclosure.reason')}>
              {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            <ErrorMessage error={read.error} />
          </>
        }
        confirmLabel={t('hiring.selfDisclosure.confirm')}
        busy={read.isPending || reason.trim().length < 3}
        onCancel={() => setAsking(false)}
        onConfirm={() =>
          read.mutate(reason, {
            onSuccess: (d) => {
              setShown(d);
              setAsking(false);
              setReason('');
            },
          })
        }
      />
    </section>
  );
}

/** Corrections of a submitted card: a new revision with a reason; the old one stays on record. */
function RevisionForm({ card, criteria }: { card: Scorecard; criteria: Criterion[] }) {
  const { t } = useTranslation();
  const revise = useReviseScorecard(card.id);
  const errors = useFormErrors(revise.error);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [scores, setScores] = useState<Record<number, number>>(
    Object.fromEntries(card.ratings.map((r) => [r.criterionId, r.score])),
  );
  if (!open)
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {t('hiring.scorecards.correct')}
      </button>
    );
  return (
    <form
      className="form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        revise.mutate(
          {
            reason,
            ratings: criteria
              .filter((c) => scores[c.id])
              .map((c) => ({ criterionId: c.id, score: scores[c.id]! })),
            recommendation: card.recommendation ?? 'yes',
            notes: card.notes,
          },
          { onSuccess: () => setOpen(false) },
        );
      }}
    >
      <ErrorMessage error={revise.error} />
      {criteria.map((c, i) => (
        <Field key={c.id} label={`K${i + 1}`}>
          {(p) => (
            <select
              {...p}
              value={scores[c.id] ?? ''}
              onChange={(e) => setScores({ ...scores, [c.id]: Number(e.target.value) })}
            >
              <option value="">—</option>
              {[1, 2, 3, 4, 5].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          )}
        </Field>
      ))}
      <Field label={t('hiring.scorecards.correctionReason')} error={errors.field('reason')}>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-small btn-primary" disabled={revise.isPending}>
          {t('hiring.scorecards.saveCorrection')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Recording the applicant's own, separately consented answer; never asked of anyone else. */
function RecordSelfDisclosure({ applicationId }: { applicationId: number }) {
  const { t } = useTranslation();
  const save = useRecordSelfDisclosure(applicationId);
  const [open, setOpen] = useState(false);
  const [consent, setConsent] = useState(false);
  const [value, setValue] = useState<'yes' | 'no' | 'prefer_not_to_say'>('prefer_not_to_say');
  return (
    <section className="panel hiring-self-disclosure" aria-labelledby="sd-heading">
      <h2 id="sd-heading">{t('hiring.selfDisclosure.title')}</h2>
      <p className="muted small">{t('hiring.selfDisclosure.none')}</p>
      {!open ? (
        <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
          {t('hiring.selfDisclosure.record')}
        </button>
      ) : (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (consent)
              save.mutate(
                { consent: true, consentTextVersion: 'SD-2026-1', migrationBackground: value },
                { onSuccess: () => setOpen(false) },
              );
          }}
        >
          <ErrorMessage error={save.error} />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={consent}
              onChange={(e) => setConsent(e.target.checked)}
            />
            <span>{t('hiring.selfDisclosure.consent')}</span>
          </label>
          <Field label={t('hiring.selfDisclosure.value')}>
            {(p) => (
              <select
                {...p}
                value={value}
                onChange={(e) => setValue(e.target.value as typeof value)}
              >
                {(['yes', 'no', 'prefer_not_to_say'] as const).map((v) => (
                  <option key={v} value={v}>
                    {t(`hiring.selfDisclosure.values.${v}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={!consent || save.isPending}>
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
