import ipaddr from 'ipaddr.js';
import { z } from 'zod';

// The one place that reads process.env. Everything else asks getEnv(), so a wrong value stops
// start-up (server.ts calls it first) with a message naming the variable, not a failure later.

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z
  .object({
    DATABASE_URL: optionalText.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\/.+/, 'expected a postgres:// or postgresql:// connection URL')
        .optional(),
    ),
    DATA_DIR: optionalText.pipe(z.string().default('.data')),
    PORT: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'expected a port number' })
        .int('expected a whole number')
        .min(1, 'expected 1–65535')
        .max(65535, 'expected 1–65535')
        .default(3000),
    ),
    HOST: optionalText.pipe(z.string().default('0.0.0.0')),
    // A second port that serves ingestion only, from a process of its own on Postgres (README).
    INGEST_PORT: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'expected a port number' })
        .int('expected a whole number')
        .min(1, 'expected 1–65535')
        .max(65535, 'expected 1–65535')
        .optional(),
    ),
    APP_URL: optionalText.pipe(
      z
        .url('expected an absolute URL such as https://signals.example.com')
        .refine((v) => /^https?:\/\//i.test(v), 'expected an http:// or https:// URL')
        .optional(),
    ),
    // How many reverse proxies in front of the app append to X-Forwarded-For: the client address
    // (sign-in throttling, the failed sign-ins list) is read that many entries from the right.
    // 0: the address that connected, and X-Forwarded-For is ignored (a client can write anything there).
    TRUST_PROXY_HOPS: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'expected a number of proxies' })
        .int('expected a whole number')
        .min(0, 'expected 0–10')
        .max(10, 'expected 0–10')
        .default(0),
    ),
    AUTH_SECRET: optionalText.pipe(z.string().min(32, 'expected at least 32 characters').optional()),
    ADMIN_EMAIL: optionalText.pipe(z.email('expected an email address').optional()),
    ADMIN_PASSWORD: optionalText.pipe(z.string().min(12, 'expected at least 12 characters').optional()),
    OIDC_ISSUER: optionalText.pipe(z.url('expected the issuer URL of the OIDC provider').optional()),
    OIDC_CLIENT_ID: optionalText,
    OIDC_CLIENT_SECRET: optionalText,
    OIDC_NAME: optionalText.pipe(z.string().default('Single sign-on')),
    // Events a second per write key, per process (bursts of two seconds' worth); 0 turns it off.
    INGEST_RATE_LIMIT: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'expected a number of events per second' })
        .int('expected a whole number')
        .min(0, 'expected 0 (off) or more')
        .default(20_000),
    ),
    // How often the scheduler evaluates every environment's signals, in minutes.
    SIGNALS_EVERY_MINUTES: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'expected a number of minutes' })
        .int('expected a whole number of minutes')
        .min(1, 'expected 1–1440 minutes')
        .max(1440, 'expected 1–1440 minutes')
        .default(5),
    ),
    // Encrypts connection secrets at rest. When unset, a key is generated into DATA_DIR/secrets.key;
    // set it (the same value on every process) when processes run on more than one machine.
    SECRETS_KEY: optionalText.pipe(z.string().min(32, 'expected at least 32 characters').optional()),
    // The key used before SECRETS_KEY, still accepted for reading while secrets are re-encrypted.
    SECRETS_KEY_PREVIOUS: optionalText.pipe(z.string().min(32, 'expected at least 32 characters').optional()),
    // Private ranges deliveries may reach anyway, e.g. "127.0.0.0/8,::1/128" for local receivers.
    DELIVERY_ALLOW_CIDRS: optionalText.pipe(
      z
        .string()
        .transform((value, ctx) => {
          const ranges: string[] = [];
          for (const item of value
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)) {
            const cidr = item.includes('/')
              ? item
              : `${item}/${ipaddr.isValid(item) && ipaddr.parse(item).kind() === 'ipv6' ? 128 : 32}`;
            try {
              ipaddr.parseCIDR(cidr);
            } catch {
              ctx.addIssue({
                code: 'custom',
                message: `expected IP ranges in CIDR form separated by commas; "${item}" is not one`,
              });
              return z.NEVER;
            }
            ranges.push(cidr);
          }
          return ranges;
        })
        .default([]),
    ),
    // Deliveries one process sends at the same time.
    DELIVERY_CONCURRENCY: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'expected a number of deliveries' })
        .int('expected a whole number')
        .min(1, 'expected 1–512')
        .max(512, 'expected 1–512')
        .default(64),
    ),
    // Outgoing mail for email connections and owner alerts. Email connections need SMTP_HOST and SMTP_FROM.
    SMTP_HOST: optionalText,
    SMTP_PORT: optionalText.pipe(
      z.coerce
        .number<string | undefined>({ error: 'expected a port number' })
        .int('expected a whole number')
        .min(1, 'expected 1–65535')
        .max(65535, 'expected 1–65535')
        .default(587),
    ),
    SMTP_USER: optionalText,
    SMTP_PASSWORD: optionalText,
    SMTP_FROM: optionalText.pipe(z.string().optional()),
    // true: TLS from the first byte (port 465); false: STARTTLS when the server offers it.
    SMTP_SECURE: optionalText.pipe(z.enum(['true', 'false'], { error: 'expected true or false' }).optional()),
    // "production:<key>,development:<key>": write keys created at start-up when absent.
    INIT_WRITE_KEYS: optionalText.pipe(
      z
        .string()
        .transform((value, ctx) => {
          const pairs: { environment: string; key: string }[] = [];
          for (const item of value
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean)) {
            const match = /^([a-z0-9][a-z0-9-]{0,39}):([A-Za-z0-9_.~-]{20,200})$/.exec(item);
            if (!match?.[1] || !match[2]) {
              ctx.addIssue({
                code: 'custom',
                message: `expected environment-slug:key pairs separated by commas, keys of 20–200 URL-safe characters; "${item.split(':')[0]}:…" is not`,
              });
              return z.NEVER;
            }
            pairs.push({ environment: match[1], key: match[2] });
          }
          return pairs;
        })
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (env.INGEST_PORT !== undefined && env.INGEST_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['INGEST_PORT'], message: `expected a port other than PORT (${env.PORT})` });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      const missing = env.ADMIN_EMAIL ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'required when the other of ADMIN_EMAIL / ADMIN_PASSWORD is set',
      });
    }
    if (Boolean(env.SMTP_HOST) !== Boolean(env.SMTP_FROM)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SMTP_HOST ? 'SMTP_FROM' : 'SMTP_HOST'],
        message: 'required when the other of SMTP_HOST / SMTP_FROM is set',
      });
    }
    if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.SMTP_USER ? 'SMTP_PASSWORD' : 'SMTP_USER'],
        message: 'required when the other of SMTP_USER / SMTP_PASSWORD is set',
      });
    }
    const oidc = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
    const set = oidc.filter((k) => env[k]);
    if (set.length > 0 && set.length < oidc.length) {
      for (const k of oidc.filter((k) => !env[k])) {
        ctx.addIssue({ code: 'custom', path: [k], message: `required when ${set.join(', ')} is set` });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        return `${name}: ${issue.message}`;
      }),
    );
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function oidcConfigured(
  env: Env,
): env is Env & { OIDC_ISSUER: string; OIDC_CLIENT_ID: string; OIDC_CLIENT_SECRET: string } {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

/** The app's public origin: APP_URL, or localhost on the configured port. */
export function appOrigin(env: Env = getEnv()): string {
  return (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '');
}
