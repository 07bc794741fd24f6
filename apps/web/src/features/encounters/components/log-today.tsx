import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isoWeekday, localNow, type Group } from '@begegnung/domain';
import { centreQueries } from '../../../lib/reference-data.ts';
import { useCurrentUser } from '../../../lib/session.ts';
import { useQueueEntries, useQueueSync } from '../../../lib/offline/use-offline-queue.ts';
import { EmptyState, ErrorMessage, Loading, PageHeader } from '../../../components/ui.tsx';
import { activityQueries, encounterQueries, groupQueries } from '../api/encounter-queries.ts';
import { draftFor, type Draft } from './log-draft.ts';
import { LogForm, type LogOutcome } from './log-form.tsx';
import { LogResult } from './log-result.tsx';
import { OfflinePanel } from './offline-panel.tsx';
import { SessionPicker } from './session-picker.tsx';
import { useFormat } from '../../../lib/format.ts';

/** "Heute erfassen": the everyday phone screen. Session → roll call, counts → save (or queue). */
export function LogToday() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const user = useCurrentUser();
  const centres = useQuery(centreQueries.list());
  const myCentres = (centres.data ?? []).filter((c) => user.centreIds.includes(c.id));
  const [centreId, setCentreId] = useState<number | null>(null);
  const activeCentre = centreId ?? myCentres[0]?.id ?? user.centreIds[0];
  const today = localNow().date;
  const groups = useQuery({ ...groupQueries.list(activeCentre), enabled: !!activeCentre });
  const logged = useQuery({
    ...encounterQueries.list({
      centreId: activeCentre,
      from: today,
      to: today,
      limit: 100,
      offset: 0,
    }),
    enabled: !!activeCentre,
  });
  const activities = useQuery(activityQueries.list());
  const { entries } = useQueueEntries(user.id);
  const sendNow = useQueueSync(user.id);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [outcome, setOutcome] = useState<LogOutcome | null>(null);

  const weekday = isoWeekday(today);
  const loggedToday = (logged.data?.items ?? []).filter((e) => e.date === today);
  const done = new Set(loggedToday.map((e) => e.groupId));
  // Today's sessions first, those still to log before those already logged, then by time.
  const sorted = [...(groups.data ?? [])]
    .filter((g) => g.active)
    .sort(
      (a, b) =>
        Number(b.weekdays.includes(weekday)) - Number(a.weekdays.includes(weekday)) ||
        Number(done.has(a.id)) - Number(done.has(b.id)) ||
        a.startTime.localeCompare(b.startTime) ||
        a.name.localeCompare(b.name),
    );

  if (!activeCentre) return <EmptyState title={t('encounters.log.noCentre')} />;
  if (groups.isPending || activities.isPending) return <Loading />;
  if (groups.error)
    return <ErrorMessage error={groups.error} onRetry={() => void groups.refetch()} />;

  const pick = (g: Group | null, a = activities.data?.[0]) => {
    setOutcome(null);
    setDraft(
      draftFor(
        g,
        g?.activityId ?? a?.id ?? 0,
        g?.durationMinutes ?? a?.defaultDurationMinutes ?? 60,
      ),
    );
  };

  return (
    <>
      <PageHeader title={t('encounters.log.title')} subtitle={fmt.dateFull(new Date())} />
      <OfflinePanel userId={user.id} onSendNow={() => void sendNow()} />
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
      {outcome && !draft && <LogResult outcome={outcome} />}
      {!draft ? (
        <SessionPicker
          groups={sorted}
          weekday={weekday}
          logged={loggedToday}
          queued={entries.filter((e) => e.body.centreId === activeCentre && e.body.date === today)}
          activities={activities.data ?? []}
          onPick={pick}
        />
      ) : (
        <LogForm
          key={draft.requestId}
          centreId={activeCentre}
          userId={user.id}
          initial={draft}
          group={sorted.find((g) => g.id === draft.groupId) ?? null}
          onCancel={() => setDraft(null)}
          onDone={(o) => {
            setOutcome(o);
            setDraft(null);
          }}
        />
      )}
    </>
  );
}
