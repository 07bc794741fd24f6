import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Application, ApplicationStatus } from '@begegnung/domain';
import { useFormErrors } from '../../../lib/use-form-errors.ts';
import { ConfirmDialog, Field } from '../../../components/ui.tsx';
import { useApplicationStatus } from '../api/hiring-queries.ts';
import { TransitionButtons } from '../shared/transition-buttons.tsx';

/** Moves the application along; rejecting a must-invite candidate needs the documented reason. */
export function ApplicationStatusActions({ app }: { app: Application }) {
  const { t } = useTranslation();
  const change = useApplicationStatus(app.id);
  const errors = useFormErrors(change.error);
  const [to, setTo] = useState<ApplicationStatus | null>(null);
  const [reason, setReason] = useState('');
  const [unsuitable, setUnsuitable] = useState(false);
  if (app.allowedTransitions.length === 0) return null;
  const mustInviteReject = to === 'rejected' && app.mustInvite;
  return (
    <>
      <TransitionButtons
        transitions={app.allowedTransitions}
        label={(s) => t(`hiring.applicationActions.${s}`)}
        tone={(s) => (s === 'rejected' ? 'danger' : s === 'invited' ? 'primary' : 'plain')}
        small
        onPick={(s) => {
          change.reset();
          setTo(s);
        }}
      />
      <ConfirmDialog
        open={to !== null}
        title={to ? t(`hiring.applicationActions.${to}`) : ''}
        body={
          <>
            {mustInviteReject && (
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
            {mustInviteReject && (
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
