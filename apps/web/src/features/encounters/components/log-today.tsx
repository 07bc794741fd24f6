import { useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import {
  CONSENT_LANGUAGES,
  HEADCOUNT_GROUPS,
  MAX_HEADCOUNT,
  encounterProblems,
  isoWeekday,
  localNow,
  type ConsentLanguage,
  type Encounter,
  type Group,
  type Headcounts,
  type ParticipantSummary,
} from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { EmptyState, ErrorMessage, Field, Loading, PageHeader } from '../../../components/ui.tsx';
import {
  activityQueries,
  groupQueries,
  newRequestId,
  participantQueries,
  useCreateEncounter,
} from '../api/encounter-queries.ts';
import { activityLabel, participantLabel } from './labels.ts';

const CHIPS = [0, 1, 2, 3, 4, 5];
const WALK_IN_CHIPS = [0, 1, 2, 3, 4, 5];

interface WalkInDraft {
  alias: string;
  consent: boolean;
  language: ConsentLanguage;
}

interface Draft {
  requestId: string;
  groupId: number | null;
  activityId: number;
  date: string;
  startTime: string;
  durationMinutes: number;
  named: { id: number; code: string; alias: string | null }[];
  walkIns: WalkInDraft[];
  headcounts: Headcounts;
}

const EMPTY_COUNTS: Headcounts = { newcomers: 0, host: 0, volunteers: 0, other: 0 };

/** Session time: the group's start if it has begun, otherwise now (a session is never in the future). */
function sessionTime(groupStart: string | undefined) {
  const now = localNow();
  return groupStart && groupStart <= now.time ? groupStart : now.time;
}

function draftFor(group: Group | null, activityId: number, duration: number): Draft {
  return {
    requestId: newRequestId(),
    groupId: group?.id ?? null,
    activityId: group?.activityId ?? activityId,
    date: localNow().date,
    startTime: sessionTime(group?.startTime),
    durationMinutes: group?.durationMinutes ?? duration,
    // Everyone on the roster who may be named is ticked; untick who is missing.
    named: (group?.roster ?? []).filter((m) => m.followUpConsent),
    walkIns: [],
    headcounts: { ...EMPTY_COUNTS },
  };
}

/** "Heute erfassen": the everyday phone screen. Group → (walk-ins, counts) → save. */
export function LogToday() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const centres = useQuery(centreQueries.list());
  const myCentres = (centres.data ?? []).filter((c) => user.centreIds.includes(c.id));
  const [centreId, setCentreId] = useState<number | null>(null);
  const activeCentre = centreId ?? myCentres[0]?.id ?? user.centreIds[0];
  const groups = useQuery({ ...groupQueries.list(activeCentre), enabled: !!activeCentre });
  const activities = useQuery(activityQueries.list());
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState<Encounter | null>(null);

  const today = localNow().date;
  const weekday = isoWeekday(today);
  const sorted = useMemo(
    () =>
      [...(groups.data ?? [])]
        .filter((g) => g.active)
        .sort(
          (a, b) =>
            Number(b.weekdays.includes(weekday)) - Number(a.weekdays.includes(weekday)) ||
            a.startTime.localeCompare(b.startTime),
        ),
    [groups.data, weekday],
  );

  if (!activeCentre) return <EmptyState title={t('encounters.log.noCentre')} />;
  if (groups.isPending || activities.isPending) return <Loading />;
  if (groups.error)
    return <ErrorMessage error={groups.error} onRetry={() => void groups.refetch()} />;
  const acts = activities.data ?? [];

  return (
    <>
      <PageHeader
        title={t('encounters.log.title')}
        subtitle={new Intl.DateTimeFormat(undefined, { dateStyle: 'full' }).format(new Date())}
      />
      {myCentres.length > 1 && (
        <div className="filters">
          <label>
            <span>{t('encounters.centre')}</span>
            <select
              value={activeCentre}
              onChange={(e) => {
                setCentreId(Number(e.target.value));
                setDraft(null);
              }}
            >
              {myCentres.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {saved && !draft && (
        <div className="alert alert-success" role="status">
          <span>
            {t('encounters.log.saved', {
              total: saved.attendees.length + saved.headcounts.newcomers,
              host: saved.headcounts.host,
            })}
          </span>
          <Link to={`/encounters/${saved.id}`}>{t('encounters.log.openSaved')}</Link>
        </div>
      )}
      {!draft ? (
        <section aria-labelledby="pick-title">
          <h2 id="pick-title">{t('encounters.log.pick')}</h2>
          <ul className="log-groups">
            {sorted.map((g) => {
              const isToday = g.weekdays.includes(weekday);
              return (
                <li key={g.id}>
                  <button
                    type="button"
                    className={`log-group${isToday ? ' log-group-today' : ''}`}
                    onClick={() => {
                      setSaved(null);
                      setDraft(draftFor(g, g.activityId, g.durationMinutes));
                    }}
                  >
                    <span className="log-group-name">{g.name}</span>
                    <span className="log-group-meta">
                      {isToday ? t('encounters.log.today') : t('encounters.log.notToday')} ·{' '}
                      {g.startTime} · {t('encounters.log.rosterCount', { count: g.roster.length })}
                    </span>
                  </button>
                </li>
              );
            })}
            <li>
              <button
                type="button"
                className="log-group log-group-other"
                onClick={() => {
                  setSaved(null);
                  const a = acts.find((x) => x.key === 'counselling') ?? acts[0];
                  setDraft(draftFor(null, a?.id ?? 0, a?.defaultDurationMinutes ?? 60));
                }}
              >
                <span className="log-group-name">{t('encounters.log.other')}</span>
                <span className="log-group-meta">{t('encounters.log.otherHint')}</span>
              </button>
            </li>
          </ul>
        </section>
      ) : (
        <LogForm
          key={draft.requestId}
          centreId={activeCentre}
          initial={draft}
          group={sorted.find((g) => g.id === draft.groupId) ?? null}
          onCancel={() => setDraft(null)}
          onSaved={(e) => {
            setSaved(e);
            setDraft(null);
          }}
        />
      )}
    </>
  );
}

function ChipRow({
  label,
  value,
  values,
  onChange,
  error,
  hint,
}: {
  label: string;
  value: number;
  values: number[];
  onChange: (n: number) => void;
  error?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className={`chip-field${error ? ' field-invalid' : ''}`}>
      <legend>{label}</legend>
      <div className="chips">
        {values.map((n) => (
          <button
            key={n}
            type="button"
            className="chip"
            aria-pressed={value === n}
            onClick={() => onChange(n)}
          >
            {n}
          </button>
        ))}
        <input
          className="chip-input"
          type="number"
          inputMode="numeric"
          min={0}
          aria-label={t('encounters.log.exactNumber', { label })}
          value={value}
          onChange={(e) => onChange(e.target.value === '' ? 0 : Math.trunc(Number(e.target.value)))}
        />
      </div>
      {hint && <p className="field-hint">{hint}</p>}
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}

function LogForm({
  centreId,
  initial,
  group,
  onCancel,
  onSaved,
}: {
  centreId: number;
  initial: Draft;
  group: Group | null;
  onCancel: () => void;
  onSaved: (e: Encounter) => void;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [d, setD] = useState(initial);
  const [search, setSearch] = useState('');
  const [showDetails, setShowDetails] = useState(!group);
  const activities = useQuery(activityQueries.list());
  const centres = useQuery(centreQueries.list());
  const found = useQuery({
    ...participantQueries.list({ q: search.trim(), centreId, limit: 8, offset: 0 }),
    enabled: search.trim().length >= 2,
  });
  const create = useCreateEncounter();
  const errors = useFormErrors(create.error);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));
  const setCount = (g: keyof Headcounts, n: number) =>
    setD((x) => ({ ...x, headcounts: { ...x.headcounts, [g]: n } }));

  const anonymousWalkIns = d.walkIns.filter((w) => !w.consent).length;
  const namedIds = new Set(d.named.map((n) => n.id));
  const openedOn = centres.data?.find((c) => c.id === centreId)?.openedOn ?? null;
  // The same rules the server applies, shown before sending.
  const local = encounterProblems(d, { now: localNow(), centreOpenedOn: openedOn });
  const problem = (field: string) => {
    const p = local.find((x) => x.field === field);
    return p ? t(`encounters.problems.${p.detail}`, { max: MAX_HEADCOUNT }) : errors.field(field);
  };

  const resizeWalkIns = (n: number) =>
    set(
      'walkIns',
      Array.from(
        { length: n },
        (_, i) => d.walkIns[i] ?? { alias: '', consent: false, language: 'de' },
      ),
    );

  const addFound = (p: ParticipantSummary) => {
    if (p.followUpConsent) {
      if (!namedIds.has(p.id))
        set('named', [...d.named, { id: p.id, code: p.code, alias: p.alias }]);
    } else {
      // No consent: the person is counted, not named.
      setCount('newcomers', d.headcounts.newcomers + 1);
    }
    setSearch('');
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (local.length) return;
    create.mutate(
      {
        centreId,
        groupId: d.groupId ?? undefined,
        activityId: d.activityId,
        date: d.date,
        startTime: d.startTime,
        durationMinutes: d.durationMinutes,
        headcounts: d.headcounts,
        attendeeIds: d.named.map((n) => n.id),
        walkIns: d.walkIns.map((w) => ({
          ...(w.alias.trim() ? { alias: w.alias.trim() } : {}),
          ...(w.consent ? { consentLanguage: w.language } : {}),
        })),
        clientRequestId: d.requestId,
      },
      { onSuccess: onSaved },
    );
  };

  const roster = group?.roster ?? [];
  const extraNamed = d.named.filter((n) => !roster.some((r) => r.id === n.id));
  const totalNewcomers = d.named.length + d.headcounts.newcomers + d.walkIns.length;

  return (
    <form className="form log-form" onSubmit={onSubmit} noValidate>
      <div className="log-form-head">
        <h2>{group?.name ?? t('encounters.log.other')}</h2>
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
      {errors.general && (
        <div className="alert alert-error" role="alert">
          {errors.general}
        </div>
      )}
      {showDetails && (
        <div className="form-grid">
          <Field label={t('encounters.activity')} error={errors.field('activityId')}>
            {(p) => (
              <select
                {...p}
                value={d.activityId}
                onChange={(e) => set('activityId', Number(e.target.value))}
              >
                {(activities.data ?? [])
                  .filter((a) => a.active)
                  .map((a) => (
                    <option key={a.id} value={a.id}>
                      {activityLabel(t, a)}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field label={t('encounters.date')} error={problem('date')}>
            {(p) => (
              <input
                {...p}
                type="date"
                value={d.date}
                onChange={(e) => set('date', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('encounters.time')} error={errors.field('startTime')}>
            {(p) => (
              <input
                {...p}
                type="time"
                value={d.startTime}
                onChange={(e) => set('startTime', e.target.value)}
              />
            )}
          </Field>
          <Field
            label={t('encounters.duration')}
            error={problem('durationMinutes')}
            hint={t('encounters.durationHint')}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                value={d.durationMinutes}
                onChange={(e) => set('durationMinutes', Math.trunc(Number(e.target.value)))}
              />
            )}
          </Field>
        </div>
      )}

      <fieldset className="fieldset">
        <legend>{t('encounters.log.named', { count: d.named.length })}</legend>
        {roster.length === 0 && extraNamed.length === 0 && (
          <p className="muted small">{t('encounters.log.noRoster')}</p>
        )}
        <ul className="roster">
          {roster.map((m) => (
            <li key={m.id}>
              <label className={`checkbox${m.followUpConsent ? '' : ' checkbox-disabled'}`}>
                <input
                  type="checkbox"
                  checked={namedIds.has(m.id)}
                  disabled={!m.followUpConsent}
                  onChange={(e) =>
                    set(
                      'named',
                      e.target.checked ? [...d.named, m] : d.named.filter((n) => n.id !== m.id),
                    )
                  }
                />
                <span>
                  {participantLabel(m)}
                  {!m.followUpConsent && <small>{t('encounters.consent.anonymousOnly')}</small>}
                </span>
              </label>
            </li>
          ))}
          {extraNamed.map((m) => (
            <li key={m.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked
                  onChange={() =>
                    set(
                      'named',
                      d.named.filter((n) => n.id !== m.id),
                    )
                  }
                />
                <span>{participantLabel(m)}</span>
              </label>
            </li>
          ))}
        </ul>
        <div className="field">
          <label htmlFor="log-search">{t('encounters.log.search')}</label>
          <input
            id="log-search"
            type="search"
            autoComplete="off"
            placeholder={t('encounters.log.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        {found.data && search.trim().length >= 2 && (
          <ul className="search-results" aria-label={t('encounters.log.results')}>
            {found.data.items.length === 0 && (
              <li className="muted small">{t('encounters.log.noResults')}</li>
            )}
            {found.data.items.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="btn btn-small btn-block search-hit"
                  onClick={() => addFound(p)}
                >
                  <span>{participantLabel(p)}</span>
                  <small>
                    {p.followUpConsent
                      ? t('encounters.log.addNamed')
                      : t('encounters.log.countAnonymously')}
                  </small>
                </button>
              </li>
            ))}
          </ul>
        )}
        {errors.field('attendeeIds') && (
          <p className="field-error">{errors.field('attendeeIds')}</p>
        )}
      </fieldset>

      <div className="fieldset">
        <ChipRow
          label={t('encounters.log.walkIns')}
          value={d.walkIns.length}
          values={WALK_IN_CHIPS}
          onChange={(n) => resizeWalkIns(Math.max(0, Math.min(n, 50)))}
          hint={t('encounters.log.walkInHint')}
        />
        {d.walkIns.map((w, i) => (
          <div key={i} className="walk-in">
            <input
              aria-label={t('encounters.log.walkInAlias', { n: i + 1 })}
              placeholder={t('encounters.log.walkInAlias', { n: i + 1 })}
              value={w.alias}
              onChange={(e) =>
                set(
                  'walkIns',
                  d.walkIns.map((x, j) => (j === i ? { ...x, alias: e.target.value } : x)),
                )
              }
            />
            <label className="checkbox">
              <input
                type="checkbox"
                checked={w.consent}
                onChange={(e) =>
                  set(
                    'walkIns',
                    d.walkIns.map((x, j) => (j === i ? { ...x, consent: e.target.checked } : x)),
                  )
                }
              />
              <span>{t('encounters.log.walkInConsent')}</span>
            </label>
            {w.consent && (
              <select
                aria-label={t('encounters.consent.language')}
                value={w.language}
                onChange={(e) =>
                  set(
                    'walkIns',
                    d.walkIns.map((x, j) =>
                      j === i ? { ...x, language: e.target.value as ConsentLanguage } : x,
                    ),
                  )
                }
              >
                {CONSENT_LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {t(`encounters.languages.${l}`)}
                  </option>
                ))}
              </select>
            )}
          </div>
        ))}
      </div>

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
          named: d.named.length + d.walkIns.length - anonymousWalkIns,
          host: d.headcounts.host,
        })}
      </p>
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
