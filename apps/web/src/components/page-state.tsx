import type { ReactNode } from 'react';
import { EmptyState, ErrorMessage, Loading } from './ui.tsx';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/**
 * The one way a screen shows what a query is doing: a spinner while loading, the error in
 * words with a retry, an empty-state line when there is nothing, and otherwise the content.
 */
export function PageState<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike<T>;
  /** When the data counts as "nothing there" (e.g. an empty list). */
  isEmpty?: (data: T) => boolean;
  /** The empty-state title (or a whole element) shown when `isEmpty` holds. */
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.error) return <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending || query.data === undefined) return <Loading />;
  if (isEmpty?.(query.data) && empty !== undefined)
    return typeof empty === 'string' ? <EmptyState title={empty} /> : <>{empty}</>;
  return <>{children(query.data)}</>;
}
