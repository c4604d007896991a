import { expect, it } from 'vitest';

import type { SendOutcome } from './http-send';
import { DEFAULT_RETRY_SCHEDULE_MS, judgeAttempt, parseRetryAfter } from './retry-policy';

const answer = (status: number, headers: Record<string, string> = {}, body = ''): SendOutcome => ({
  ok: true,
  status,
  headers,
  body,
  latencyMs: 5,
});
const exact = { jitter: 0 };

it('follows the contract: 2xx succeeds, most 4xx fail at once, 408/409/425/429 and 5xx retry on the schedule', () => {
  expect(judgeAttempt(answer(204), 1, exact)).toEqual({ kind: 'succeeded' });
  for (const status of [400, 401, 403, 404, 422, 301, 302])
    expect(judgeAttempt(answer(status), 1, exact)).toEqual({ kind: 'failed' });
  for (const status of [408, 409, 425, 429, 500, 502, 503])
    expect(judgeAttempt(answer(status), 1, exact)).toEqual({ kind: 'retry', delayMs: 5_000 });
  expect(DEFAULT_RETRY_SCHEDULE_MS.map((_, i) => judgeAttempt(answer(500), i + 1, exact))).toEqual(
    [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000].map((delayMs) => ({ kind: 'retry', delayMs })),
  );
  expect(judgeAttempt(answer(500), 8, exact)).toEqual({ kind: 'failed' });
  expect(judgeAttempt({ ok: false, error: 'timeout', message: 'x', latencyMs: 15_000 }, 2, exact)).toEqual({
    kind: 'retry',
    delayMs: 300_000,
  });
  expect(judgeAttempt({ ok: false, error: 'refused', message: 'private', latencyMs: 0 }, 1, exact)).toEqual({ kind: 'failed' });
});

it('adds up to ±10% jitter', () => {
  expect(judgeAttempt(answer(500), 1, { random: () => 0 })).toEqual({ kind: 'retry', delayMs: 4_500 });
  expect(judgeAttempt(answer(500), 1, { random: () => 1 })).toEqual({ kind: 'retry', delayMs: 5_500 });
});

it('honours Retry-After in seconds or as a date, capped at 10 hours', () => {
  expect(judgeAttempt(answer(429, { 'retry-after': '30' }), 1, exact)).toEqual({ kind: 'retry', delayMs: 30_000 });
  expect(judgeAttempt(answer(503, { 'retry-after': '999999' }), 1, exact)).toEqual({ kind: 'retry', delayMs: 36_000_000 });
  const now = Date.parse('2026-11-24T10:00:00Z');
  expect(parseRetryAfter('Tue, 24 Nov 2026 10:02:00 GMT', now)).toBe(120_000);
  expect(parseRetryAfter('soon', now)).toBeNull();
});

it('turns the connection off on 410 and on Slack’s answers for a gone channel', () => {
  expect(judgeAttempt(answer(410), 1, exact)).toEqual({ kind: 'failed', disableConnection: 'the receiver answered 410 Gone' });
  expect(judgeAttempt(answer(404, {}, 'no_service'), 1, exact)).toEqual({
    kind: 'failed',
    disableConnection: 'Slack answered no_service',
  });
  expect(judgeAttempt(answer(410, {}, 'channel_is_archived'), 1, exact)).toEqual({
    kind: 'failed',
    disableConnection: 'Slack answered channel_is_archived',
  });
});
