import { asc, count, eq, inArray, lt } from 'drizzle-orm';
import type { OidcMapping } from '@begegnung/domain';
import type { Db } from '../../db/client.ts';
import { oidcConfig, oidcFlows } from '../../db/tables.ts';
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

/** A sign-in under way: what the callback needs to check the provider's answer. */
export interface PendingFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  issuer: string;
  /** ISO-8601 UTC, set by the instance that started the sign-in. */
  createdAt: string;
}

/** Deletes the flows started before `cutoff` (ISO text). */
export async function deleteFlowsBefore(db: Db, cutoff: string) {
  await db.delete(oidcFlows).where(lt(oidcFlows.createdAt, cutoff));
}

/**
 * Stores a flow; with `max` or more rows already stored, the oldest give way first, so the
 * table never holds more than `max` rows from this instance's view.
 */
export async function insertFlow(db: Db, id: string, flow: PendingFlow, max: number) {
  const n = Number((await db.select({ n: count() }).from(oidcFlows))[0]?.n ?? 0);
  if (n >= max) {
    const oldest = db
      .select({ id: oidcFlows.id })
      .from(oidcFlows)
      .orderBy(asc(oidcFlows.createdAt), asc(oidcFlows.id))
      .limit(n - max + 1);
    await db.delete(oidcFlows).where(inArray(oidcFlows.id, oldest));
  }
  await db.insert(oidcFlows).values({ id, ...flow });
}

/**
 * Takes a flow: one DELETE … RETURNING, so of a replay or two instances racing on the same id
 * at most one gets the row.
 */
export async function takeFlow(db: Db, id: string): Promise<PendingFlow | undefined> {
  const rows = await db.delete(oidcFlows).where(eq(oidcFlows.id, id)).returning({
    state: oidcFlows.state,
    nonce: oidcFlows.nonce,
    codeVerifier: oidcFlows.codeVerifier,
    returnTo: oidcFlows.returnTo,
    issuer: oidcFlows.issuer,
    createdAt: oidcFlows.createdAt,
  });
  return rows[0];
}
