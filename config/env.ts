import { z } from 'zod';

/**
 * One validated configuration per process (STYLE §9). Secrets are listed in
 * SECRET_KEYS so that nothing prints them; `describeConfig` masks them.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Connection used by the application: a role WITHOUT BYPASSRLS. */
  DATABASE_URL: z.string().url().optional(),
  /** Connection used for migrations and seeds (table owner). Defaults to DATABASE_URL. */
  DATABASE_ADMIN_URL: z.string().url().optional(),
  /**
   * The second site's hot standby (ADR 0021), as the application role: when set, lists and searches
   * may read from it while its replay lag stays within RELAIS_REPLICA_MAX_LAG_SECONDS.
   */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** Beyond this replay lag (seconds) every read goes to the primary again. */
  RELAIS_REPLICA_MAX_LAG_SECONDS: z.coerce.number().min(0).max(3_600).default(5),
  /** How often the API measures the replica's lag (milliseconds). */
  RELAIS_REPLICA_SAMPLE_MS: z.coerce.number().int().min(50).max(60_000).default(500),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** The API's sessions: a statement running longer is cancelled and the request answers 503 (0: no bound). Migrations and the worker have none. */
  RELAIS_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  /** The API's sessions: one idle inside a transaction this long is ended, releasing its locks (0: no bound). */
  RELAIS_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /**
   * API processes (node:cluster workers, api/cluster.ts) sharing the port: a number, or `auto` for one per
   * core (at most 4). Each has its own database pool of DATABASE_POOL_MAX connections.
   */
  RELAIS_API_WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),
  TEMPORAL_ADDRESS: z.string().default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('relais'),
  RELAIS_DATA_DIR: z.string().default('.relais'),
  RELAIS_DEMO: z.enum(['0', '1']).default('1'),
  RELAIS_SECRET_KEY: z.string().min(32, 'RELAIS_SECRET_KEY must be at least 32 characters').optional(),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).default(60 * 60 * 24 * 30),
  LOGIN_RATE_LIMIT_PER_15_MIN: z.coerce.number().int().min(1).default(10),
  SENTRY_DSN: z.string().url().optional(),
  SENTRY_ENVIRONMENT: z.string().optional(),
  /** Express `trust proxy`: which proxies' X-Forwarded-For to believe for the client address (rate limits, audit log). */
  TRUST_PROXY: z.string().default('loopback'),
  /** The API's address as the outside world reaches it: vendor webhooks (Twilio) are signed over it. Default http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** Where the Twilio adapter sends REST calls: Twilio itself unless a test or a proxy says otherwise. */
  TWILIO_API_BASE_URL: z.string().url().default('https://api.twilio.com'),
  /** Where the Stripe adapter sends REST calls (host, port and protocol of the stripe client): Stripe itself unless a test says otherwise. */
  STRIPE_API_BASE_URL: z.string().url().default('https://api.stripe.com'),
  /** Where the Pennylane adapter sends REST calls (Company API v2). */
  PENNYLANE_API_BASE_URL: z.string().url().default('https://app.pennylane.com/api/external/v2'),
  /** Which French company registry the account lookup asks (integrations/company-registry): the sandbox, or recherche-entreprises.api.gouv.fr. */
  COMPANY_REGISTRY_PROVIDER: z.enum(['sandbox', 'recherche-entreprises']).default('sandbox'),
  /** Where the recherche-entreprises adapter sends its searches: the public API unless a test or a proxy says otherwise. */
  COMPANY_REGISTRY_API_BASE_URL: z.string().url().default('https://recherche-entreprises.api.gouv.fr'),
  /** Delay between the simulated status changes of the sandbox SMS provider. */
  COMMS_SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).max(60_000).default(200),
  /** The MSP's inbound mail server (mail-intake/main.ts): where it listens, 0 turns it off. */
  RELAIS_MAIL_INTAKE_HOST: z.string().default('127.0.0.1'),
  RELAIS_MAIL_INTAKE_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  /** Mail to <anything>@<organisation slug>.<this domain> reaches that organisation's tickets. */
  RELAIS_MAIL_DOMAIN: z.string().regex(/^[a-z0-9.-]+$/i).default('relais.local'),
  /** The largest inbound mail taken, in bytes (10 MB); a bigger one is refused with SMTP 552. */
  RELAIS_MAIL_MAX_BYTES: z.coerce.number().int().min(1_024).max(50 * 1024 * 1024).default(10 * 1024 * 1024),
  /** PEM files of the intake's certificate and key: STARTTLS is offered when both are set (ADR 0019). */
  RELAIS_MAIL_INTAKE_TLS_CERT: z.string().optional(),
  RELAIS_MAIL_INTAKE_TLS_KEY: z.string().optional(),
  /** When set, senders must authenticate (AUTH PLAIN / LOGIN) with these, after STARTTLS when a certificate is set. */
  RELAIS_MAIL_INTAKE_USER: z.string().min(1).optional(),
  RELAIS_MAIL_INTAKE_PASSWORD: z.string().min(12).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema>;

export const SECRET_KEYS = ['DATABASE_URL', 'DATABASE_ADMIN_URL', 'DATABASE_REPLICA_URL', 'RELAIS_SECRET_KEY', 'JWT_SECRET', 'SENTRY_DSN'] as const;

export class ConfigError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (`SENTRY_DSN=` in a compose file) means "not set".
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration in environment variables:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;
/** The configuration of this process, read once. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** For tests that change the environment between suites. */
export function resetEnvCache(): void {
  cached = undefined;
}

/** The public base URL (no trailing slash). */
export function publicUrl(config: Env): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, '');
}

export function describeConfig(config: Env): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  for (const key of SECRET_KEYS) if (out[key] !== undefined) out[key] = '***';
  return out;
}
