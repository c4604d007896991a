import { type SQL, sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';

export type CohortMember = { id: string; enteredAt: string; traits: Record<string, unknown>; lastSeenAt: string | null };

/** Joins each membership `cm` to its user's or account's row as `m` (left: the row may be gone). */
export function joinMemberRow(entity: 'users' | 'accounts'): SQL {
  return entity === 'users'
    ? sql`left join users m on m.environment_id = cm.environment_id and m.user_id = cm.member_id`
    : sql`left join accounts m on m.environment_id = cm.environment_id and m.account_id = cm.member_id`;
}

/** Current members, by id, a page at a time (`after` is the last id of the previous page). */
export async function listCohortMembers(
  db: Queryable,
  cohort: { id: string; environmentId: number; entity: 'users' | 'accounts' },
  params: { after?: string; limit: number },
): Promise<{ members: CohortMember[]; nextAfter: string | null }> {
  const rows = await queryRows<{
    member_id: string;
    entered_at: string | Date;
    traits: Record<string, unknown> | null;
    last_seen_at: string | Date | null;
  }>(
    db,
    sql`select cm.member_id, cm.entered_at, m.traits, m.last_seen_at from cohort_memberships cm ${joinMemberRow(cohort.entity)}
        where cm.cohort_id = ${cohort.id} and cm.exited_at is null and cm.member_id > ${params.after ?? ''}
        order by cm.member_id limit ${params.limit + 1}`,
  );
  const page = rows.slice(0, params.limit).map((r) => ({
    id: r.member_id,
    enteredAt: new Date(r.entered_at).toISOString(),
    traits: r.traits ?? {},
    lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at).toISOString() : null,
  }));
  return { members: page, nextAfter: rows.length > params.limit ? (page.at(-1)?.id ?? null) : null };
}

/** The latest runs of a cohort, newest first. */
export async function listCohortRuns(db: Queryable, cohortId: string, limit = 20) {
  return queryRows<{
    id: string;
    ran_at: string;
    added: number;
    removed: number;
    member_count: number;
    duration_ms: number;
    notified: boolean;
  }>(
    db,
    sql`select id, ran_at, added, removed, member_count, duration_ms, notified from cohort_runs where cohort_id = ${cohortId} order by ran_at desc limit ${limit}`,
  );
}
