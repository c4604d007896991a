import { describe, expect, it } from 'vitest';

import { ConfigError, parseEnv } from './env';

function problemsOf(source: Record<string, string>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('starts with nothing set: embedded database in ./.data on port 3000', () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.DATA_DIR).toBe('.data');
    expect(env.PORT).toBe(3000);
  });

  it('treats empty values as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: ' ' }).PORT).toBe(3000);
  });

  it('accepts a Postgres URL and a port', () => {
    const env = parseEnv({ DATABASE_URL: 'postgres://u@localhost:5432/db', PORT: '8080' });
    expect(env.DATABASE_URL).toBe('postgres://u@localhost:5432/db');
    expect(env.PORT).toBe(8080);
  });

  it('names the variable and what is expected', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toEqual([
      'DATABASE_URL: expected a postgres:// or postgresql:// connection URL',
    ]);
    expect(problemsOf({ PORT: 'eighty' })[0]).toMatch(/^PORT: /);
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT: expected 1–65535/);
    expect(problemsOf({ AUTH_SECRET: 'short' })[0]).toMatch(/^AUTH_SECRET: expected at least 32 characters/);
    expect(problemsOf({ APP_URL: 'not a url' })[0]).toMatch(/^APP_URL: /);
  });

  it('takes an optional ingest port, other than PORT', () => {
    expect(parseEnv({}).INGEST_PORT).toBeUndefined();
    expect(parseEnv({ INGEST_PORT: '3001' }).INGEST_PORT).toBe(3001);
    expect(problemsOf({ INGEST_PORT: 'x' })[0]).toMatch(/^INGEST_PORT: expected a port number/);
    expect(problemsOf({ INGEST_PORT: '0' })[0]).toMatch(/^INGEST_PORT: expected 1–65535/);
    expect(problemsOf({ PORT: '8080', INGEST_PORT: '8080' })).toEqual(['INGEST_PORT: expected a port other than PORT (8080)']);
    expect(problemsOf({ INGEST_PORT: '3000' })).toEqual(['INGEST_PORT: expected a port other than PORT (3000)']);
  });

  it('needs ADMIN_EMAIL and ADMIN_PASSWORD together', () => {
    expect(problemsOf({ ADMIN_EMAIL: 'a@example.com' })).toEqual([
      'ADMIN_PASSWORD: required when the other of ADMIN_EMAIL / ADMIN_PASSWORD is set',
    ]);
    expect(problemsOf({ ADMIN_EMAIL: 'a@example.com', ADMIN_PASSWORD: 'short' })[0]).toMatch(
      /^ADMIN_PASSWORD: expected at least 12/,
    );
  });

  it('needs the three OIDC settings together', () => {
    const problems = problemsOf({ OIDC_ISSUER: 'https://id.example.com' });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/OIDC_CLIENT_ID: required when OIDC_ISSUER is set/);
    expect(problems.join('\n')).toMatch(/OIDC_CLIENT_SECRET: required/);
  });
});

describe('ingestion settings', () => {
  it('reads INIT_WRITE_KEYS as environment:key pairs', () => {
    const env = parseEnv({ INIT_WRITE_KEYS: 'production:prod_key_0123456789abcdef, development:dev_key_0123456789abcdef' });
    expect(env.INIT_WRITE_KEYS).toEqual([
      { environment: 'production', key: 'prod_key_0123456789abcdef' },
      { environment: 'development', key: 'dev_key_0123456789abcdef' },
    ]);
    expect(parseEnv({}).INGEST_RATE_LIMIT).toBe(20_000);
  });

  it('names INIT_WRITE_KEYS and INGEST_RATE_LIMIT when they are wrong, without echoing a key', () => {
    const [problem] = problemsOf({ INIT_WRITE_KEYS: 'production:short' });
    expect(problem).toMatch(/^INIT_WRITE_KEYS: expected environment-slug:key pairs/);
    expect(problem).not.toContain('short');
    expect(problemsOf({ INGEST_RATE_LIMIT: '-1' })[0]).toMatch(/^INGEST_RATE_LIMIT: /);
  });
});
