import { useTranslation } from 'react-i18next';

/** The submit and cancel buttons every hiring form ends with. */
export function FormActions({
  submitLabel,
  busy,
  disabled,
  onCancel,
  small,
}: {
  submitLabel?: string;
  busy?: boolean;
  disabled?: boolean;
  onCancel?: () => void;
  small?: boolean;
}) {
  const { t } = useTranslation();
  const size = small ? ' btn-small' : '';
  return (
    <div className="form-actions">
      <button type="submit" className={`btn btn-primary${size}`} disabled={busy || disabled}>
        {submitLabel ?? t('common.save')}
      </button>
      {onCancel && (
        <button type="button" className={`btn${size}`} onClick={onCancel}>
          {t('common.cancel')}
        </button>
      )}
    </div>
  );
}
