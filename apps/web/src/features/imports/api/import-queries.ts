import { useMutation } from '@tanstack/react-query';
import type { ImportFileBody, ImportResult } from '@begegnung/domain';
import { api, qs } from '../../../lib/api-client.ts';
import { useInvalidateAfter } from '../../../lib/query-keys.ts';

/** The file's bytes as base64, the way the import routes take them (JSON body). */
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export const usePreviewImport = () =>
  useMutation({
    mutationFn: (body: ImportFileBody) => api.post<ImportResult>('/imports/preview', body),
  });

/** Commits the valid rows; participants, encounters and figures are stale afterwards. */
export function useCommitImport() {
  const invalidate = useInvalidateAfter();
  return useMutation({
    mutationFn: (body: ImportFileBody) => api.post<ImportResult>('/imports/commit', body),
    onSuccess: () => invalidate('participantData'),
  });
}

/** Downloads the rejected rows with their reasons as a CSV file. */
export async function downloadRejected(body: ImportFileBody, lang: 'de' | 'en') {
  const blob = await api.download('/imports/rejected.csv', { ...body, lang });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = lang === 'de' ? 'abgelehnte-zeilen.csv' : 'rejected-rows.csv';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const participantExportUrl = (centreId: number) =>
  `/api/participants/export.xlsx${qs({ centreId })}`;
