import { afterEach, describe, expect, it, vi } from 'vitest';

import { NotFoundError } from '@/lib/errors';
import { connectionRefused } from '@/lib/testing/failures';

import { managementRoute } from './management-route';

// The management door's answers to what a handler throws, with the session stubbed (reading one
// needs next-auth's request scope): the same envelope as every other door.
vi.mock('@/lib/auth/session', () => ({
  requireApiSession: vi.fn(async () => ({
    admin: { id: '8f0c2a52-6b1e-4d7e-9a3b-2f4c5d6e7f80', email: 'owner@example.com', name: null, role: 'owner' },
    sessionId: 'session',
  })),
}));

const get = (handler: () => Promise<Response>) =>
  managementRoute('viewer', handler)(new Request('http://localhost/api/v1/anything'), { params: Promise.resolve({}) });

describe('a management route', () => {
  afterEach(() => vi.restoreAllMocks());

  it('answers 503 with Retry-After while the database cannot be reached', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await get(async () => {
      throw connectionRefused();
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({
      error: { code: 'unavailable', message: 'The database cannot be reached right now. Retry shortly.' },
    });
  });

  it('answers a domain error with its status and the one envelope', async () => {
    const response = await get(async () => {
      throw new NotFoundError('Cohort "x"');
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'Cohort "x" was not found.' } });
  });
});
