import type { z } from 'zod';
import { findUnstorable } from '@/lib/db/json-guard';
import { ValidationError, issuesFromZod } from '@/lib/errors';

/** Validates a query string; empty values count as absent. Failures name the parameter. */
export function parseSearchParams<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const entries = [...new URL(request.url).searchParams].filter(([, value]) => value !== '');
  const values = Object.fromEntries(entries);
  const unstorable = findUnstorable(values, '');
  if (unstorable) throw new ValidationError(`${unstorable.path}: ${unstorable.message}`, [unstorable]);
  const result = schema.safeParse(values);
  if (!result.success) {
    const issues = issuesFromZod(result.error.issues);
    throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  return result.data;
}
