import type { Queryable } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/pg-error';
import { environments } from '@/lib/db/schema';
import { ConflictError, ValidationError } from '@/lib/errors';

import { type Environment, environmentColumns } from './queries';
import { type CreateEnvironmentInput, slugFromName } from './schemas';

export async function createEnvironment(db: Queryable, input: CreateEnvironmentInput): Promise<Environment> {
  const slug = input.slug ?? slugFromName(input.name);
  if (!slug) throw ValidationError.field('slug', 'could not be derived from the name; give one explicitly');
  try {
    const [row] = await db.insert(environments).values({ name: input.name, slug }).returning(environmentColumns);
    if (!row) throw new Error('insert into environments returned no row');
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConflictError(`An environment with the slug "${slug}" already exists.`, [
        { path: 'slug', message: 'already in use' },
      ]);
    }
    throw error;
  }
}
