import { describe, expect, it } from 'vitest';
import {
  protectedCriteria,
  protectedFindings,
  type ProtectedGround,
} from './protected-criteria.ts';

const grounds = (text: string) => [...new Set(protectedFindings(text).map((f) => f.ground))];

describe('protected criteria (§ 1 AGG and proxies)', () => {
  const unlawful: [string, ProtectedGround][] = [
    ['Eigener Migrationshintergrund', 'origin'],
    ['Migrationshintergrund', 'origin'],
    ['Herkunft aus arabischsprachigem Land', 'origin'],
    ['Stammt aus einem arabischsprachigen Land', 'origin'],
    ['Arabischsprachige Herkunft', 'origin'],
    ['Eigene Migrations- oder Fluchterfahrung', 'origin'],
    ['Eigene Zuwanderungsgeschichte (1. oder 2. Generation)', 'origin'],
    ['türkischstämmig', 'origin'],
    ['Ethnische Zugehörigkeit zur Zielgruppe', 'origin'],
    ['Geburtsland außerhalb der EU', 'origin'],
    ['Bewerberin mit Migrationsgeschichte bevorzugt', 'origin'],
    ['Person of colour / BIPoC', 'origin'],
    ['Own migration background', 'origin'],
    ['Country of origin in the Middle East', 'origin'],
    ['Deutsche Staatsangehörigkeit', 'nationality'],
    ['EU-Staatsbürgerschaft', 'nationality'],
    ['Nationalität: syrisch', 'nationality'],
    ['Deutsch als Muttersprache', 'mother_tongue'],
    ['Muttersprachler*in Arabisch', 'mother_tongue'],
    ['Arabisch auf muttersprachlichem Niveau', 'mother_tongue'],
    ['Native speaker of Arabic', 'mother_tongue'],
    ['Weiblich (Beratung im Frauencafé)', 'gender'],
    ['Geschlecht: männlich', 'gender'],
    ['Die Stelle soll als Frau besetzt werden', 'gender'],
    ['Female candidate', 'gender'],
    ['Religionszugehörigkeit: evangelisch', 'religion'],
    ['Christliche Grundhaltung', 'religion'],
    ['Muslimisch, um Vertrauen der Gemeinde zu gewinnen', 'religion'],
    ['Kirchenmitgliedschaft', 'religion'],
    ['Keine Schwerbehinderung', 'disability'],
    ['Ohne Behinderung', 'disability'],
    ['Alter zwischen 25 und 35 Jahren', 'age'],
    ['Nicht älter als 40', 'age'],
    ['Junge Fachkraft für ein junges Team', 'age'],
    ['Höchstalter 45 Jahre', 'age'],
    ['Under 35', 'age'],
    ['Sexuelle Orientierung', 'sexual_identity'],
    ['Heterosexuell', 'sexual_identity'],
  ];
  it.each(unlawful)('flags "%s" as %s', (text, ground) => {
    expect(grounds(text)).toContain(ground);
  });

  const lawful = [
    'Sprachkenntnisse Arabisch (mindestens B2 GER)',
    'Sprachen der Zielgruppen (Arabisch, Dari/Farsi, Tigrinya, Kurdisch) mindestens B2 (GER)',
    'Arabisch C1, Russisch B2',
    'Studium Soziale Arbeit / Sozialpädagogik mit staatlicher Anerkennung',
    'Mindestens 3 Jahre nachgewiesene Berufserfahrung in der Flüchtlingssozialarbeit',
    'Über 10 Jahre Erfahrung in der Gemeinwesenarbeit',
    'Interkulturelle Kompetenz (strukturierte Interviewfrage)',
    'Erfahrung in der Arbeit mit Menschen mit Migrationshintergrund',
    'Beratung von Familien mit Fluchterfahrung',
    'Kenntnisse über Religionen und Kulturen der Herkunftsländer',
    'Erfahrung in der Arbeit mit Menschen mit Behinderung',
    'Geschlechtersensible Beratung',
    'Religionssensible Arbeit in der Nachbarschaft',
    'Erfahrung mit geflüchteten Frauen und ihren Kindern',
    'Erfahrung in der Jugendarbeit',
    'Kenntnisse der Verwaltung und Verwalter-Aufgaben',
    'Gestalter*in von Nachbarschaftsprojekten',
    'Führerschein Klasse B',
    'Rassismuskritische Haltung',
    'Knowledge of the asylum system and of the countries of origin of clients',
    'Experience working with people with disabilities',
    'Arbeit mit Menschen aus arabischsprachigen Ländern',
    'Kenntnisse des Stadtteils Grone',
  ];
  it.each(lawful)('does not flag "%s"', (text) => {
    expect(protectedFindings(text)).toEqual([]);
  });

  it('a self cue in the same clause defeats the target-group exemption', () => {
    expect(grounds('Erfahrung mit eigener Migrationsgeschichte')).toContain('origin');
    // … but not one in another clause of the same criterion.
    expect(protectedFindings('Arbeit mit Menschen mit Behinderung; eigene Fahrerlaubnis')).toEqual(
      [],
    );
  });

  it('reports each criterion by its index and reads the scale too', () => {
    const found = protectedCriteria([
      { label: 'Studium Soziale Arbeit', scale: 'met/not_met' },
      { label: 'Persönliche Eignung', scale: 'Alter in Jahren' },
      { label: 'Eigener Migrationshintergrund', scale: '1–5' },
    ]);
    expect(found.map((f) => [f.index, f.ground])).toEqual([
      [1, 'age'],
      [2, 'origin'],
    ]);
  });

  it('matches regardless of case and Unicode composition', () => {
    expect(grounds('MIGRATIONSHINTERGRUND')).toContain('origin');
    // "ä" as a + combining diaeresis
    expect(grounds('Staatsangehörigkeit'.normalize('NFD'))).toContain('nationality');
  });
});
