import type { SendOutcome } from './http-send';

// What an attempt's outcome means for the delivery and its connection (see DESIGN.md, "Delivery
// contract"): 2xx succeeds; 4xx fails for good except 408/409/425/429; 5xx, timeouts and network
// errors are retried on a growing schedule, honouring Retry-After; 410 turns the connection off.

/** Waits after attempts 1, 2, … 7; the 8th failure is final. */
export const DEFAULT_RETRY_SCHEDULE_MS = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3600_000,
  5 * 3600_000,
  10 * 3600_000,
  10 * 3600_000,
];
const RETRYABLE_4XX = new Set([408, 409, 425, 429]);
const MAX_RETRY_AFTER_MS = 10 * 3600_000;

export type Verdict = { kind: 'succeeded' } | { kind: 'retry'; delayMs: number } | { kind: 'failed'; disableConnection?: string };

export type RetryOptions = { schedule?: readonly number[]; jitter?: number; random?: () => number };

/** Seconds or an HTTP date, as RFC 9110 allows; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Slack answers errors such as no_service (404) and channel_is_archived (410) in the body. */
const SLACK_GONE = /^(no_service|channel_is_archived|channel_not_found|no_team|team_disabled|invalid_token)\b/;

export function judgeAttempt(outcome: SendOutcome, attempt: number, options: RetryOptions = {}): Verdict {
  const { schedule = DEFAULT_RETRY_SCHEDULE_MS, jitter = 0.1, random = Math.random } = options;
  const retry = (retryAfterMs: number | null): Verdict => {
    const base = schedule[attempt - 1];
    if (base === undefined) return { kind: 'failed' };
    if (retryAfterMs !== null) return { kind: 'retry', delayMs: Math.min(retryAfterMs, MAX_RETRY_AFTER_MS) };
    return { kind: 'retry', delayMs: Math.round(base * (1 + jitter * (2 * random() - 1))) };
  };

  if (!outcome.ok) return outcome.error === 'refused' ? { kind: 'failed' } : retry(null);
  const { status } = outcome;
  if (status >= 200 && status < 300) return { kind: 'succeeded' };
  const slackGone = SLACK_GONE.exec(outcome.body.trim());
  if (slackGone) return { kind: 'failed', disableConnection: `Slack answered ${slackGone[1]}` };
  if (status === 410) return { kind: 'failed', disableConnection: 'the receiver answered 410 Gone' };
  if (status >= 500 || RETRYABLE_4XX.has(status)) return retry(parseRetryAfter(outcome.headers['retry-after']));
  // Redirects are not followed, and other 4xx say the request itself is wrong: retrying cannot help.
  return { kind: 'failed' };
}
