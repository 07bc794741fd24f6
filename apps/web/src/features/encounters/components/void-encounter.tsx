import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Encounter } from '@begegnung/domain';
import { ConfirmDialog } from '../../../components/ui.tsx';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { useInPublished, useVoidEncounter } from '../api/encounter-queries.ts';

/** "Eintrag stornieren": asks for a reason; the entry stays stored but leaves every figure. */
export function VoidEncounter({ encounter }: { encounter: Encounter }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const mutation = useVoidEncounter(encounter.id);
  const errors = useFormErrors(mutation.error);
  const inPublished = useInPublished(encounter.centreId, encounter.date);
  return (
    <>
      <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
        {t('encounters.void.action')}
      </button>
      <ConfirmDialog
        open={open}
        title={t('encounters.void.title')}
        danger
        busy={mutation.isPending || reason.trim().length < 3}
        confirmLabel={t('encounters.void.confirm')}
        body={
          <>
            <p>{t('encounters.void.body')}</p>
            {inPublished && <p>{t('encounters.correct.published')}</p>}
            <label className="field">
              <span>{t('encounters.void.reason')}</span>
              <textarea
                value={reason}
                maxLength={300}
                rows={2}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
            {errors.general && <p className="field-error">{errors.general}</p>}
          </>
        }
        onCancel={() => setOpen(false)}
        onConfirm={() =>
          mutation.mutate({ reason: reason.trim() }, { onSuccess: () => setOpen(false) })
        }
      />
    </>
  );
}
