import { AppError, type ErrorCode } from '@/lib/errors';

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
 * The one place domain errors become HTTP. Anything unexpected is logged with its cause and
 * answered 500 without a stack or SQL.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) return jsonError(statusByCode[error.code], error.code, error.message, error.issues);
  console.error('Unhandled error in a route handler:', error);
  return jsonError(500, 'internal', 'Something went wrong on our side. The error has been logged.');
}
