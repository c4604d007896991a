import type { z } from 'zod';
import { AppError, ValidationError, issuesFromZod } from '@/lib/errors';

const MAX_MANAGEMENT_BODY = 64 * 1024;

/** Reads a JSON body and validates it; every failure names what to fix. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const text = await request.text();
  if (text.length > MAX_MANAGEMENT_BODY) {
    throw new AppError('payload_too_large', `The body is larger than ${MAX_MANAGEMENT_BODY / 1024} KB.`);
  }
  let json: unknown;
  try {
    json = text === '' ? {} : JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The body is not valid JSON.', [{ path: '(body)', message: 'invalid JSON' }]);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issues = issuesFromZod(result.error.issues);
    throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
  return result.data;
}
