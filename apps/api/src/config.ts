import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';

const Bool = Type.Union([Type.Literal('true'), Type.Literal('false')]);

export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.String({ minLength: 1, default: './data/begegnung.db' }),
  /** PostgreSQL instead of the SQLite file: postgres://user:password@host:5432/database (decision 0003). */
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /** Connections each instance keeps open to PostgreSQL. */
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    default: 'info',
  }),
  /** Seed demo centres, users and history when the database is empty. Never in production. */
  DEMO_SEED: Type.Optional(Bool),
  /** Set when served over HTTPS so cookies carry the Secure flag. */
  COOKIE_SECURE: Type.Optional(Bool),
  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  CORS_ORIGINS: Type.String({ default: '' }),
  SESSION_TTL_HOURS: Type.Integer({ minimum: 1, maximum: 24 * 30, default: 12 }),
  /** Directory of the built web app to serve; empty disables static serving. */
  WEB_DIST: Type.String({ default: '' }),
  LOGIN_RATE_LIMIT_PER_MINUTE: Type.Integer({ minimum: 1, maximum: 10_000, default: 10 }),
  /** Failed sign-ins for one account from one address within 15 minutes before that account+address pair is throttled. */
  LOGIN_LOCKOUT_THRESHOLD: Type.Integer({ minimum: 1, maximum: 10_000, default: 10 }),
  /** Failed sign-ins from one address (any accounts) within 15 minutes before the address is throttled. */
  LOGIN_ADDRESS_THRESHOLD: Type.Integer({ minimum: 1, maximum: 100_000, default: 30 }),
  /** Failed sign-ins for one account (all addresses) within 15 minutes before only addresses it signed in from before may try. */
  LOGIN_ACCOUNT_THRESHOLD: Type.Integer({ minimum: 1, maximum: 100_000, default: 100 }),
  /** Reminder mails: one SMTP URL (smtp://user:pass@host:587, smtps://… for TLS) … */
  SMTP_URL: Type.Optional(Type.String({ pattern: '^smtps?://' })),
  /** … or host, port, user and password separately (SMTP_URL wins when both are set). */
  SMTP_HOST: Type.Optional(Type.String({ minLength: 1 })),
  SMTP_PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 587 }),
  SMTP_USER: Type.Optional(Type.String()),
  SMTP_PASSWORD: Type.Optional(Type.String()),
  /** Sender of reminder mails, e.g. "Begegnung <begegnung@stadt.example>"; required with SMTP. */
  MAIL_FROM: Type.Optional(Type.String({ minLength: 3 })),
  /** The address people open the app at, for links in mails (default: http://localhost:PORT). */
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://' })),
});

/** SMTP settings for nodemailer; null when mail is not configured (nothing is sent). */
export interface MailConfig {
  transport: string | { host: string; port: number; auth?: { user: string; pass: string } };
  from: string;
}

export interface AppConfig {
  port: number;
  host: string;
  databasePath: string;
  /** PostgreSQL connection URL; null runs on the SQLite file at databasePath. */
  databaseUrl: string | null;
  databasePoolSize: number;
  logLevel: string;
  demoSeed: boolean;
  cookieSecure: boolean;
  corsOrigins: string[];
  sessionTtlHours: number;
  webDist: string;
  loginRateLimitPerMinute: number;
  loginLockoutThreshold: number;
  loginAddressThreshold: number;
  loginAccountThreshold: number;
  mail: MailConfig | null;
  /** Base URL for links in mails, without a trailing slash. */
  publicUrl: string;
}

export class ConfigError extends Error {}

const check = Compile(EnvSchema);

/** Reads and validates the environment once at boot; the result is passed in, never re-read. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const keys = Object.keys(EnvSchema.properties);
  const raw: Record<string, unknown> = {};
  for (const key of keys) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  const value = Value.Default(EnvSchema, Value.Convert(EnvSchema, raw)) as Record<string, unknown>;
  if (!check.Check(value)) {
    const problems = check
      .Errors(value)
      .map(
        (e) =>
          `  ${e.instancePath.replace(/^\//, '') || '(root)'}: ${e.message} (got ${JSON.stringify(raw[e.instancePath.slice(1)])})`,
      );
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const c = value as Static<typeof EnvSchema>;
  if ((c.SMTP_URL || c.SMTP_HOST) && !c.MAIL_FROM) {
    throw new ConfigError(
      'Invalid configuration:\n  MAIL_FROM: required when SMTP_URL or SMTP_HOST is set (the sender of reminder mails)',
    );
  }
  const transport: MailConfig['transport'] | null = c.SMTP_URL
    ? c.SMTP_URL
    : c.SMTP_HOST
      ? {
          host: c.SMTP_HOST,
          port: c.SMTP_PORT,
          ...(c.SMTP_USER ? { auth: { user: c.SMTP_USER, pass: c.SMTP_PASSWORD ?? '' } } : {}),
        }
      : null;
  return {
    port: c.PORT,
    host: c.HOST,
    databasePath: c.DATABASE_PATH,
    databaseUrl: c.DATABASE_URL ?? null,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    logLevel: c.LOG_LEVEL,
    demoSeed: c.DEMO_SEED === 'true',
    cookieSecure: c.COOKIE_SECURE === 'true',
    corsOrigins: c.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    sessionTtlHours: c.SESSION_TTL_HOURS,
    webDist: c.WEB_DIST,
    loginRateLimitPerMinute: c.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginLockoutThreshold: c.LOGIN_LOCKOUT_THRESHOLD,
    loginAddressThreshold: c.LOGIN_ADDRESS_THRESHOLD,
    loginAccountThreshold: c.LOGIN_ACCOUNT_THRESHOLD,
    mail: transport && c.MAIL_FROM ? { transport, from: c.MAIL_FROM } : null,
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/+$/, ''),
  };
}
