import { useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ParticipantSummary, RosterMember } from '@begegnung/domain';
import { useFormat } from '../../../lib/format.ts';
import { useOnline } from '../../../lib/offline/use-offline-queue.ts';
import { participantQueries } from '../api/encounter-queries.ts';
import { participantLabel } from './labels.ts';
import type { NamedPerson } from './log-draft.ts';

/**
 * Who is present. Nobody is ticked at first; "alle anwesend" ticks everyone who may be named,
 * on purpose. Search finds people by the start of their name or code and never offers someone
 * already on the list; identical names are told apart by code and last visit.
 */
export function RollCall({
  centreId,
  roster,
  named,
  onChange,
  onCountAnonymously,
  error,
}: {
  centreId: number;
  roster: RosterMember[];
  named: NamedPerson[];
  onChange: (named: NamedPerson[]) => void;
  onCountAnonymously: () => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const online = useOnline();
  const [search, setSearch] = useState('');
  const q = search.trim();
  const found = useQuery({
    ...participantQueries.list({ q, centreId, limit: 8, offset: 0 }),
    enabled: online && q.length >= 2,
  });
  const namedIds = new Set(named.map((n) => n.id));
  const onList = new Set([...roster.map((r) => r.id), ...namedIds]);
  const hits = (found.data?.items ?? []).filter((p) => !onList.has(p.id));
  const extra = named.filter((n) => !roster.some((r) => r.id === n.id));
  const nameable = roster.filter((m) => m.followUpConsent);
  const allPresent = nameable.length > 0 && nameable.every((m) => namedIds.has(m.id));

  const toggle = (p: NamedPerson, on: boolean) =>
    onChange(on ? [...named, p] : named.filter((n) => n.id !== p.id));

  const add = (p: ParticipantSummary) => {
    if (p.followUpConsent) onChange([...named, { id: p.id, code: p.code, alias: p.alias }]);
    else onCountAnonymously();
    setSearch('');
  };

  // Enter in a filled search field takes the first hit instead of sending the form.
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || q === '') return;
    e.preventDefault();
    if (hits[0]) add(hits[0]);
  };

  return (
    <fieldset className="fieldset">
      <legend>{t('encounters.log.named', { count: named.length })}</legend>
      {roster.length > 0 && (
        <div className="roster-head">
          <span className="muted small">{t('encounters.log.nobodyTicked')}</span>
          <button
            type="button"
            className="btn btn-small"
            disabled={allPresent}
            onClick={() => onChange([...named, ...nameable.filter((m) => !namedIds.has(m.id))])}
          >
            {t('encounters.log.allPresent')}
          </button>
        </div>
      )}
      {roster.length === 0 && extra.length === 0 && (
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
                onChange={(e) => toggle(m, e.target.checked)}
              />
              <span>
                {participantLabel(m)}
                {!m.followUpConsent && <small>{t('encounters.consent.anonymousOnly')}</small>}
              </span>
            </label>
          </li>
        ))}
        {extra.map((m) => (
          <li key={m.id}>
            <label className="checkbox">
              <input type="checkbox" checked onChange={() => toggle(m, false)} />
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
          disabled={!online}
          aria-describedby={online ? undefined : 'log-search-offline'}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={onSearchKey}
        />
        {!online && (
          <p id="log-search-offline" className="field-hint">
            {t('encounters.log.searchOffline')}
          </p>
        )}
      </div>
      {online && found.data && q.length >= 2 && (
        <ul className="search-results" aria-label={t('encounters.log.results')}>
          {hits.length === 0 && <li className="muted small">{t('encounters.log.noResults')}</li>}
          {hits.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="btn btn-small btn-block search-hit"
                onClick={() => add(p)}
              >
                <span>
                  {participantLabel(p)}
                  <span className="hit-meta">
                    {p.lastSeenOn
                      ? t('encounters.log.lastVisit', { date: fmt.date(p.lastSeenOn) })
                      : t('encounters.log.neverSeen')}
                  </span>
                </span>
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
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
