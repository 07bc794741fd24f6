/**
 * Import from the lists centres already keep (issue 16 part 1). One path for preview and
 * commit: the file is read and checked before any transaction opens (lib/tx.ts: no awaited I/O
 * inside one), then every valid row goes through the same services staff use on screen
 * (createParticipant + giveConsent, createEncounter), each row in a savepoint, so every rule
 * applies and a refused row leaves nothing behind. A preview runs the same way and rolls the
 * whole transaction back; a commit keeps it, with each row's key, so importing the same file
 * again skips what is already there ("already imported").
 */
import {
  DomainError,
  IMPORT_PROBLEM_CODES,
  importFields,
  PARTICIPANT_IMPORT_FIELDS,
  type ImportFileBody,
  type ImportKind,
  type ImportMapping,
  type ImportProblem,
  type ImportResult,
  type ImportRow,
  type RejectedRowsBody,
} from '@begegnung/domain';
import type { ServiceContext } from '../../types.ts';
import { inTransactionAsync } from '../../lib/tx.ts';
import { DeniedError } from '../../lib/denial.ts';
import { csvDate, toCsv, type CsvValue } from '../../lib/csv.ts';
import { toXlsx } from '../../lib/xlsx.ts';
import { today } from '../../lib/clock.ts';
import { audit } from '../audit/audit.service.ts';
import { assertCanWrite, deny, requireCentreDataRole } from '../access/access.ts';
import { findCentre } from '../centres/centres.service.ts';
import {
  consentsFor,
  createParticipant,
  giveConsent,
} from '../participants/participants.service.ts';
import { createEncounter } from '../encounters/encounters.service.ts';
import * as repo from './import.repository.ts';
import { readSpreadsheet, type ParsedSheet } from './import.parse.ts';
import {
  fold,
  fullMapping,
  mappedValues,
  mappingProblems,
  readParticipant,
  readSession,
  requestIdFromKey,
  rowKey,
  suggestMapping,
  type ParticipantInput,
  type SessionInput,
} from './import.fields.ts';
import { FIELD_LABELS, problemText } from './import.messages.ts';

const ENTITY = 'import';

/** Staff of the centre only: an import writes that centre's participants or sessions. */
async function writableCentre(ctx: ServiceContext, centreId: number) {
  requireCentreDataRole(ctx, ENTITY);
  const centre = await findCentre(ctx.db, centreId);
  if (!centre) deny(ctx, 'centre', centreId, 404);
  assertCanWrite(ctx, ENTITY, null, centre.id);
  return centre;
}

/** Reads the file; a refused file (sensitive columns, formulas) is audited with its reason. */
async function readFile(ctx: ServiceContext, centreId: number, body: ImportFileBody) {
  try {
    return await readSpreadsheet(body.fileName, body.content);
  } catch (e) {
    if (
      e instanceof DomainError &&
      (e.code === 'IMPORT_SENSITIVE_COLUMN' || e.code === 'IMPORT_FORMULA_REFUSED')
    ) {
      const what =
        e.code === 'IMPORT_SENSITIVE_COLUMN'
          ? [...new Set(e.details?.map((d) => d.code))].join(', ')
          : `${e.details?.length ?? 0} formula cell(s)`;
      await audit(ctx, {
        action: 'denied',
        entityType: ENTITY,
        entityId: String(centreId),
        reason: `${body.kind} file refused: ${e.code} (${what})`,
      });
    }
    throw e;
  }
}

async function chooseMapping(
  ctx: ServiceContext,
  centreId: number,
  kind: ImportKind,
  columns: string[],
  requested: ImportMapping | undefined,
) {
  if (requested) {
    const problems = mappingProblems(kind, requested, columns);
    if (problems.length) {
      throw new DomainError(
        'IMPORT_MAPPING_INVALID',
        'The column mapping does not fit the file',
        400,
        problems,
      );
    }
    return { mapping: fullMapping(kind, requested), source: 'request' as const };
  }
  const saved = await repo.findMapping(ctx.db, centreId, kind);
  if (saved) {
    const m = JSON.parse(saved.mapping) as ImportMapping;
    const fits = Object.values(m).every((c) => c == null || columns.includes(c));
    if (fits) return { mapping: fullMapping(kind, m), source: 'saved' as const };
  }
  return { mapping: suggestMapping(kind, columns), source: 'suggested' as const };
}

