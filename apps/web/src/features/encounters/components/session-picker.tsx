import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Activity, EncounterSummary, Group } from '@begegnung/domain';
import type { QueueEntry } from '../../../lib/offline/queue.ts';

/**
 * Today's sessions as large cards. A session already logged today is marked "bereits erfasst"
 * and opens that entry for correction instead of starting a second one; one waiting in the
 * offline queue is marked too.
 */
export function SessionPicker({
  groups,
  weekday,
  logged,
  queued,
  activities,
  onPick,
}: {
  groups: Group[];
  weekday: number;
  logged: EncounterSummary[];
  queued: QueueEntry[];
  activities: Activity[];
  onPick: (group: Group | null, activity?: Activity) => void;
}) {
  const { t } = useTranslation();
  const other = activities.find((x) => x.key === 'counselling') ?? activities[0];
  return (
    <section aria-labelledby="pick-title">
      <h2 id="pick-title">{t('encounters.log.pick')}</h2>
      <ul className="log-groups">
        {groups.map((g) => {
          const isToday = g.weekdays.includes(weekday);
          const done = logged.find((e) => e.groupId === g.id);
          const mine = queued.filter((q) => q.body.groupId === g.id);
          const waiting = mine.length > 0;
          const refused = mine.some((q) => q.state === 'refused');
          const meta = (
            <span className="log-group-meta">
              {isToday ? t('encounters.log.today') : t('encounters.log.notToday')} · {g.startTime} ·{' '}
              {t('encounters.log.rosterCount', { count: g.roster.length })}
            </span>
          );
          return (
            <li key={g.id}>
              {done ? (
                <Link to={`/encounters/${done.id}`} className="log-group log-group-done">
                  <span className="log-group-name">{g.name}</span>
                  {meta}
                  <span className="log-group-badge">
                    {t('encounters.log.alreadyLogged', { time: done.startTime })}
                  </span>
                </Link>
              ) : (
                <button
                  type="button"
                  className={`log-group${isToday ? ' log-group-today' : ''}`}
                  onClick={() => onPick(g)}
                >
                  <span className="log-group-name">{g.name}</span>
                  {meta}
                  {waiting && (
                    <span className="log-group-badge">
                      {refused
                        ? t('encounters.log.refusedBadge')
                        : t('encounters.log.waitingBadge')}
                    </span>
                  )}
                </button>
              )}
            </li>
          );
        })}
        <li>
          <button
            type="button"
            className="log-group log-group-other"
            onClick={() => onPick(null, other)}
          >
            <span className="log-group-name">{t('encounters.log.other')}</span>
            <span className="log-group-meta">{t('encounters.log.otherHint')}</span>
          </button>
        </li>
      </ul>
    </section>
  );
}
