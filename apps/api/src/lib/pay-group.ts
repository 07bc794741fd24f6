import { DomainError, normalisePayGroup, type PayGroupCode } from '@begegnung/domain';

/** The catalogue spelling of a pay group ("S11b" → "S 11b"), or 400 UNKNOWN_PAY_GROUP. */
export function payGroupOrThrow(input: string): PayGroupCode {
  const code = normalisePayGroup(input);
  if (code === null) {
    throw new DomainError(
      'UNKNOWN_PAY_GROUP',
      `Pay group "${input}" is not in the catalogue`,
      400,
      [
        {
          field: 'payGroup',
          code: 'unknown_pay_group',
          message: 'Choose a TVöD SuE group, e.g. S 11b',
        },
      ],
    );
  }
  return code;
}
