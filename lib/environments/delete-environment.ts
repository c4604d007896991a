import { eq } from 'drizzle-orm';
import type { Queryable } from '@/lib/db/client';
import { environments } from '@/lib/db/schema';
import { ForbiddenError } from '@/lib/errors';
import { getEnvironmentBySlug } from './queries';

/** Deletes an environment and, by cascade, everything in it (keys, events, connections…). */
export async function deleteEnvironment(db: Queryable, slug: string): Promise<void> {
  const env = await getEnvironmentBySlug(db, slug);
  if (env.builtIn) throw new ForbiddenError(`${env.name} is built in and cannot be deleted.`);
  await db.delete(environments).where(eq(environments.id, env.id));
}
