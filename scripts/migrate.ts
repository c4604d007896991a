import { closeConnection, openConnection, targetFromEnv } from '@/lib/db/client';
import { migrateConnection } from '@/lib/db/migrate';
import { ConfigError } from '@/lib/env';

// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the PGlite data folder.
async function main(): Promise<void> {
  const target = targetFromEnv();
  const connection = await openConnection(target);
  try {
    await migrateConnection(connection);
    console.log(
      `Migrations applied to ${target.kind === 'postgres' ? 'Postgres (DATABASE_URL)' : `PGlite in ${target.dataDir}`}.`,
    );
  } finally {
    await closeConnection(connection);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
