import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';

import type { ClaimedDelivery } from './claims';
import type { SendOutcome } from './http-send';
import type { Verdict } from './retry-policy';

export const FAILING_DAYS_BEFORE_DISABLE = 5;

export type AttemptRecord = { connectionDisabled: string | null };

const EXCERPT_CHARS = 1000;

/**
 * Stores what an attempt did, on the delivery and on its connection. Only the worker holding this
 * attempt's claim writes it (the attempts count must still match). A connection failing every
 * attempt for five days, or whose receiver is gone, is turned off; the caller tells the owners.
 */
export async function recordAttempt(
  db: Queryable,
  claimed: ClaimedDelivery,
  outcome: SendOutcome,
  verdict: Verdict,
): Promise<AttemptRecord> {
  const status = verdict.kind === 'retry' ? 'pending' : verdict.kind;
  const nextAttempt = verdict.kind === 'retry' ? sql`now() + make_interval(secs => ${verdict.delayMs / 1000})` : sql`null`;
  const code = outcome.ok ? outcome.status : null;
  const excerpt = outcome.ok ? outcome.body.slice(0, EXCERPT_CHARS) : null;
  const error = outcome.ok ? null : `${outcome.error}: ${outcome.message}`.slice(0, EXCERPT_CHARS);
  const succeeded = verdict.kind === 'succeeded';

  const disable = verdict.kind === 'failed' ? (verdict.disableConnection ?? null) : null;
  const staleReason = `every delivery failed for ${FAILING_DAYS_BEFORE_DISABLE} days`;

  const [row] = await queryRows<{ disabled: string | null }>(
    db,
    sql`
    with d as (
      update deliveries set status = ${status}, next_attempt_at = ${nextAttempt}, last_response_code = ${code},
        last_latency_ms = ${outcome.latencyMs}, last_response_excerpt = ${excerpt}, last_error = ${error}, updated_at = now()
      where id = ${claimed.id} and attempts = ${claimed.attempts}
      returning connection_id
    ),
    c as (
      update connections c set
        failing_since = case when ${succeeded} then null else coalesce(old.failing_since, now()) end,
        enabled = old.enabled and x.off_reason is null,
        disabled_reason = case when old.enabled and x.off_reason is not null then x.off_reason else old.disabled_reason end,
        disabled_at = case when old.enabled and x.off_reason is not null then now() else old.disabled_at end
      from d, connections old cross join lateral (
        select case
          when ${disable}::text is not null then ${disable}::text
          when not ${succeeded} and old.failing_since < now() - make_interval(days => ${FAILING_DAYS_BEFORE_DISABLE}) then ${staleReason}::text
        end as off_reason
      ) x
      where c.id = d.connection_id and old.id = c.id and not ${claimed.isTest} and (not ${succeeded} or old.failing_since is not null)
      returning case when old.enabled and x.off_reason is not null then x.off_reason end as disabled
    )
    select disabled from c`,
  );
  return { connectionDisabled: row?.disabled ?? null };
}
