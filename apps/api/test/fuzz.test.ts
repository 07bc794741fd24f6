import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ROLES } from '@begegnung/domain';
import { createTestApp, makeCentre, makeOperator, makeUser, userClient, q } from './helper.ts';
import { onPg } from '../src/db/engine.ts';

/**
 * Schema-driven fuzzing: for every operation in the OpenAPI document, send invalid and
 * boundary inputs (wrong types, huge strings, unicode, nulls, extra fields, path traversal,
 * SQL fragments) and assert: never a 5xx, and no data changes at all (every write input
 * here is invalid by construction). FUZZ_REQUESTS sets the budget (default 3000).
 */
const BUDGET = Number(process.env.FUZZ_REQUESTS ?? 3000);
const t = await createTestApp();

// A user holding every role reaches the deepest code paths after validation.
const centre = await makeCentre(t.db);
await makeOperator(t.db);
await makeUser(t.db, ['coordinator']);
const client = await userClient(t, [...ROLES], [centre.id]);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  maxLength?: number;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
};
interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  body?: JsonSchema;
  query: string[];
}

const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
  paths: Record<
    string,
    Record<
      string,
      {
        requestBody?: { content?: Record<string, { schema: JsonSchema }> };
        parameters?: { in: string; name: string }[];
      }
    >
  >;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([m]) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
    .filter(([m]) => !(m === 'post' && path.endsWith('/logout')))
    .map(([m, op]) => ({
      method: m.toUpperCase() as Operation['method'],
      path,
      body: op.requestBody?.content?.['application/json']?.schema,
      query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
    })),
);

// Deterministic PRNG (mulberry32) so a failure can be replayed.
let seed = 0x5eed;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const NASTY_STRINGS = [
  '',
  ' ',
  "' OR '1'='1",
  '1; DROP TABLE users; --',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '<script>alert(1)</script>',
  '\u0000',
  '\u202Eevil',
  '𝕳𝖊𝖑𝖑𝖔 🙂 ﷺ',
  'ا'.repeat(300),
  'x'.repeat(10_000),
  '%00',
  '${jndi:ldap://x}',
  '{{7*7}}',
  'NaN',
  '-0',
  '1e309',
];
const WRONG_VALUES: unknown[] = [
  null,
  true,
  -1,
  0,
  1.5,
  2 ** 53,
  -(2 ** 31),
  [],
  {},
  [null],
  { a: 1 },
  ...NASTY_STRINGS,
];
const PATH_VALUES = [
  '0',
  '-1',
  '1.5',
  '99999999999999999999',
  'abc',
  "1' OR 1=1",
  '..%2F..%2Fetc',
  '%00',
  '1e3',
  '0x10',
  ' 1',
  'null',
];

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return 'enum';
  if (schema.anyOf) return 'union';
  return Array.isArray(schema.type) ? schema.type.join('|') : (schema.type ?? 'any');
}

/** A value the schema certainly rejects. */
function wrongFor(schema: JsonSchema): unknown {
  const type = typeOf(schema);
  const candidates = WRONG_VALUES.filter((v) => {
    if (v === null) return !type.includes('null') && type !== 'union';
    if (typeof v === 'string')
      return (
        (type !== 'string' && type !== 'union' && type !== 'enum') ||
        (type === 'string' && !!schema.maxLength && v.length > schema.maxLength)
      );
    if (typeof v === 'number')
      return type !== 'number' && type !== 'integer' && type !== 'union' && type !== 'enum';
    if (typeof v === 'boolean') return type !== 'boolean' && type !== 'union';
    if (Array.isArray(v)) return type !== 'array' && type !== 'union';
    return type !== 'object' && type !== 'union';
  });
  return candidates.length ? pick(candidates) : { unexpected: { nested: true } };
}

function objectSchema(schema: JsonSchema): JsonSchema | undefined {
  if (schema.properties) return schema;
  for (const s of schema.allOf ?? []) if (s.properties) return s;
  return undefined;
}

