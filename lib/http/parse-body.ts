import type { z } from 'zod';

import { findUnstorable } from '@/lib/db/json-guard';
import { AppError, issuesFromZod, ValidationError } from '@/lib/errors';

import { readWebBody } from './read-body';

/** The largest management request body: every form and API input is far smaller. */
export const MAX_MANAGEMENT_BODY = 64 * 1024;

/**
 * Reads a JSON body and validates it; every failure names what to fix. The body is read as a
 * stream and given up as soon as it passes the limit, so an endless or huge upload costs at most
 * the limit in memory, whoever sends it.
 */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const text = await readWebBody(request, MAX_MANAGEMENT_BODY);
  if (typeof text !== 'string') {
    throw new AppError('payload_too_large', `The body is larger than ${MAX_MANAGEMENT_BODY / 1024} KB.`);
  }
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The body is not valid JSON.', [{ path: '(body)', message: 'invalid JSON' }]);
  }
  // A NUL or a lone surrogate cannot be stored: refused here, naming the field, not by the database.
  const unstorable = findUnstorable(json, '');
  if (unstorable) throw new ValidationError(`${unstorable.path || '(body)'}: ${unstorable.message}`, [unstorable]);
  const result = schema.safeParse(json);
  if (!result.success) throw ValidationError.of(issuesFromZod(result.error.issues));
  return result.data;
}
