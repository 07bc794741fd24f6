import { useTranslation } from 'react-i18next';
import { ApiError } from './api-client.ts';

/** Turns a mutation error into a per-field message lookup and a general message. */
export function useFormErrors(error: unknown) {
  const { t } = useTranslation();
  const apiError = error instanceof ApiError ? error : null;
  return {
    field(name: string): string | undefined {
      const d = apiError?.fieldError(name);
      if (!d) return undefined;
      return t(`fieldErrors.${d.code}`, {
        defaultValue: t(`errors.${apiError!.code}`, { defaultValue: d.message }),
      });
    },
    general: error ? messageFor(t, error) : undefined,
  };
}

export function messageFor(t: (k: string, o?: Record<string, unknown>) => string, error: unknown) {
  if (error instanceof ApiError) {
    return t(`errors.${error.code}`, { defaultValue: t('errors.UNKNOWN'), message: error.message });
  }
  return t('errors.UNKNOWN');
}
