import { asc, desc, eq } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';
import { environments } from '@/lib/db/schema';
import { NotFoundError } from '@/lib/errors';

export type Environment = typeof environments.$inferSelect;

export async function listEnvironments(db: Queryable): Promise<Environment[]> {
  // Production first, then built-ins, then the rest by name.
  return db.select().from(environments).orderBy(desc(environments.isDefault), desc(environments.builtIn), asc(environments.name));
}

export async function findEnvironmentBySlug(db: Queryable, slug: string): Promise<Environment | undefined> {
  const [row] = await db.select().from(environments).where(eq(environments.slug, slug)).limit(1);
  return row;
}

export async function getEnvironmentBySlug(db: Queryable, slug: string): Promise<Environment> {
  const env = await findEnvironmentBySlug(db, slug);
  if (!env) throw new NotFoundError(`Environment "${slug}"`);
  return env;
}

export async function getDefaultEnvironment(db: Queryable): Promise<Environment> {
  const [row] = await db.select().from(environments).where(eq(environments.isDefault, true)).limit(1);
  if (!row) throw new NotFoundError('The default environment');
  return row;
}

/** The environment a view asks for by slug, or the default one (Production) when none is asked. */
export async function resolveEnvironment(db: Queryable, slug: string | null | undefined): Promise<Environment> {
  return slug ? getEnvironmentBySlug(db, slug) : getDefaultEnvironment(db);
}
