// One error type with codes. Every door answers one through the same function, errorAnswer in
// lib/http/error-response.ts: one envelope, `{ error: { code, message, issues? } }`, and one
// mapping of a code to its status and headers.

export type FieldIssue = { path: string; message: string };

export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited'
  | 'internal'
  | 'unavailable'
  | 'overloaded';

export type AppErrorOptions = ErrorOptions & {
  /** When the client may try again, in seconds (Retry-After): rate limits, unavailable, overloaded. */
  retryAfterSeconds?: number;
  /** The methods a method_not_allowed answer names (Allow). */
  allow?: string;
};

export class AppError extends Error {
  readonly retryAfterSeconds?: number;
  readonly allow?: string;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    { retryAfterSeconds, allow, ...options }: AppErrorOptions = {},
  ) {
    super(message, options);
    this.name = 'AppError';
    this.retryAfterSeconds = retryAfterSeconds;
    this.allow = allow;
  }
}

/** How long a client is asked to wait while the database cannot be reached, in seconds. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Nothing is wrong with the request, but it cannot be served now (the database cannot be
 * reached): come back in a few seconds. SDKs retry it (Segment's do, with backoff); a 500 reads
 * as a broken request.
 */
export class UnavailableError extends AppError {
  constructor(message: string, options?: ErrorOptions) {
    super('unavailable', message, undefined, { ...options, retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS });
  }
}

/** The server is busy (a queue or a budget is full): come back in a second. */
export class OverloadedError extends AppError {
  constructor(message: string) {
    super('overloaded', message, undefined, { retryAfterSeconds: 1 });
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: FieldIssue[]) {
    super('validation_failed', message, issues);
  }

  static field(path: string, message: string): ValidationError {
    return new ValidationError(`${path}: ${message}`, [{ path, message }]);
  }

  /** Every issue, named in the message ("batch.3.event: …; userId: …"). */
  static of(issues: FieldIssue[]): ValidationError {
    return new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('not_found', `${what} was not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, issues?: FieldIssue[]) {
    super('conflict', message, issues);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Your role does not allow this action.') {
    super('forbidden', message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in to continue.') {
    super('unauthorized', message);
  }
}

/** zod issues → our field issues ("batch.3.event"). */
export function issuesFromZod(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
}
