import type { Queryable } from '@/lib/db/client';
import { environments } from '@/lib/db/schema';

/** Production (the default view) and Development exist from the start. Safe to run on every boot. */
export async function ensureBuiltInEnvironments(db: Queryable): Promise<void> {
  await db
    .insert(environments)
    .values([
      { slug: 'production', name: 'Production', builtIn: true, isDefault: true },
      { slug: 'development', name: 'Development', builtIn: true, isDefault: false },
    ])
    .onConflictDoNothing({ target: environments.slug })
    .execute();
}
