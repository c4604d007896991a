import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  OverloadedError,
  UnauthorizedError,
  UnavailableError,
  ValidationError,
} from '@/lib/errors';
import { connectionRefused } from '@/lib/testing/failures';

import { asAppError, errorAnswer, errorResponse } from './error-response';

describe('errorAnswer', () => {
  it('answers every error in one envelope, its status from its code', () => {
    const cases: [AppError, number][] = [
      [new AppError('bad_request', 'm'), 400],
      [new AppError('invalid_json', 'm'), 400],
      [ValidationError.field('name', 'must not be empty'), 400],
      [new UnauthorizedError(), 401],
      [new ForbiddenError(), 403],
      [new NotFoundError('Cohort "x"'), 404],
      [new AppError('method_not_allowed', 'm'), 405],
      [new ConflictError('m'), 409],
      [new AppError('payload_too_large', 'm'), 413],
      [new AppError('rate_limited', 'm'), 429],
      [new AppError('internal', 'm'), 500],
      [new UnavailableError('m'), 503],
      [new OverloadedError('m'), 503],
    ];
    for (const [error, status] of cases) {
      const answer = errorAnswer(error);
      expect(answer.status, error.code).toBe(status);
      expect(answer.body).toEqual({
        error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) },
      });
    }
    expect(errorAnswer(ValidationError.field('name', 'must not be empty')).body.error.issues).toEqual([
      { path: 'name', message: 'must not be empty' },
    ]);
  });

  it('says when to come back: Retry-After on unavailable (5 s), overloaded (1 s) and rate limits; Allow on a 405', () => {
    expect(errorAnswer(new UnavailableError('m')).headers).toEqual({ 'retry-after': '5' });
    expect(errorAnswer(new OverloadedError('m')).headers).toEqual({ 'retry-after': '1' });
    expect(errorAnswer(new AppError('rate_limited', 'm', undefined, { retryAfterSeconds: 7 })).headers).toEqual({
      'retry-after': '7',
    });
    expect(errorAnswer(new AppError('method_not_allowed', 'm', undefined, { allow: 'POST' })).headers).toEqual({ allow: 'POST' });
    expect(errorAnswer(new NotFoundError('x')).headers).toEqual({});
  });
});

describe('what a route handler threw', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is 503 with Retry-After when the database cannot be reached, logged without the query or its values', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = errorResponse(connectionRefused());
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      error: { code: 'unavailable', message: 'The database cannot be reached right now. Retry shortly.' },
    });
    const lines = logged.mock.calls.flat().join('\n');
    expect(lines).toMatch(/the database cannot be reached/);
    expect(lines).not.toMatch(/do-not-log-this-hash|select/);
  });

  it('is 500 without a stack or SQL when unexpected, and logged; an AppError is answered as it is', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = errorResponse(new TypeError('x is undefined'));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'internal', message: 'Something went wrong on our side. The error has been logged.' },
    });
    expect(logged.mock.calls.flat().join('\n')).toMatch(/^A route handler failed: TypeError: x is undefined/);
    const conflict = new ConflictError('taken');
    expect(asAppError(conflict)).toBe(conflict);
    expect(asAppError(new Error('boom')).cause).toBeInstanceOf(Error);
  });

  it('can carry fields beside the error (sign-in’s url for next-auth’s client)', async () => {
    const response = errorResponse(new UnavailableError('Signing in is not possible right now.'), { url: '/signin?error=x' });
    expect(await response.json()).toEqual({
      url: '/signin?error=x',
      error: { code: 'unavailable', message: 'Signing in is not possible right now.' },
    });
  });
});
