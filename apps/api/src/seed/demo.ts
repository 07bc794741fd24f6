import { count } from 'drizzle-orm';
import type { LegalForm, Role } from '@begegnung/domain';
import type { Db } from '../db/client.ts';
import { centres, operators, users } from '../db/tables.ts';
import { hashPassword } from '../lib/passwords.ts';
import { withTransactionAsync } from '../lib/tx.ts';
import { insertUser } from '../modules/users/users.repository.ts';
import { seedPosts } from './posts.ts';
import { seedEncounterDemo } from './encounters.ts';
import { seedHiring } from './hiring.ts';

export const DEMO_PASSWORD = 'begegnung-demo';

/** The four centres named in motion SPD/0235/18, with their operators (public sources). */
export const GOETTINGEN_CENTRES: {
  code: string;
  name: string;
  operator: string;
  legalForm: LegalForm;
  address: string;
  district: string;
  openingHours: string;
}[] = [
  {
    code: 'GRO',
    name: 'Nachbarschaftszentrum Grone',
    operator: 'Nachbarschaftszentrum Grone e.V.',
    legalForm: 'e_v',
    address: 'Deisterstraße 10, 37083 Göttingen',
    district: 'Grone',
    openingHours: 'Mo–Fr 9–17 Uhr',
  },
  {
    code: 'WEST',
    name: 'Weststadtzentrum',
    operator: 'Beschäftigungsförderung Göttingen kAöR',
    legalForm: 'kaoer',
    address: 'Pfalz-Grona-Breite 84, 37081 Göttingen',
    district: 'Weststadt',
    openingHours: 'Mo–Do 9–16 Uhr, Fr 9–13 Uhr',
  },
  {
    code: 'LEI',
    name: 'Stadtteilbüro Leineberg',
    operator: 'Nachbarschaftsverein Leineberg e.V.',
    legalForm: 'e_v',
    address: 'Allerstraße 32, 37081 Göttingen',
    district: 'Leineberg',
    openingHours: 'Di–Do 10–16 Uhr',
  },
  {
    code: 'HOB',
    name: 'Nachbarschaftszentrum Holtenser Berg',
    operator: 'Nachbarschaftsverein Holtenser Berg e.V.',
    legalForm: 'e_v',
    address: 'Londonstraße 11a, 37079 Göttingen',
    district: 'Holtenser Berg',
    openingHours: 'Mo–Fr 10–17 Uhr',
  },
];

export const DEMO_USERS: {
  email: string;
  displayName: string;
  roles: Role[];
  centres: string[];
  label: string;
}[] = [
  {
    email: 'admin@demo.begegnung.de',
    displayName: 'Alex Admin',
    roles: ['admin'],
    centres: [],
    label: 'Administration',
  },
  {
    email: 'koordination@demo.begegnung.de',
    displayName: 'Kim Koordination',
    roles: ['coordinator'],
    centres: [],
    label: 'Koordination (alle Zentren)',
  },
  {
    email: 'grone@demo.begegnung.de',
    displayName: 'Gül Grone',
    roles: ['centre_staff'],
    centres: ['GRO'],
    label: 'Fachkraft NBZ Grone',
  },
  {
    email: 'weststadt@demo.begegnung.de',
    displayName: 'Wiebke Weststadt',
    roles: ['centre_staff'],
    centres: ['WEST'],
    label: 'Fachkraft Weststadtzentrum',
  },
  {
    email: 'leineberg@demo.begegnung.de',
    displayName: 'Lars Leineberg',
    roles: ['centre_staff'],
    centres: ['LEI'],
    label: 'Fachkraft Stadtteilbüro Leineberg',
  },
  {
    email: 'holtenser-berg@demo.begegnung.de',
    displayName: 'Hanna Holtenser Berg',
    roles: ['centre_staff'],
    centres: ['HOB'],
    label: 'Fachkraft NBZ Holtenser Berg',
  },
  {
    email: 'datenschutz@demo.begegnung.de',
    displayName: 'Dana Datenschutz',
    roles: ['data_protection'],
    centres: [],
    label: 'Datenschutz',
  },
  ...[1, 2, 3].map((n) => ({
    email: `panel${n}@demo.begegnung.de`,
    displayName: ['Paula Panel', 'Piet Panel', 'Pia Panel'][n - 1]!,
    roles: ['panel_member'] as Role[],
    centres: [],
    label: `Auswahlkommission ${n}`,
  })),
  {
    email: 'personalrat@demo.begegnung.de',
    displayName: 'Rita Personalrat',
    roles: ['oversight'],
    centres: [],
    label: 'Personalrat (Beteiligung)',
  },
];

/** Inserts the four centres with their operators; returns centre ids by code. */
export async function seedCentres(db: Db): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const c of GOETTINGEN_CENTRES) {
    const op = (
      await db
        .insert(operators)
        .values({ name: c.operator, legalForm: c.legalForm })
        .returning({ id: operators.id })
    )[0]!;
    ids[c.code] = (
      await db
        .insert(centres)
        .values({
          code: c.code,
          name: c.name,
          operatorId: op.id,
          address: c.address,
          district: c.district,
          openingHours: c.openingHours,
          openedOn: '2000-01-01',
        })
        .returning({ id: centres.id })
    )[0]!.id;
  }
  return ids;
}

/** Seeds centres and demo users when the database has no users yet. Returns whether it seeded. */
export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  const existing = (await db.select({ n: count() }).from(users).limit(1))[0]?.n ?? 0;
  if (existing > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTransactionAsync(db, async (t) => {
    const centreIds = await seedCentres(t);
    for (const u of DEMO_USERS) {
      await insertUser(t, {
        email: u.email,
        displayName: u.displayName,
        passwordHash,
        roles: u.roles,
        centreIds: u.centres.map((code) => centreIds[code]!),
      });
    }
    await seedPosts(t, centreIds);
    await seedEncounterDemo(t); // the same transaction (its connection on PostgreSQL)
    await seedHiring(t);
  });
  return true;
}
