import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this file: it diffs lib/db/schema against drizzle/ and writes
// the next migration. Migrations are applied by lib/db/migrate.ts at start-up and by `npm run db:migrate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema/index.ts',
  out: './drizzle',
});