interface WorkRow {
  rowNumber: number;
  cells: string[];
  values: Record<string, string>;
  problems: ImportProblem[];
  key: string;
  status: ImportRow['status'];
  participant?: ParticipantInput;
  session?: SessionInput & { activityId?: number; durationMinutes?: number; attendeeIds: number[] };
}

const problem = (
  code: ImportProblem['code'],
  field: string | null,
  detail: string | null = null,
) => ({
  code,
  field,
  detail,
});

/** Reads every row (no writes): shapes, activities, attendee codes, duplicates within the file. */
async function readRows(
  ctx: ServiceContext,
  centreId: number,
  kind: ImportKind,
  sheet: ParsedSheet,
  mapping: ImportMapping,
) {
  const activities = kind === 'sessions' ? await repo.allActivities(ctx.db) : [];
  const rows: WorkRow[] = [];
  const firstSeen = new Map<string, number>();
  for (const r of sheet.rows) {
    const values = mappedValues(kind, mapping, sheet.columns, r.cells);
    const row: WorkRow = {
      rowNumber: r.rowNumber,
      cells: r.cells,
      values,
      problems: [],
      key: '',
      status: 'ok',
    };
    let dupKey: string | null = null;
    if (kind === 'participants') {
      const { input, problems } = readParticipant(values);
      row.problems.push(...problems);
      row.participant = input;
      row.key = rowKey(centreId, kind, input);
      // The source's own code tells people apart (two "Hamid" of household 2 are two people
      // there); without one, the same alias and household size twice is a duplicate.
      if (input.code) dupKey = `code:${input.code}`;
      else if (input.alias) dupKey = `${input.alias.toLowerCase()}|${input.householdSize ?? ''}`;
    } else {
      const { input, problems } = readSession(values);
      row.problems.push(...problems);
      row.key = rowKey(centreId, kind, input);
      const wanted = fold(input.activity);
      const activity = input.activity
        ? activities.find(
            (a) =>
              a.active && (fold(a.name) === wanted || (a.key !== null && fold(a.key) === wanted)),
          )
        : undefined;
      if (input.activity && !activity)
        row.problems.push(problem('UNKNOWN_ACTIVITY', 'activity', input.activity));
      const found = await repo.participantsByCode(ctx.db, centreId, input.attendeeCodes);
      const missing = input.attendeeCodes.filter((c) => !found.some((f) => f.code === c));
      if (missing.length)
        row.problems.push(problem('UNKNOWN_PARTICIPANT', 'attendeeCodes', missing.join(', ')));
      row.session = {
        ...input,
        activityId: activity?.id,
        durationMinutes: input.durationMinutes ?? activity?.defaultDurationMinutes,
        attendeeIds: found.map((f) => f.id),
      };
      if (input.date && activity) dupKey = `${input.date}|${input.startTime}|${activity.id}`;
    }
    for (const k of [`key:${row.key}`, dupKey && `dup:${dupKey}`]) {
      if (!k) continue;
      const first = firstSeen.get(k);
      if (first !== undefined) {
        if (!row.problems.some((p) => p.code === 'DUPLICATE_IN_FILE'))
          row.problems.push(problem('DUPLICATE_IN_FILE', null, String(first)));
      } else firstSeen.set(k, r.rowNumber);
    }
    rows.push(row);
  }
  const done = await repo.importedKeys(
    ctx.db,
    centreId,
    kind,
    rows.map((r) => r.key),
  );
  for (const r of rows) {
    if (done.has(r.key)) {
      r.status = 'already_imported';
      r.problems = [];
    } else if (r.problems.length) r.status = 'problem';
  }
  return rows;
}

