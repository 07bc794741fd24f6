import { useId, type ReactNode } from 'react';

interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
  'aria-required'?: true;
}

interface FieldProps {
  label: string;
  /** What is wrong, in words ("Bitte ausfüllen"): usually `errors.field(name)` of useFormErrors. */
  error?: string;
  hint?: ReactNode;
  /** Marks the control as required for screen readers (the check itself is the form's). */
  required?: boolean;
  className?: string;
  children: (props: ControlProps) => ReactNode;
}

/**
 * Label, control, hint and error wired together for screen readers: the control gets the id,
 * aria-invalid while there is an error, and aria-describedby pointing at hint and error.
 */
export function Field({ label, error, hint, required, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': !!error,
        'aria-describedby': describedBy,
        ...(required ? { 'aria-required': true as const } : {}),
      })}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
      <FieldError id={errorId}>{error}</FieldError>
    </div>
  );
}

/**
 * A field's error in words, under the control it belongs to. Inside `Field` it is announced
 * through aria-describedby; on its own (`alert`) it is read out as soon as it appears.
 */
export function FieldError({
  id,
  children,
  alert,
}: {
  id?: string;
  children?: ReactNode;
  alert?: boolean;
}) {
  if (children === undefined || children === null || children === false || children === '')
    return null;
  return (
    <p className="field-error" id={id} role={alert ? 'alert' : undefined}>
      {children}
    </p>
  );
}
