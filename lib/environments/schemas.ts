import { z } from 'zod';

export const environmentName = z
  .string({ error: 'expected a name' })
  .trim()
  .min(1, 'must not be empty')
  .max(60, 'must be at most 60 characters');

export const environmentSlug = z
  .string({ error: 'expected a slug' })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use 1–40 lowercase letters, digits and dashes, starting with a letter or digit');

export const createEnvironmentInput = z.object({
  name: environmentName,
  // Derived from the name when left out.
  slug: environmentSlug.optional(),
});
export type CreateEnvironmentInput = z.infer<typeof createEnvironmentInput>;

export const renameEnvironmentInput = z.object({ name: environmentName });
export type RenameEnvironmentInput = z.infer<typeof renameEnvironmentInput>;

export function slugFromName(name: string): string {
  return (
    name
      .normalize('NFKD')
      // Drop the accents NFKD split off, so 'Ünïcode' becomes 'unicode'.
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/g, '')
  );
}
