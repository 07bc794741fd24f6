import { eq } from 'drizzle-orm';
import type { OidcMapping } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { oidcConfig } from '../../db/tables.ts';
import { sqlNow } from '../../db/engine.ts';

export interface StoredOidcConfig {
  enabled: boolean;
  issuer: string;
  clientId: string;
  /** Never leaves the server. */
  clientSecret: string | null;
  groupsClaim: string;
  requireSso: boolean;
  mappings: OidcMapping[];
  updatedAt: string | null;
}

const EMPTY: StoredOidcConfig = {
  enabled: false,
  issuer: '',
  clientId: '',
  clientSecret: null,
  groupsClaim: 'groups',
  requireSso: false,
  mappings: [],
  updatedAt: null,
};

function parseMappings(json: string): OidcMapping[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as OidcMapping[]) : [];
  } catch {
    return [];
  }
}

/** The one configuration row, or the empty default (SSO off). */
export async function readOidcConfig(db: Db): Promise<StoredOidcConfig> {
  const row = (await db.select().from(oidcConfig).where(eq(oidcConfig.id, 1)).limit(1))[0];
  if (!row) return { ...EMPTY };
  return {
    enabled: row.enabled,
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret: row.clientSecret,
    groupsClaim: row.groupsClaim,
    requireSso: row.requireSso,
    mappings: parseMappings(row.mappings),
    updatedAt: row.updatedAt,
  };
}

/** Whether SSO is on and required (read on every password sign-in). */
export async function readSsoPolicy(db: Db) {
  const row = (
    await db
      .select({ enabled: oidcConfig.enabled, requireSso: oidcConfig.requireSso })
      .from(oidcConfig)
      .where(eq(oidcConfig.id, 1))
      .limit(1)
  )[0];
  return { enabled: row?.enabled ?? false, requireSso: row?.requireSso ?? false };
}

export async function writeOidcConfig(
  db: Db,
  c: Omit<StoredOidcConfig, 'updatedAt'>,
  userId: number,
) {
  const values = {
    enabled: c.enabled,
    issuer: c.issuer,
    clientId: c.clientId,
    clientSecret: c.clientSecret,
    groupsClaim: c.groupsClaim,
    requireSso: c.requireSso,
    mappings: JSON.stringify(c.mappings),
    updatedById: userId,
  };
  await db
    .insert(oidcConfig)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({
      target: oidcConfig.id,
      set: { ...values, updatedAt: sqlNow },
    });
}
