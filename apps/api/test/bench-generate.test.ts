// The benchmark generator loads with the rollup triggers dropped and rebuilds the rollups in
// one pass (bulkLoadSqlite). Afterwards the rollups must equal a full recomputation and the
// triggers must be back, so later writes keep them (SQLite only: the generator writes a file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBenchDb } from '../bench/generate.ts';
import { openDatabase } from '../src/db/client.ts';
import { rollupDrift } from '../src/modules/reporting/rollups.repository.ts';
import { ROLLUP_TRIGGERS } from '../src/db/sql/rollups.ts';

const dir = mkdtempSync(join(tmpdir(), 'bench-gen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('benchmark generator', () => {
  it('leaves rollups equal to a full recomputation, with their triggers back in place', async () => {
    const path = join(dir, 'b.db');
    await generateBenchDb(path, { encounters: 3_000, participants: 300, centres: 3 });
    const db = openDatabase(path);
    try {
      expect(await rollupDrift(db)).toEqual({
        encounterDays: 0,
        personMonths: 0,
        namedAttendees: 0,
      });
      const sqlite = db.$client;
      const n = (q: string) => (sqlite.prepare(q).get() as { n: number }).n;
      expect(n('select count(*) as n from person_month_rollup')).toBeGreaterThan(100);
      const triggers = (
        sqlite.prepare(`select name from sqlite_master where type = 'trigger'`).all() as {
          name: string;
        }[]
      ).map((r) => r.name);
      for (const [, name] of ROLLUP_TRIGGERS) expect(triggers).toContain(name);
      // A later attendance goes through the re-created triggers.
      const e = sqlite
        .prepare('select id from encounters where voided_at is null limit 1')
        .get() as {
        id: number;
      };
      const p = sqlite
        .prepare(
          `select id from participants where id not in
             (select participant_id from encounter_attendees where encounter_id = ?) limit 1`,
        )
        .get(e.id) as { id: number };
      sqlite
        .prepare('insert into encounter_attendees (encounter_id, participant_id) values (?, ?)')
        .run(e.id, p.id);
      expect(await rollupDrift(db)).toEqual({
        encounterDays: 0,
        personMonths: 0,
        namedAttendees: 0,
      });
    } finally {
      db.$client.close();
    }
  });
});
