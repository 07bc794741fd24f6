export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// A short list of the most common passwords and patterns (from public breach corpora).
// Blocks the obvious; a full breached-password check is out of scope offline.
const COMMON = new Set([
  '123456789012',
  'passwort1234',
  'password1234',
  'qwertzuiop12',
  'qwertyuiop12',
  'hallo1234567',
  'begegnung123',
  'göttingen123',
  'goettingen12',
  'sommer2024!!',
  'winter2024!!',
  '111111111111',
  'abcdefghijkl',
  'passwortpasswort',
  'passwordpassword',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'too_repetitive';

/** Returns the problem with a proposed password, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'too_common';
  if (email && lower.includes(email.split('@')[0]!.toLowerCase())) return 'too_common';
  if (new Set(lower).size < 4) return 'too_repetitive';
  return null;
}
