import type { ServerResponse } from 'node:http';

import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { AppError, type ErrorCode, type FieldIssue, UnavailableError } from '@/lib/errors';
import { logDatabaseUnavailable, logError } from '@/lib/log';

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  overloaded: 503,
};

export type ErrorBody = { error: { code: ErrorCode; message: string; issues?: FieldIssue[] } };

/** An answer before it is sent: as a Response (route handlers) or on node:http (sendAnswer). */
export type Answer<B = unknown> = { status: number; body: B; headers?: Record<string, string> };

/**
 * The one place an error becomes HTTP, for every door (management routes, sign-in, ingestion on
 * Next and on node:http, the Frontegg webhook, server.ts's guard): its status by its code, Retry-After
 * when it says when to come back, and the one body.
 */
export function errorAnswer(error: AppError): Answer<ErrorBody> {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers['retry-after'] = String(error.retryAfterSeconds);
  if (error.allow !== undefined) headers.allow = error.allow;
  const { code, message, issues } = error;
  return { status: statusByCode[code], body: { error: { code, message, ...(issues ? { issues } : {}) } }, headers };
}

/** What a door says of a failure that is not the request's fault, and what its log line starts with. */
export type FailureWords = { context: string; unavailable: string; internal: string };

const routeHandlerFailure: FailureWords = {
  context: 'A route handler failed',
  unavailable: 'The database cannot be reached right now. Retry shortly.',
  internal: 'Something went wrong on our side. The error has been logged.',
};

/**
 * Anything thrown, as the AppError it is answered with. A database that cannot be reached is
 * `unavailable` (503 with Retry-After: come back soon, nothing is wrong with the request); anything
 * unexpected is logged (lib/log.ts: never the query or its values) and `internal`, a 500 without a
 * stack or SQL.
 */
export function asAppError(error: unknown, words: FailureWords = routeHandlerFailure): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) {
    logDatabaseUnavailable(words.context, error);
    return new UnavailableError(words.unavailable, { cause: error });
  }
  logError(words.context, error);
  return new AppError('internal', words.internal, undefined, { cause: error });
}

/**
 * errorAnswer of anything a route handler threw, as a Response. `fields` go beside `error` in the
 * body (sign-in's `url`, which next-auth's client reads).
 */
export function errorResponse(error: unknown, fields?: Record<string, unknown>): Response {
  const { status, body, headers } = errorAnswer(asAppError(error));
  return Response.json({ ...fields, ...body }, { status, headers });
}

/** An answer written on node:http (before Next: the ingest fast path, server.ts's guard). */
export function sendAnswer(res: ServerResponse, { status, body, headers }: Answer): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...headers, ...(text ? { 'content-type': 'application/json' } : {}) });
  res.end(text);
}
