import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../lib/format.ts';
import {
  CONTACT_PREFERENCES,
  PARTICIPANT_SORTS,
  hasRole,
  type ContactPreference,
  type ParticipantSort,
  type ParticipantSummary,
} from '@begegnung/domain';
import {
  centreQueries,
  seesAllParticipantData,
  visibleCentres,
} from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { Alert, Badge, EmptyState, Field, PageHeader, Pager } from '../../../components/ui.tsx';
import { participantQueries, useCreateParticipant } from '../api/encounter-queries.ts';
import { DataTable, type Column, type SortState } from '../../../components/data-table.tsx';
import { PageState } from '../../../components/page-state.tsx';

const PAGE = 25;

export function ParticipantList() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const user = useCurrentUser();
  const [q, setQ] = useState('');
  const [centreId, setCentreId] = useState<number | undefined>();
  const [consent, setConsent] = useState<'' | 'yes' | 'no'>('');
  const [sort, setSort] = useState<ParticipantSort>('name');
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const list = useQuery(
    participantQueries.list({
      q: q.trim() || undefined,
      centreId,
      withConsent: consent === '' ? undefined : consent === 'yes',
      sort,
      limit: PAGE,
      offset,
    }),
  );
  const centres = useQuery(centreQueries.list());
  const centreName = (id: number) => centres.data?.find((c) => c.id === id)?.name ?? `#${id}`;
  const total = list.data?.total ?? 0;
  const visible = visibleCentres(user, centres.data, seesAllParticipantData);
  /** Every filter change starts again at the first page. */
  const change =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setOffset(0);
    };
  const isStaff = hasRole(user, 'centre_staff');
  // The server sorts (the list is paged): header clicks choose one of its orders.
  const tableSort: SortState | undefined =
    sort === 'name'
      ? { key: 'person', dir: 'asc' }
      : sort === 'lastSeenAsc'
        ? { key: 'lastSeen', dir: 'asc' }
        : sort === 'lastSeenDesc'
          ? { key: 'lastSeen', dir: 'desc' }
          : undefined;
  const onTableSort = (s: SortState) =>
    change(setSort)(s.key === 'person' ? 'name' : s.dir === 'asc' ? 'lastSeenAsc' : 'lastSeenDesc');
  const columns: Column<ParticipantSummary>[] = [
    {
      key: 'person',
      header: t('encounters.participants.person'),
      sortable: true,
      cell: (p) => (
        <>
          <Link to={`/participants/${p.id}`} className="strong-link">
            {p.alias ?? p.code}
          </Link>
          <div className="muted small">{p.code}</div>
        </>
      ),
    },
    { key: 'centre', header: t('encounters.centre'), cell: (p) => centreName(p.centreId) },
    {
      key: 'lastSeen',
      header: t('encounters.participants.lastSeen'),
      sortable: true,
      cell: (p) => fmt.date(p.lastSeenOn),
    },
    {
      key: 'consent',
      header: t('encounters.consent.title'),
      cell: (p) =>
        p.followUpConsent ? (
          <Badge tone="success">{t('encounters.consent.valid')}</Badge>
        ) : (
          <Badge tone="muted">{t('encounters.consent.anonymousOnly')}</Badge>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('encounters.participants.title')}
        subtitle={
          isStaff
            ? t('encounters.participants.subtitle')
            : t('encounters.participants.subtitleCoordinator')
        }
        actions={
          isStaff &&
          !creating && (
            <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
              {t('encounters.participants.new')}
            </button>
          )
        }
      />
      {creating && <ParticipantCreate onCancel={() => setCreating(false)} />}
      <div className="filters" role="search">
        <label>
          <span>{t('encounters.participants.search')}</span>
          <input
            type="search"
            value={q}
            placeholder={t('encounters.participants.searchPlaceholder')}
            onChange={(e) => change(setQ)(e.target.value)}
          />
        </label>
        {visible.length > 1 && (
          <label>
            <span>{t('encounters.centre')}</span>
            <select
              value={centreId ?? ''}
              onChange={(e) =>
                change(setCentreId)(e.target.value ? Number(e.target.value) : undefined)
              }
            >
              <option value="">{t('encounters.allCentres')}</option>
              {visible.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>{t('encounters.consent.title')}</span>
          <select
            value={consent}
            onChange={(e) => change(setConsent)(e.target.value as '' | 'yes' | 'no')}
          >
            <option value="">{t('encounters.participants.consentAll')}</option>
            <option value="yes">{t('encounters.consent.valid')}</option>
            <option value="no">{t('encounters.consent.anonymousOnly')}</option>
          </select>
        </label>
        <label>
          <span>{t('encounters.participants.sort')}</span>
          <select value={sort} onChange={(e) => change(setSort)(e.target.value as ParticipantSort)}>
            {PARTICIPANT_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`encounters.participants.sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.data && (
        <p className="muted small" aria-live="polite">
          {t('encounters.participants.count', { count: total })}
        </p>
      )}
      <PageState query={list}>
        {(data) => (
          <DataTable
            label={t('encounters.participants.title')}
            columns={columns}
            rows={data.items}
            rowKey={(p) => p.id}
            empty={<EmptyState title={t('encounters.participants.empty')} />}
            sort={tableSort}
            onSortChange={onTableSort}
          />
        )}
      </PageState>
      <Pager offset={offset} pageSize={PAGE} total={total} onChange={setOffset} />
    </>
  );
}

function ParticipantCreate({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const centres = useQuery(centreQueries.list());
  const mine = (centres.data ?? []).filter((c) => user.centreIds.includes(c.id));
  const create = useCreateParticipant();
  const errors = useFormErrors(create.error);
  const [centreId, setCentreId] = useState(user.centreIds[0] ?? 0);
  const [alias, setAlias] = useState('');
  const [householdSize, setHouseholdSize] = useState('');
  const [languages, setLanguages] = useState('');
  const [movedInAt, setMovedInAt] = useState('');
  const [contactPreference, setContactPreference] = useState<ContactPreference>('in_person');
  const [notes, setNotes] = useState('');
  const duplicate =
    create.error instanceof ApiError && create.error.code === 'POSSIBLE_DUPLICATE'
      ? create.error
      : null;

  const submit = (confirmNotDuplicate: boolean) =>
    create.mutate(
      {
        centreId,
        ...(alias.trim() ? { alias: alias.trim() } : {}),
        ...(householdSize ? { householdSize: Number(householdSize) } : {}),
        languages: languages
          .split(',')
          .map((l) => l.trim())
          .filter(Boolean),
        ...(movedInAt ? { movedInAt } : {}),
        contactPreference,
        ...(notes.trim() ? { notes: notes.trim() } : {}),
        ...(confirmNotDuplicate ? { confirmNotDuplicate: true } : {}),
      },
      { onSuccess: (p) => navigate(`/participants/${p.id}`) },
    );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit(false);
  };

  return (
    <form className="form form-inline-card panel" onSubmit={onSubmit} noValidate>
      <h2>{t('encounters.participants.new')}</h2>
      <p className="field-hint">{t('encounters.participants.minimalHint')}</p>
      {duplicate ? (
        <Alert tone="warning">
          <span>
            {t('errors.POSSIBLE_DUPLICATE')} {duplicate.details.map((d) => d.message).join(', ')}
          </span>
          <button type="button" className="btn btn-small" onClick={() => submit(true)}>
            {t('encounters.participants.createAnyway')}
          </button>
        </Alert>
      ) : (
        <Alert>{errors.general}</Alert>
      )}
      <div className="form-grid">
        {mine.length > 1 && (
          <Field label={t('encounters.centre')}>
            {(p) => (
              <select {...p} value={centreId} onChange={(e) => setCentreId(Number(e.target.value))}>
                {mine.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label={t('encounters.participants.alias')}
          hint={t('encounters.participants.aliasHint')}
          error={errors.field('alias')}
        >
          {(p) => (
            <input {...p} name="alias" value={alias} onChange={(e) => setAlias(e.target.value)} />
          )}
        </Field>
        <Field
          label={t('encounters.participants.householdSize')}
          error={errors.field('householdSize')}
        >
          {(p) => (
            <input
              {...p}
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
              value={householdSize}
              onChange={(e) => setHouseholdSize(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('encounters.participants.languages')}
          hint={t('encounters.participants.languagesHint')}
          error={errors.field('languages')}
        >
          {(p) => <input {...p} value={languages} onChange={(e) => setLanguages(e.target.value)} />}
        </Field>
        <Field
          label={t('encounters.participants.movedInAt')}
          hint={t('encounters.participants.movedInAtHint')}
          error={errors.field('movedInAt')}
        >
          {(p) => (
            <input
              {...p}
              type="date"
              value={movedInAt}
              onChange={(e) => setMovedInAt(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('encounters.participants.contactPreference')}>
          {(p) => (
            <select
              {...p}
              value={contactPreference}
              onChange={(e) => setContactPreference(e.target.value as ContactPreference)}
            >
              {CONTACT_PREFERENCES.map((c) => (
                <option key={c} value={c}>
                  {t(`encounters.contactPreferences.${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={t('encounters.participants.notes')} error={errors.field('notes')}>
        {(p) => (
          <>
            <p className="alert alert-warning small">{t('encounters.participants.notesWarning')}</p>
            <textarea
              {...p}
              rows={3}
              maxLength={1000}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          </>
        )}
      </Field>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t('common.saving') : t('encounters.participants.create')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
