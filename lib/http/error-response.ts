import { UNAVAILABLE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '@/lib/db/unavailable';
import { AppError, type ErrorCode } from '@/lib/errors';
import { logDatabaseUnavailable, logError } from '@/lib/log';

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
};

export function jsonError(status: number, code: string, message: string, issues?: unknown, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message, ...(issues ? { issues } : {}) } }, { status, headers });
}

/**
 * The one place domain errors become HTTP. A database that cannot be reached is 503 with
 * Retry-After (come back soon, nothing is wrong with the request). Anything unexpected is logged
 * (lib/log.ts: never the query or its values) and answered 500 without a stack or SQL.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return jsonError(statusByCode[error.code], error.code, error.message, error.issues);
  if (isDatabaseUnavailable(error)) {
    logDatabaseUnavailable('A route handler', error);
    return jsonError(503, 'unavailable', 'The database cannot be reached right now. Retry shortly.', undefined, {
      'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS),
    });
  }
  logError('Unhandled error in a route handler', error);
  return jsonError(500, 'internal', 'Something went wrong on our side. The error has been logged.');
}