/** A service's refusal of one row as the row's problem. */
async function problemFromError(ctx: ServiceContext, e: DomainError): Promise<ImportProblem> {
  const d = e.details?.[0];
  switch (e.code) {
    case 'VALIDATION_FAILED':
      return d?.code === 'future'
        ? problem('DATE_IN_FUTURE', d.field)
        : problem('INVALID_VALUE', d?.field ?? null, d?.message ?? null);
    case 'POSSIBLE_DUPLICATE': {
      const existing = e.extra?.existing as { date: string; startTime: string } | undefined;
      return problem(
        'POSSIBLE_DUPLICATE',
        existing ? 'date' : 'alias',
        existing
          ? `${existing.date} ${existing.startTime}`
          : (e.details?.map((x) => x.message).join(', ') ?? null),
      );
    }
    case 'CONSENT_REQUIRED': {
      const ids = (d?.message ?? '').split(/,\s*/).map(Number).filter(Number.isInteger);
      const codes = await repo.codesOf(ctx.db, ids);
      return problem(
        'CONSENT_REQUIRED',
        'attendeeCodes',
        ids.map((i) => codes.get(i) ?? '?').join(', '),
      );
    }
    case 'ATTENDEE_NOT_AT_CENTRE':
      return problem('UNKNOWN_PARTICIPANT', 'attendeeCodes', null);
    default:
      return (IMPORT_PROBLEM_CODES as readonly string[]).includes(e.code)
        ? problem(e.code as ImportProblem['code'], d?.field ?? null)
        : problem('REFUSED', d?.field ?? null, e.code);
  }
}

/**
 * Creates one row's participant (with its consents) or encounter; returns its id. `created`
 * holds the codes of participants this import made so far: a probable duplicate that is only
 * one of them, for a row whose source code differs, is another person of the same list.
 */
async function createRow(
  tx: ServiceContext,
  centreId: number,
  r: WorkRow,
  created: Set<string>,
): Promise<number> {
  if (r.participant) {
    const p = r.participant;
    const body = {
      centreId,
      alias: p.alias || undefined,
      languages: p.languages,
      householdSize: p.householdSize,
      district: p.district,
      movedInAt: p.movedInAt,
    };
    let person;
    try {
      person = await createParticipant(tx, body);
    } catch (e) {
      const onlyThisImport =
        p.code !== undefined &&
        e instanceof DomainError &&
        e.code === 'POSSIBLE_DUPLICATE' &&
        (e.details ?? []).every((d) => created.has(d.message));
      if (!onlyThisImport) throw e;
      person = await createParticipant(tx, { ...body, confirmNotDuplicate: true });
    }
    created.add(person.code);
    for (const purpose of p.consent.purposes) {
      await giveConsent(tx, person.id, {
        purpose,
        givenOn: p.consent.givenOn,
        expiresOn: p.consent.expiresOn,
        language: p.consent.language!,
      });
    }
    return person.id;
  }
  const s = r.session!;
  const { encounter } = await createEncounter(tx, {
    centreId,
    activityId: s.activityId!,
    date: s.date,
    startTime: s.startTime,
    durationMinutes: s.durationMinutes!,
    headcounts: s.headcounts,
    attendeeIds: s.attendeeIds,
    clientRequestId: requestIdFromKey(r.key),
  });
  return encounter.id;
}

class Rollback extends Error {}

/**
 * The centre's participants a result names (probable duplicates, attendees without consent):
 * the audit row of the preview, commit or download lists them as subjects (privacy rule 5).
 */
