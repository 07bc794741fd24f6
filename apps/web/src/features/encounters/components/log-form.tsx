import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  HEADCOUNT_GROUPS,
  MAX_HEADCOUNT,
  encounterIsEmpty,
  encounterProblems,
  localNow,
  type Encounter,
  type EncounterSummary,
  type Group,
  type Headcounts,
} from '@begegnung/domain';
import { ApiError } from '../../../lib/api-client.ts';
import { centreQueries } from '../../../lib/reference-data.ts';
import { Alert, Field, FieldError } from '../../../components/ui.tsx';
import { useFormat } from '../../../lib/format.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { enqueue } from '../../../lib/offline/queue.ts';
import {
  activityQueries,
  publishedPeriodsQuery,
  useCreateEncounter,
} from '../api/encounter-queries.ts';
import { ChipRow } from './chip-row.tsx';
import { LogDetails } from './log-details.tsx';
import { bodyOf, type Draft } from './log-draft.ts';
import { RollCall } from './roll-call.tsx';
import { WalkIns } from './walk-ins.tsx';

const CHIPS = [0, 1, 2, 3, 4, 5];

export type LogOutcome =
  { kind: 'saved'; encounter: Encounter; walkInIds: number[] } | { kind: 'queued'; label: string };

export function LogForm({
  centreId,
  userId,
  initial,
  group,
  onCancel,
  onDone,
}: {
  centreId: number;
  userId: number;
  initial: Draft;
  group: Group | null;
  onCancel: () => void;
  onDone: (o: LogOutcome) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [d, setD] = useState(initial);
  const [showDetails, setShowDetails] = useState(!group);
  const [empty, setEmpty] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const activities = useQuery(activityQueries.list());
  const centres = useQuery(centreQueries.list());
  const create = useCreateEncounter();
  const errors = useFormErrors(create.error);
  const published = useQuery(publishedPeriodsQuery(centreId));
  // A date inside a published quarter: the entry is a correction and needs a reason (the
  // server says so with 422 CORRECTION_REASON_REQUIRED, too, e.g. when published meanwhile).
  const inPublished =
    (published.data?.periods.some((p) => p.from <= d.date && d.date <= p.to) ?? false) ||
    (create.error instanceof ApiError && create.error.code === 'CORRECTION_REASON_REQUIRED');
  const reasonMissing = inPublished && (d.correctionReason ?? '').trim().length < 3;
  const [reasonAsked, setReasonAsked] = useState(false);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const setCount = (g: keyof Headcounts, n: number) =>
    setD((x) => ({ ...x, headcounts: { ...x.headcounts, [g]: n } }));

  // A new step: focus its heading so keyboard and screen-reader users start there.
  useEffect(() => heading.current?.focus(), []);

  const openedOn = centres.data?.find((c) => c.id === centreId)?.openedOn ?? null;
  // The same rules the server applies, shown before sending.
  const local = encounterProblems(d, { now: localNow(), centreOpenedOn: openedOn });
  const problem = (field: string) => {
    const p = local.find((x) => x.field === field);
    return p ? t(`encounters.problems.${p.detail}`, { max: MAX_HEADCOUNT }) : errors.field(field);
  };
  const duplicate =
    create.error instanceof ApiError && create.error.code === 'POSSIBLE_DUPLICATE'
      ? ((create.error.body as { existing?: EncounterSummary }).existing ?? null)
      : null;
  const activityName = activities.data?.find((a) => a.id === d.activityId);
  const label = `${group?.name ?? activityName?.name ?? t('encounters.log.other')} · ${d.startTime}`;

  const submit = (draft: Draft) => {
    const body = bodyOf(draft, centreId);
    if (local.length) return;
    if (reasonMissing) {
      setReasonAsked(true);
      return;
    }
    if (encounterIsEmpty(body)) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    const queue = () =>
      void enqueue(userId, body, label).then(() => onDone({ kind: 'queued', label }));
    if (!navigator.onLine) return queue();
    create.mutate(body, {
      onSuccess: (encounter) =>
        onDone({
          kind: 'saved',
          encounter,
          walkInIds: encounter.attendees
            .map((a) => a.id)
            .filter((id) => !body.attendeeIds.includes(id)),
        }),
      onError: (e) => {
        if (e instanceof ApiError && e.status === 0) queue();
      },
    });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(d);
  };

  const walkInCount = d.walkIns.length;
  const namedWalkIns = d.walkIns.filter((w) => w.consent).length;
  const totalNewcomers = d.named.length + d.headcounts.newcomers + walkInCount;

  return (
    <form className="form log-form" onSubmit={onSubmit} noValidate>
      <div className="log-form-head">
        <h2 ref={heading} tabIndex={-1}>
          {group?.name ?? t('encounters.log.other')}
        </h2>
        <p className="muted small">
          {fmt.date(d.date)} · {d.startTime} ·{' '}
          {t('encounters.minutes', { count: d.durationMinutes })}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => setShowDetails((s) => !s)}
            aria-expanded={showDetails}
          >
            {showDetails ? t('encounters.log.hideDetails') : t('encounters.log.details')}
          </button>
        </p>
      </div>
      {duplicate && (
        <Alert tone="warning">
          <p>
            {t('encounters.log.duplicate', {
              time: duplicate.startTime,
              total: duplicate.namedCount + duplicate.headcounts.newcomers,
            })}
          </p>
          <div className="offline-entry-actions">
            <Link className="btn btn-small" to={`/encounters/${duplicate.id}`}>
              {t('encounters.log.openExisting')}
            </Link>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                const next = { ...d, confirmDuplicate: true };
                setD(next);
                submit(next);
              }}
            >
              {t('encounters.log.saveSecond')}
            </button>
          </div>
        </Alert>
      )}
      {inPublished && (
        <div className="alert alert-warning">
          <p>{t('encounters.log.publishedPeriod', { date: fmt.date(d.date) })}</p>
          <Field
            label={t('encounters.log.correctionReason')}
            error={
              reasonAsked && reasonMissing
                ? t('encounters.log.correctionReasonMissing')
                : errors.field('correctionReason')
            }
          >
            {(f) => (
              <input
                {...f}
                value={d.correctionReason ?? ''}
                maxLength={300}
                onChange={(e) => set('correctionReason', e.target.value)}
              />
            )}
          </Field>
        </div>
      )}
      {!duplicate && !inPublished && <Alert>{errors.general}</Alert>}
      {showDetails && (
        <LogDetails
          draft={d}
          activities={activities.data ?? []}
          set={set}
          problem={problem}
          fieldError={errors.field}
        />
      )}

      <RollCall
        centreId={centreId}
        roster={group?.roster ?? []}
        named={d.named}
        onChange={(named) => set('named', named)}
        onCountAnonymously={() => setCount('newcomers', d.headcounts.newcomers + 1)}
        error={errors.field('attendeeIds')}
      />

      <WalkIns walkIns={d.walkIns} onChange={(w) => set('walkIns', w)} />

      <div className="fieldset">
        <p className="log-counts-title">{t('encounters.log.headcounts')}</p>
        {HEADCOUNT_GROUPS.map((g) => (
          <ChipRow
            key={g}
            label={t(`encounters.headcounts.${g}`)}
            value={d.headcounts[g]}
            values={CHIPS}
            onChange={(n) => setCount(g, n)}
            error={problem(`headcounts.${g}`)}
          />
        ))}
      </div>

      <p className="log-total" aria-live="polite">
        {t('encounters.log.total', {
          newcomers: totalNewcomers,
          named: d.named.length + namedWalkIns,
          host: d.headcounts.host,
        })}
      </p>
      {empty && <FieldError alert>{t('errors.EMPTY_ENCOUNTER')}</FieldError>}
      <div className="form-actions log-actions">
        <button type="submit" className="btn btn-primary btn-large" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('encounters.log.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
