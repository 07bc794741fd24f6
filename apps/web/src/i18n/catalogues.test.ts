import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  ROLES,
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  LEGAL_FORMS,
} from '@begegnung/domain';
import { catalogues } from './resources.ts';

const de = catalogues.de as unknown as Record<string, Record<string, Record<string, string>>>;
const en = catalogues.en!;

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('message catalogues', () => {
  it('German and English have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });
  it('every API error code has a German message', () => {
    const missing = ERROR_CODES.filter((c) => !(c in de.errors!));
    expect(missing).toEqual([]);
  });
  it('every role, audit action and legal form has a label', () => {
    expect(ROLES.filter((r) => !(r in de.roles!))).toEqual([]);
    expect(AUDIT_ACTIONS.filter((a) => !(a in de.audit!.actions!))).toEqual([]);
    expect(LEGAL_FORMS.filter((f) => !(f in de.legalForms!))).toEqual([]);
    expect(AUDIT_ENTITY_TYPES.filter((e) => !(e in de.audit!.entities!))).toEqual([]);
    expect(AUDIT_ENTITY_TYPES.filter((e) => !(e in de.audit!.entities!))).toEqual([]);
  });
  it('no value is empty', () => {
    const flat = (o: object): string[] =>
      Object.values(o).flatMap((v) => (typeof v === 'object' ? flat(v) : [String(v)]));
    expect(flat(de).filter((v) => v.trim() === '')).toEqual([]);
  });
});
