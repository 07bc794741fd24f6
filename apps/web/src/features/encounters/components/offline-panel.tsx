import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../../components/ui.tsx';
import { useFormat } from '../../../lib/format.ts';
import { put, remove, type QueueEntry } from '../../../lib/offline/queue.ts';
import { confirmDuplicate, countAnonymously } from '../../../lib/offline/sync.ts';
import { useOnline, useQueueEntries } from '../../../lib/offline/use-offline-queue.ts';

/**
 * The local queue as staff see it: how many entries wait, when the last ones went out, and
 * every entry the server refused with its reason and one-tap choices. Nothing disappears
 * unseen: dropping asks first.
 */
export function OfflinePanel({ userId, onSendNow }: { userId: number; onSendNow: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const online = useOnline();
  const { entries, lastSync } = useQueueEntries(userId);
  const [dropping, setDropping] = useState<QueueEntry | null>(null);
  const pending = entries.filter((e) => e.state === 'pending');
  const refused = entries.filter((e) => e.state === 'refused');
  if (online && entries.length === 0 && !lastSync) return null;

  return (
    <section className="offline-panel" aria-labelledby="offline-title">
      <h2 id="offline-title" className="sr-only">
        {t('encounters.offline.title')}
      </h2>
      {!online && (
        <div className="alert alert-warning" role="status">
          {t('encounters.offline.offline')}
        </div>
      )}
      <p className="small" role="status" data-testid="queue-status">
        {pending.length > 0
          ? t('encounters.offline.waiting', { count: pending.length })
          : refused.length === 0 && t('encounters.offline.nothingWaiting')}
        {refused.length > 0 &&
          `${pending.length > 0 ? ' · ' : ''}${t('encounters.offline.refusedCount', { count: refused.length })}`}
        {lastSync && ` · ${t('encounters.offline.lastSync', { at: fmt.dateTime(lastSync) })}`}
        {online && pending.length > 0 && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={onSendNow}>
              {t('encounters.offline.sendNow')}
            </button>
          </>
        )}
      </p>
      {entries.length > 0 && (
        <ul className="offline-entries" aria-label={t('encounters.offline.entries')}>
          {entries.map((e) => (
            <li
              key={e.clientRequestId}
              className={`offline-entry${e.state === 'refused' ? ' offline-entry-refused' : ''}`}
            >
              <strong>
                {e.label} · {fmt.date(e.body.date)}
              </strong>
              {e.state === 'pending' ? (
                <span className="muted small">{t('encounters.offline.pending')}</span>
              ) : (
                <>
                  <span role="alert">
                    {t('encounters.offline.refused')}{' '}
                    {t(`errors.${e.refusal?.code ?? 'INTERNAL_ERROR'}`, {
                      defaultValue: e.refusal?.message ?? '',
                    })}
                  </span>
                  <div className="offline-entry-actions">
                    {e.body.attendeeIds.length > 0 && e.refusal?.code !== 'POSSIBLE_DUPLICATE' && (
                      <button
                        type="button"
                        className="btn btn-small btn-primary"
                        onClick={() => void put(countAnonymously(e)).then(onSendNow)}
                      >
                        {t('encounters.offline.countAnonymously')}
                      </button>
                    )}
                    {e.refusal?.code === 'POSSIBLE_DUPLICATE' && (
                      <button
                        type="button"
                        className="btn btn-small"
                        onClick={() => void put(confirmDuplicate(e)).then(onSendNow)}
                      >
                        {t('encounters.log.saveSecond')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      onClick={() => setDropping(e)}
                    >
                      {t('encounters.offline.drop')}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={dropping !== null}
        title={t('encounters.offline.dropTitle')}
        body={t('encounters.offline.dropBody', { label: dropping?.label ?? '' })}
        confirmLabel={t('encounters.offline.drop')}
        danger
        onCancel={() => setDropping(null)}
        onConfirm={() => {
          if (dropping) void remove(dropping.clientRequestId);
          setDropping(null);
        }}
      />
    </section>
  );
}
