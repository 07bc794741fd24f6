import { describe, expect, it } from 'vitest';
import { readCount, readDate, readTime, rowKey, suggestMapping } from './import.fields.ts';
import { sensitiveColumns, unpackedZipSize } from './import.parse.ts';

describe('reading cells', () => {
  it('reads ISO and German dates and refuses impossible ones', () => {
    expect(readDate('2026-03-01')).toBe('2026-03-01');
    expect(readDate('1.3.2026')).toBe('2026-03-01');
    expect(readDate('01.03.26')).toBe('2026-03-01');
    expect(readDate('01/03/2026')).toBe('2026-03-01');
    expect(readDate('31.02.2026')).toBeNull();
    expect(readDate('2026-13-01')).toBeNull();
    expect(readDate('gestern')).toBeNull();
  });
  it('reads times and whole counts', () => {
    expect(readTime('9:30')).toBe('09:30');
    expect(readTime('09.30')).toBe('09:30');
    expect(readTime('24:00')).toBeNull();
    expect(readCount('3')).toBe(3);
    expect(readCount('3,0')).toBe(3);
    expect(readCount('-1')).toBeNull();
    expect(readCount('2.5')).toBeNull();
  });
});

describe('headings', () => {
  it('finds sensitive columns in German and English, whatever the spelling', () => {
    expect(
      sensitiveColumns([
        'Alias',
        'Nach-Name',
        'STAATSANGEHÖRIGKEIT',
        'Herkunftsland',
        'Religion/Konfession',
        'Diagnose',
        'Health notes',
        'Last name',
        'Sprachen',
      ]).map((s) => s.category),
    ).toEqual(['surname', 'nationality', 'nationality', 'religion', 'health', 'health', 'surname']);
  });
  it('suggests a mapping from German and English headings', () => {
    expect(
      suggestMapping('sessions', ['Datum', 'Angebot', 'Neuzugezogene', 'Host society']),
    ).toMatchObject({
      date: 'Datum',
      activity: 'Angebot',
      newcomers: 'Neuzugezogene',
      host: 'Host society',
      startTime: null,
    });
  });
});

describe('row keys', () => {
  it('ignore case and order of languages, and differ by centre and content', () => {
    const a = { alias: 'Amal', languages: ['Arabisch', 'Deutsch'], consent: { purposes: [] } };
    const b = { alias: 'amal', languages: ['deutsch', 'arabisch'], consent: { purposes: [] } };
    expect(rowKey(1, 'participants', a)).toBe(rowKey(1, 'participants', b));
    expect(rowKey(2, 'participants', a)).not.toBe(rowKey(1, 'participants', a));
    expect(rowKey(1, 'participants', { ...a, householdSize: 2 })).not.toBe(
      rowKey(1, 'participants', a),
    );
  });
});

describe('zip guard', () => {
  it('refuses bytes that are no zip archive', () => {
    expect(() => unpackedZipSize(Buffer.from('PK\u0003\u0004 nothing'))).toThrow();
  });
});
