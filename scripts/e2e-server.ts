import fs from 'node:fs';
import path from 'node:path';

import postgres from 'postgres';

// Starts the built app for one end-to-end target on a fresh, empty database:
//   tsx scripts/e2e-server.ts pglite 3101     → PGlite in .data-e2e/pglite (wiped first)
//   tsx scripts/e2e-server.ts postgres 3102   → a new database next to TEST_DATABASE_URL's

const e2eDataDir = (kind: string) => path.resolve('.data-e2e', kind);

// One database per port, so that two checkouts can run their suites side by side (E2E_PORT_BASE).
async function freshPostgres(adminUrl: string, port: string): Promise<string> {
  const name = port === '3102' ? 'signalboard_e2e' : `signalboard_e2e_${port}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function main(): Promise<void> {
  const [kind, port] = process.argv.slice(2);
  if ((kind !== 'pglite' && kind !== 'postgres') || !port) {
    throw new Error('usage: tsx scripts/e2e-server.ts pglite|postgres <port>');
  }
  const settings: Record<string, string> = {
    PORT: port,
    HOST: '127.0.0.1',
    APP_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: 'production',
    // The connections specs deliver to a receiver on loopback, which the SSRF guard refuses by default.
    DELIVERY_ALLOW_CIDRS: '127.0.0.0/8',
  };
  if (kind === 'pglite') {
    fs.rmSync(e2eDataDir(kind), { recursive: true, force: true });
    settings.DATA_DIR = e2eDataDir(kind);
    delete process.env.DATABASE_URL;
  } else {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the postgres target');
    settings.DATABASE_URL = await freshPostgres(adminUrl, port);
    // Holds only the generated secrets key (SECRETS_KEY is unset), apart from the developer's own .data.
    fs.rmSync(e2eDataDir(kind), { recursive: true, force: true });
    settings.DATA_DIR = e2eDataDir(kind);
  }
  for (const key of [
    'ADMIN_EMAIL',
    'ADMIN_PASSWORD',
    'OIDC_ISSUER',
    'OIDC_CLIENT_ID',
    'OIDC_CLIENT_SECRET',
    'SECRETS_KEY',
    'SMTP_HOST',
    'SMTP_FROM',
  ])
    delete process.env[key];
  Object.assign(process.env, settings);
  // The security spec reads the server's memory from /proc while it is sent oversized bodies.
  fs.mkdirSync(path.resolve('.data-e2e'), { recursive: true });
  fs.writeFileSync(path.resolve('.data-e2e', `${kind}.pid`), String(process.pid));
  await import('../server');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
