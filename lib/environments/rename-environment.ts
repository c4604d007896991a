import { eq } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { environments } from '@/lib/db/schema';
import { ForbiddenError } from '@/lib/errors';

import { type Environment, environmentColumns, getEnvironmentBySlug } from './queries';
import type { RenameEnvironmentInput } from './schemas';

/** Renames an environment; its slug (and so every shared link) stays the same. */
export async function renameEnvironment(db: Queryable, slug: string, input: RenameEnvironmentInput): Promise<Environment> {
  const env = await getEnvironmentBySlug(db, slug);
  if (env.builtIn) throw new ForbiddenError(`${env.name} is built in and cannot be renamed.`);
  const [row] = await db
    .update(environments)
    .set({ name: input.name })
    .where(eq(environments.id, env.id))
    .returning(environmentColumns);
  return row ?? env;
}