/** An invalid body: wrong type for one property, unknown field, missing required, or not an object. */
function invalidBody(schema: JsonSchema): unknown {
  const obj = objectSchema(schema);
  const kind = obj ? Math.floor(rand() * 4) : 3;
  if (kind === 3 || !obj) return pick([[], 'text', 42, null, [{}], true]);
  const props = Object.keys(obj.properties!);
  const base: Record<string, unknown> = {};
  for (const p of props) if (rand() < 0.6) base[p] = wrongFor(obj.properties![p]!);
  if (kind === 0 && props.length) {
    const p = pick(props);
    base[p] = wrongFor(obj.properties![p]!);
    return base;
  }
  if (kind === 1)
    return {
      ...base,
      [pick(['__proto__x', 'isAdmin', 'role', 'id', '$where', 'constructor_'])]: pick(WRONG_VALUES),
    };
  // kind 2: a wrong-typed value for a required property (or an unknown field when none is required)
  const required = obj.required ?? [];
  if (required.length)
    return { ...base, [pick(required)]: wrongFor(obj.properties![pick(required)]!) };
  return { ...base, unknownField: 1 };
}

function fillPath(path: string, valid: boolean) {
  return path.replace(/\{(\w+)\}/g, () =>
    encodeURIComponent(valid ? String(centre.id) : pick(PATH_VALUES)),
  );
}

const IGNORED = ['audit_log', 'audit_log_head', 'sessions', 'rate_limits'];

async function snapshot(): Promise<string> {
  const catalogue = onPg
    ? "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'"
    : "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'";
  const tables = (await q(t.db).all<{ name: string }>(catalogue))
    .map((r) => r.name)
    // pg only: rate_limits holds the limiter's counters (in memory on SQLite), audit_log_head
    // the audit chain's head, which moves with every audited denial like audit_log itself.
    .filter((n) => !n.startsWith('__drizzle') && !IGNORED.includes(n))
    .sort();
  const h = createHash('sha256');
  // Rows as a sorted set: PostgreSQL returns them in no fixed order without ORDER BY.
  for (const name of tables) {
    const rows = (await q(t.db).all(`select * from "${name}"`)).map((r) => JSON.stringify(r));
    h.update(name).update(JSON.stringify(rows.sort()));
  }
  return h.digest('hex');
}

describe('schema-driven fuzzing of every route', () => {
  it(`survives ${BUDGET} invalid and boundary requests without a 5xx or a data change`, async () => {
    expect(operations.length).toBeGreaterThan(10);
    const before = await snapshot();
    const fivexx: string[] = [];
    let tried = 0;
    let step = 0;
    const statuses = new Map<number, number>();
    while (tried < BUDGET) {
      const op = operations[step++ % operations.length]!;
      const hasPathParam = op.path.includes('{');
      let url: string;
      let payload: unknown;
      if (op.method === 'GET') {
        // GETs: nasty path params and query values; they may succeed but must not change data.
        url = fillPath(op.path, !hasPathParam || rand() < 0.3);
        const params = new URLSearchParams();
        for (const q of op.query)
          if (rand() < 0.7)
            params.set(
              q,
              String(pick([...NASTY_STRINGS.slice(0, 11), '-5', '1e9', '201', 'true'])),
            );
        if (rand() < 0.3)
          params.set(pick(['limit', 'offset', 'unknown']), pick(['-1', '1e99', 'abc', '']));
        url += params.size ? `?${params}` : '';
      } else if (op.body) {
        url = fillPath(op.path, rand() < 0.7);
        payload = invalidBody(op.body);
      } else {
        // Writes without a body (DELETE, run-now actions): only invalid path parameters; a
        // body-less write without parameters has no invalid input to try.
        if (!hasPathParam) continue;
        url = fillPath(op.path, false);
      }
      const res = await client.request({
        method: op.method,
        url: url.replace(/^\/api/, '/api'),
        payload,
      });
      tried++;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500)
        fivexx.push(
          `${op.method} ${url} ${JSON.stringify(payload)?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
      if (op.method !== 'GET')
        expect(
          res.statusCode,
          `${op.method} ${url} accepted invalid input ${JSON.stringify(payload)?.slice(0, 200)}`,
        ).toBeGreaterThanOrEqual(400);
    }
    console.log(
      `fuzz: ${tried} requests over ${operations.length} operations; status counts ${JSON.stringify(Object.fromEntries(statuses))}; 5xx: ${fivexx.length}`,
    );
    expect(fivexx).toEqual([]);
    expect(await snapshot()).toBe(before);
  }, 120_000);
});