async function namedSubjects(ctx: ServiceContext, centreId: number, rows: WorkRow[]) {
  const codes = rows.flatMap((r) =>
    r.problems
      .filter(
        (p) =>
          p.code === 'CONSENT_REQUIRED' || (p.code === 'POSSIBLE_DUPLICATE' && p.field === 'alias'),
      )
      .flatMap((p) => (p.detail ?? '').split(/,\s*/).filter(Boolean)),
  );
  const found = await repo.participantsByCode(ctx.db, centreId, [...new Set(codes)]);
  return found.map((f) => f.id);
}

const countsOf = (rows: WorkRow[]) => ({
  total: rows.length,
  ok: rows.filter((r) => r.status === 'ok' || r.status === 'imported').length,
  imported: rows.filter((r) => r.status === 'imported').length,
  problems: rows.filter((r) => r.status === 'problem').length,
  alreadyImported: rows.filter((r) => r.status === 'already_imported').length,
});

const summary = (kind: ImportKind, format: string, c: ReturnType<typeof countsOf>) =>
  `${kind} from ${format}: ${c.total} rows, ${c.ok} valid, ${c.imported} imported, ${c.problems} with problems, ${c.alreadyImported} already imported`;

async function run(ctx: ServiceContext, body: ImportFileBody, commit: boolean) {
  const centre = await writableCentre(ctx, body.centreId);
  const sheet = await readFile(ctx, centre.id, body);
  const { mapping, source } = await chooseMapping(
    ctx,
    centre.id,
    body.kind,
    sheet.columns,
    body.mapping,
  );
  const rows = await readRows(ctx, centre.id, body.kind, sheet, mapping);

  const work = async (tx: ServiceContext) => {
    const created = new Set<string>();
    for (const r of rows) {
      if (r.status !== 'ok') continue;
      try {
        await inTransactionAsync(tx, async (sp) => {
          const entityId = await createRow(sp, centre.id, r, created);
          await repo.insertImportedRow(sp.db, {
            centreId: centre.id,
            kind: body.kind,
            rowKey: r.key,
            ...(body.kind === 'participants'
              ? { participantId: entityId }
              : { encounterId: entityId }),
            importedById: ctx.actor.userId,
          });
        });
        if (commit) r.status = 'imported';
      } catch (e) {
        if (e instanceof DeniedError || !(e instanceof DomainError)) throw e;
        r.problems.push(await problemFromError(tx, e));
        r.status = 'problem';
      }
    }
    if (!commit) throw new Rollback();
    const counts = countsOf(rows);
    if (body.saveMapping) {
      await repo.saveMapping(tx.db, {
        centreId: centre.id,
        kind: body.kind,
        mapping: JSON.stringify(mapping),
        updatedById: ctx.actor.userId,
      });
      await audit(tx, {
        action: 'update',
        entityType: 'import_mapping',
        entityId: String(centre.id),
        reason: body.kind,
      });
    }
    await audit(tx, {
      action: 'create',
      entityType: ENTITY,
      entityId: String(centre.id),
      reason: summary(body.kind, sheet.format, counts),
      subjects: await namedSubjects(tx, centre.id, rows),
    });
  };
  try {
    await inTransactionAsync(ctx, work);
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return { centre, sheet, mapping, source, rows };
}

function result(
  body: ImportFileBody,
  out: Awaited<ReturnType<typeof run>>,
  committed: boolean,
): ImportResult {
  return {
    kind: body.kind,
    centreId: out.centre.id,
    committed,
    columns: out.sheet.columns,
    fields: [...importFields(body.kind)],
    mapping: out.mapping,
    mappingSource: out.source,
    rows: out.rows.map((r) => ({
      rowNumber: r.rowNumber,
      status: r.status,
      values: r.values,
      problems: r.problems,
    })),
    counts: countsOf(out.rows),
  };
}

/** Every row with its problems; nothing is written except the audit row (counts only). */
export async function previewImport(ctx: ServiceContext, body: ImportFileBody) {
  const out = await run(ctx, body, false);
  await audit(ctx, {
    action: 'read',
    entityType: ENTITY,
    entityId: String(out.centre.id),
    reason: `preview ${summary(body.kind, out.sheet.format, countsOf(out.rows))}`,
    subjects: await namedSubjects(ctx, out.centre.id, out.rows),
  });
  return result(body, out, false);
}

/** Imports the valid rows in one transaction; rows with problems and known rows are skipped. */
export async function commitImport(ctx: ServiceContext, body: ImportFileBody) {
  return result(body, await run(ctx, body, true), true);
}

/** The rows that cannot be imported, as they were in the file, each with its reasons (CSV). */
export async function rejectedRowsCsv(ctx: ServiceContext, body: RejectedRowsBody) {
  const lang = body.lang ?? 'de';
  const { lang: _l, ...file } = body;
  const out = await run(ctx, file, false);
  const rejected = out.rows.filter((r) => r.status === 'problem');
  await audit(ctx, {
    action: 'export',
    entityType: ENTITY,
    entityId: String(out.centre.id),
    reason: `rejected ${body.kind} rows: ${rejected.length}`,
    subjects: await namedSubjects(ctx, out.centre.id, rejected),
  });
  const label = (f: string) => FIELD_LABELS[f]?.[lang] ?? f;
  return toCsv(
    [
      [lang === 'de' ? 'Zeile' : 'Row', ...out.sheet.columns, lang === 'de' ? 'Gründe' : 'Reasons'],
      ...rejected.map((r) => [
        r.rowNumber,
        ...r.cells,
        r.problems.map((p) => problemText(p, lang, label)).join('; '),
      ]),
    ],
    lang,
  );
}

export async function getMapping(ctx: ServiceContext, centreId: number, kind: ImportKind) {
  const centre = await writableCentre(ctx, centreId);
  const saved = await repo.findMapping(ctx.db, centre.id, kind);
  return {
    centreId: centre.id,
    kind,
    mapping: saved ? fullMapping(kind, JSON.parse(saved.mapping) as ImportMapping) : null,
    updatedAt: saved?.updatedAt ?? null,
  };
}

/**
 * A centre's participant list as a workbook in the import's own columns (nothing sensitive):
 * what another centre's import accepts as is. The code column only tells people apart there. Consent columns carry the currently
 * valid consents. Staff of the centre only; audited as an export naming every person in it.
 */
export async function participantsXlsx(ctx: ServiceContext, centreId: number) {
  const centre = await writableCentre(ctx, centreId);
  const list = await repo.participantsOfCentre(ctx.db, centre.id);
  const d = today();
  const consents = await consentsFor(
    ctx.db,
    list.map((p) => p.id),
    d,
  );
  const de = (f: string) => FIELD_LABELS[f]!.de;
  // The columns the import reads, in its order, so the list goes back in as it is.
  const rows: CsvValue[][] = [PARTICIPANT_IMPORT_FIELDS.map(de)];
  for (const p of list) {
    const valid = consents.filter((c) => c.participantId === p.id && c.valid);
    const main = valid.find((c) => c.purpose === 'follow_up_contact') ?? valid[0];
    const same = main
      ? valid.filter(
          (c) =>
            c.givenOn === main.givenOn &&
            c.expiresOn === main.expiresOn &&
            c.language === main.language,
        )
      : [];
    rows.push([
      p.code,
      p.alias,
      p.languages.join(', '),
      p.householdSize,
      p.district,
      p.movedInAt ? csvDate(p.movedInAt) : null,
      same.map((c) => c.purpose).join(', '),
      main ? csvDate(main.givenOn) : null,
      main ? csvDate(main.expiresOn) : null,
      main?.language ?? null,
    ]);
  }
  await audit(ctx, {
    action: 'export',
    entityType: 'participant',
    entityId: null,
    reason: `participant list of centre ${centre.code} (${list.length}) as xlsx`,
    subjects: list.map((p) => p.id),
  });
  return {
    fileName: `teilnehmende-${centre.code.toLowerCase()}-${d}.xlsx`,
    data: await toXlsx([{ name: 'Teilnehmende', rows }]),
  };
}
