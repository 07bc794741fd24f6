import { describe, expect, it } from 'vitest';
import { passwordProblem, PASSWORD_MIN_LENGTH } from './password.rules.ts';

describe('passwordProblem', () => {
  it('accepts a long, varied password', () => {
    expect(passwordProblem('Leineberg-Sprachcafe-7')).toBeNull();
  });
  it('rejects one character below the minimum and accepts the minimum', () => {
    expect(passwordProblem('a1b2c3d4e5f'.slice(0, PASSWORD_MIN_LENGTH - 1))).toBe('too_short');
    expect(passwordProblem('a1b2c3d4e5f6')).toBeNull();
  });
  it('rejects common passwords regardless of case', () => {
    expect(passwordProblem('PASSWORT1234')).toBe('too_common');
  });
  it('rejects a password containing the email local part', () => {
    expect(passwordProblem('kim.meyer-2024!', 'kim.meyer@stadt.de')).toBe('too_common');
  });
  it('rejects passwords with fewer than four distinct characters', () => {
    expect(passwordProblem('abababababab')).toBe('too_repetitive');
  });
});
