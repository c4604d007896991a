import path from 'node:path';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Each file makes its own databases (PGlite in memory, a fresh Postgres database).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Connection secrets are sealed with this in tests (the app falls back to DATA_DIR/secrets.key).
    env: { SECRETS_KEY: 'vitest-only-secrets-key-0123456789abcdef' },
  },
});
