import { asc, desc, eq } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { environments } from '@/lib/db/schema';
import { NotFoundError } from '@/lib/errors';

// Every column but the Frontegg secret, which never leaves the server once set.
const publicColumns = {
  id: environments.id,
  slug: environments.slug,
  name: environments.name,
  builtIn: environments.builtIn,
  isDefault: environments.isDefault,
  timeZone: environments.timeZone,
  createdAt: environments.createdAt,
};

export type Environment = { [K in keyof typeof publicColumns]: (typeof environments.$inferSelect)[K] };

export { publicColumns as environmentColumns };

export async function listEnvironments(db: Queryable): Promise<Environment[]> {
  // Production first, then built-ins, then the rest by name.
  return db
    .select(publicColumns)
    .from(environments)
    .orderBy(desc(environments.isDefault), desc(environments.builtIn), asc(environments.name));
}

export async function findEnvironmentBySlug(db: Queryable, slug: string): Promise<Environment | undefined> {
  const [row] = await db.select(publicColumns).from(environments).where(eq(environments.slug, slug)).limit(1);
  return row;
}

export async function getEnvironmentBySlug(db: Queryable, slug: string): Promise<Environment> {
  const env = await findEnvironmentBySlug(db, slug);
  if (!env) throw new NotFoundError(`Environment "${slug}"`);
  return env;
}

export async function getDefaultEnvironment(db: Queryable): Promise<Environment> {
  const [row] = await db.select(publicColumns).from(environments).where(eq(environments.isDefault, true)).limit(1);
  if (!row) throw new NotFoundError('The default environment');
  return row;
}

/** The environment a view asks for by slug, or the default one (Production) when none is asked. */
export async function resolveEnvironment(db: Queryable, slug: string | null | undefined): Promise<Environment> {
  return slug ? getEnvironmentBySlug(db, slug) : getDefaultEnvironment(db);
}
