import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, renderHook, screen } from '@testing-library/react';
import '../i18n/index.ts';
import { ApiError } from '../lib/api-client.ts';
import { useFormErrors } from '../lib/use-form-errors.ts';
import { Field } from './form.tsx';

afterEach(cleanup);

describe('Field', () => {
  it('ties label, hint and control together without an error', () => {
    render(
      <Field label="Rufname" hint="Wie die Person genannt werden möchte">
        {(p) => <input {...p} />}
      </Field>,
    );
    const input = screen.getByLabelText('Rufname');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    const described = input.getAttribute('aria-describedby')!;
    expect(document.getElementById(described)!.textContent).toBe(
      'Wie die Person genannt werden möchte',
    );
    expect(screen.queryByText('Bitte ausfüllen')).toBeNull();
  });

  it('shows the error under the control, marks it invalid and describes it by hint and error', () => {
    render(
      <Field label="Rufname" hint="Hinweis" error="Bitte ausfüllen" required>
        {(p) => <input {...p} />}
      </Field>,
    );
    const input = screen.getByLabelText('Rufname');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-required')).toBe('true');
    const ids = input.getAttribute('aria-describedby')!.split(' ');
    expect(ids.map((id) => document.getElementById(id)!.textContent)).toEqual([
      'Hinweis',
      'Bitte ausfüllen',
    ]);
    expect(document.getElementById(ids[1]!)!.classList.contains('field-error')).toBe(true);
  });

  it('gives two fields on one page their own ids', () => {
    render(
      <>
        <Field label="Eins">{(p) => <input {...p} />}</Field>
        <Field label="Zwei">{(p) => <input {...p} />}</Field>
      </>,
    );
    expect(screen.getByLabelText('Eins').id).not.toBe(screen.getByLabelText('Zwei').id);
  });
});

describe('useFormErrors', () => {
  const refused = new ApiError(400, {
    code: 'VALIDATION_ERROR',
    message: 'invalid',
    details: [
      { field: 'alias', code: 'required', message: 'is required' },
      { field: 'householdSize', code: 'maxLength', message: 'too long' },
    ],
  });

  it('says what is wrong per field in German: an empty required field is "Bitte ausfüllen"', () => {
    const { result } = renderHook(() => useFormErrors(refused));
    expect(result.current.field('alias')).toBe('Bitte ausfüllen');
    expect(result.current.field('householdSize')).toBe('Zu lang – bitte kürzen');
    expect(result.current.field('notes')).toBeUndefined();
    expect(result.current.general).toBeTruthy();
  });

  it('has nothing to say without an error', () => {
    const { result } = renderHook(() => useFormErrors(null));
    expect(result.current.field('alias')).toBeUndefined();
    expect(result.current.general).toBeUndefined();
  });
});
