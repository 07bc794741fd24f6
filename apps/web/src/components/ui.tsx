import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { messageFor } from '../lib/use-form-errors.ts';

export { Field, FieldError } from './form.tsx';
export { ConfirmDialog } from './confirm-dialog.tsx';

export function PageHeader({
  title,
  actions,
  subtitle,
}: {
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('common.loading')}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

/** A message that needs attention now (read out at once): errors, refusals, warnings. */
export function Alert({
  children,
  tone = 'error',
  className,
  id,
}: {
  children?: ReactNode;
  tone?: 'error' | 'warning';
  className?: string;
  id?: string;
}) {
  if (children === undefined || children === null || children === false || children === '')
    return null;
  return (
    <div id={id} className={`alert alert-${tone}${className ? ` ${className}` : ''}`} role="alert">
      {children}
    </div>
  );
}

/** An API or network error in words, with an optional retry and a way out. */
export function ErrorMessage({
  error,
  onRetry,
  action,
}: {
  error: unknown;
  onRetry?: () => void;
  /** A way out that fits this error (e.g. "deactivate instead"), shown beside the message. */
  action?: ReactNode;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert>
      <span>{messageFor(t, error)}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
      {action}
    </Alert>
  );
}

/**
 * A message in a coloured box. `live` (the default) makes it a status region that screen
 * readers announce when it appears after an action; a notice that is simply part of the page
 * (a configuration state shown on load) passes `live={false}`.
 */
export function Notice({
  children,
  tone = 'info',
  live = true,
}: {
  children: ReactNode;
  tone?: 'info' | 'success' | 'warning';
  live?: boolean;
}) {
  return (
    <div className={`alert alert-${tone}`} role={live ? 'status' : undefined}>
      {children}
    </div>
  );
}

export function Badge({
  children,
  tone = 'neutral',
}: {
  children: ReactNode;
  tone?: 'neutral' | 'success' | 'muted' | 'accent';
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** Previous/next paging for server-paginated lists; hidden when everything fits on one page. */
export function Pager({
  offset,
  pageSize,
  total,
  onChange,
}: {
  offset: number;
  pageSize: number;
  total: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  if (total <= pageSize) return null;
  return (
    <nav className="pager" aria-label={t('common.pagination')}>
      <button
        type="button"
        className="btn btn-small"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - pageSize))}
      >
        {t('common.previous')}
      </button>
      <span>
        {t('common.range', {
          from: offset + 1,
          to: Math.min(offset + pageSize, total),
          total,
        })}
      </span>
      <button
        type="button"
        className="btn btn-small"
        disabled={offset + pageSize >= total}
        onClick={() => onChange(offset + pageSize)}
      >
        {t('common.next')}
      </button>
    </nav>
  );
}

/**
 * A wide table's box that scrolls sideways when the screen is too narrow. While it overflows it
 * is a labelled region in the tab order, so keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="table-wrap"
      {...(overflows ? { role: 'region', 'aria-label': label, tabIndex: 0 } : {})}
    >
      {children}
    </div>
  );
}
