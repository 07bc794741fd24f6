import { Fragment, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import {
  HEADCOUNT_GROUPS,
  hasRole,
  type Encounter,
  type EncounterSummary,
  type Headcounts,
} from '@begegnung/domain';
import {
  centreQueries,
  seesAllParticipantData,
  visibleCentres,
} from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import {
  Alert,
  Badge,
  EmptyState,
  ErrorMessage,
  Field,
  FieldError,
  Loading,
  Notice,
  PageHeader,
  Pager,
} from '../../../components/ui.tsx';
import {
  activityQueries,
  encounterQueries,
  useInPublished,
  useCorrectEncounter,
} from '../api/encounter-queries.ts';
import { activityLabel, participantLabel } from './labels.ts';
import { VoidEncounter } from './void-encounter.tsx';
import { DataTable, type Column } from '../../../components/data-table.tsx';
import { PageState } from '../../../components/page-state.tsx';

const PAGE = 25;

export function EncounterList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const user = useCurrentUser();
  const [centreId, setCentreId] = useState<number | undefined>();
  const [offset, setOffset] = useState(0);
  const [includeVoided, setIncludeVoided] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const badRange = from !== '' && to !== '' && to < from;
  const list = useQuery({
    ...encounterQueries.list({
      centreId,
      includeVoided,
      from: from || undefined,
      to: to || undefined,
      limit: PAGE,
      offset,
    }),
    enabled: !badRange,
  });
  const centres = useQuery(centreQueries.list());
  const activities = useQuery(activityQueries.list());
  const code = (id: number) => centres.data?.find((c) => c.id === id)?.code ?? `#${id}`;
  const act = (id: number) =>
    activityLabel(
      t,
      activities.data?.find((a) => a.id === id),
    );
  const total = list.data?.total ?? 0;
  const visible = visibleCentres(user, centres.data, seesAllParticipantData);

  // Sorting reorders the page shown; the server pages by date, newest first.
  const columns: Column<EncounterSummary>[] = [
    {
      key: 'date',
      header: t('encounters.date'),
      sortValue: (e) => `${e.date} ${e.startTime}`,
      cell: (e) => (
        <>
          <Link to={`/encounters/${e.id}`} className="strong-link">
            <span className="nowrap">{fmt.date(e.date)}</span>{' '}
            <span className="nowrap">{e.startTime}</span>
          </Link>
          {e.voidedAt && <Badge>{t('encounters.void.badge')}</Badge>}
        </>
      ),
    },
    {
      key: 'activity',
      header: t('encounters.activity'),
      sortValue: (e) => act(e.activityId),
      cell: (e) => act(e.activityId),
    },
    {
      key: 'centre',
      header: t('encounters.centre'),
      sortValue: (e) => code(e.centreId),
      cell: (e) => code(e.centreId),
    },
    {
      key: 'named',
      header: t('encounters.list.named'),
      numeric: true,
      sortValue: (e) => e.namedCount,
      cell: (e) => e.namedCount,
    },
    ...HEADCOUNT_GROUPS.map((g): Column<EncounterSummary> => ({
      key: g,
      header: t(`encounters.headcounts.${g}`),
      numeric: true,
      sortValue: (e) => e.headcounts[g],
      cell: (e) => e.headcounts[g],
    })),
  ];

  return (
    <>
      <PageHeader
        title={t('encounters.list.title')}
        subtitle={t('encounters.list.subtitle')}
        actions={
          hasRole(user, 'centre_staff') && (
            <Link className="btn btn-primary" to="/today">
              {t('nav.today')}
            </Link>
          )
        }
      />
      <div className="filters">
        <label>
          <span>{t('encounters.list.from')}</span>
          <input
            type="date"
            value={from}
            max={to || undefined}
            onChange={(e) => {
              setFrom(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label>
          <span>{t('encounters.list.to')}</span>
          <input
            type="date"
            value={to}
            min={from || undefined}
            aria-invalid={badRange || undefined}
            aria-describedby={badRange ? 'encounter-range-error' : undefined}
            onChange={(e) => {
              setTo(e.target.value);
              setOffset(0);
            }}
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={includeVoided}
            onChange={(e) => {
              setIncludeVoided(e.target.checked);
              setOffset(0);
            }}
          />
          <span>{t('encounters.void.showVoided')}</span>
        </label>
      </div>
      {visible.length > 1 && (
        <div className="filters">
          <label>
            <span>{t('encounters.centre')}</span>
            <select
              value={centreId ?? ''}
              onChange={(e) => {
                setCentreId(e.target.value ? Number(e.target.value) : undefined);
                setOffset(0);
              }}
            >
              <option value="">{t('encounters.allCentres')}</option>
              {visible.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {badRange && (
        <FieldError id="encounter-range-error" alert>
          {t('encounters.list.badRange')}
        </FieldError>
      )}
      {!badRange && (
        <PageState query={list}>
          {(data) => (
            <DataTable
              label={t('encounters.list.title')}
              columns={columns}
              rows={data.items}
              rowKey={(e) => e.id}
              rowClassName={(e) => (e.voidedAt ? 'row-voided' : undefined)}
              empty={<EmptyState title={t('encounters.list.empty')} />}
            />
          )}
        </PageState>
      )}
      <Pager offset={offset} pageSize={PAGE} total={total} onChange={setOffset} />
    </>
  );
}

export function EncounterDetail() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const id = Number(useParams().id);
  const e = useQuery(encounterQueries.detail(id));
  const activities = useQuery(activityQueries.list());
  const centres = useQuery(centreQueries.list());
  const [correcting, setCorrecting] = useState(false);
  if (e.isPending) return <Loading />;
  if (e.error) return <ErrorMessage error={e.error} onRetry={() => void e.refetch()} />;
  const x = e.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/encounters">← {t('encounters.list.title')}</Link>
      </p>
      <PageHeader
        title={`${activityLabel(
          t,
          activities.data?.find((a) => a.id === x.activityId),
        )} · ${fmt.date(x.date)}`}
        subtitle={centres.data?.find((c) => c.id === x.centreId)?.name}
        actions={
          x.correctable &&
          !correcting && (
            <>
              <button type="button" className="btn" onClick={() => setCorrecting(true)}>
                {t('encounters.correct.action')}
              </button>
              <VoidEncounter encounter={x} />
            </>
          )
        }
      />
      {x.voidedAt ? (
        <div className="alert alert-warning" role="status">
          {t('encounters.void.voided', { date: fmt.date(x.voidedAt), reason: x.voidReason ?? '' })}
        </div>
      ) : (
        !x.correctable && <p className="muted small">{t('encounters.correct.closed')}</p>
      )}
      {correcting ? (
        <CorrectForm encounter={x} onDone={() => setCorrecting(false)} />
      ) : (
        <dl className="detail-list">
          <dt>{t('encounters.time')}</dt>
          <dd>
            {x.startTime} · {t('encounters.minutes', { count: x.durationMinutes })}
          </dd>
          {HEADCOUNT_GROUPS.map((g) => (
            <Fragment key={g}>
              <dt>{t(`encounters.headcounts.${g}`)}</dt>
              <dd>{x.headcounts[g]}</dd>
            </Fragment>
          ))}
          <dt>{t('encounters.list.named')}</dt>
          <dd>
            {x.attendees.length === 0
              ? '—'
              : x.attendees.map((a) => (
                  <Link key={a.id} to={`/participants/${a.id}`} className="attendee-link">
                    <Badge>{participantLabel(a)}</Badge>
                  </Link>
                ))}
          </dd>
        </dl>
      )}
    </>
  );
}

function CorrectForm({ encounter: x, onDone }: { encounter: Encounter; onDone: () => void }) {
  const { t } = useTranslation();
  const correct = useCorrectEncounter(x.id);
  const errors = useFormErrors(correct.error);
  const [duration, setDuration] = useState(x.durationMinutes);
  const [counts, setCounts] = useState<Headcounts>(x.headcounts);
  const [attendees, setAttendees] = useState(x.attendees.map((a) => a.id));
  const [reason, setReason] = useState('');
  const inPublished = useInPublished(x.centreId, x.date);
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    correct.mutate(
      { durationMinutes: duration, headcounts: counts, attendeeIds: attendees, reason },
      { onSuccess: onDone },
    );
  };
  return (
    <form className="form panel" onSubmit={onSubmit} noValidate>
      <Notice>{t('encounters.correct.hint')}</Notice>
      {inPublished && <Notice>{t('encounters.correct.published')}</Notice>}
      <Alert>{errors.general}</Alert>
      <div className="form-grid">
        <Field label={t('encounters.duration')} error={errors.field('durationMinutes')}>
          {(p) => (
            <input
              {...p}
              type="number"
              value={duration}
              onChange={(e) => setDuration(Math.trunc(Number(e.target.value)))}
            />
          )}
        </Field>
        {HEADCOUNT_GROUPS.map((g) => (
          <Field
            key={g}
            label={t(`encounters.headcounts.${g}`)}
            error={errors.field(`headcounts.${g}`)}
          >
            {(p) => (
              <input
                {...p}
                type="number"
                value={counts[g]}
                onChange={(e) => setCounts({ ...counts, [g]: Math.trunc(Number(e.target.value)) })}
              />
            )}
          </Field>
        ))}
      </div>
      {x.attendees.length > 0 && (
        <fieldset className="fieldset">
          <legend>{t('encounters.list.named')}</legend>
          {x.attendees.map((a) => (
            <label key={a.id} className="checkbox">
              <input
                type="checkbox"
                checked={attendees.includes(a.id)}
                onChange={(e) =>
                  setAttendees(
                    e.target.checked ? [...attendees, a.id] : attendees.filter((i) => i !== a.id),
                  )
                }
              />
              <span>{participantLabel(a)}</span>
            </label>
          ))}
        </fieldset>
      )}
      <Field label={t('encounters.correct.reason')} error={errors.field('reason')}>
        {(p) => <input {...p} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={correct.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
