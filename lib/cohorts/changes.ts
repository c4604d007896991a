import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';
import { ValidationError } from '@/lib/errors';

// Every entry into and exit from a cohort, in time order, after a cursor: what a receiver that
// missed notifications reads to reconcile. The cursor is the last change returned (time, kind,
// member), so a page boundary never skips or repeats one, and polling with the last cursor
// returns only what is new.

export type CohortChange = { change: 'added' | 'removed'; memberId: string; at: Date };
type Cursor = [at: string, change: string, memberId: string];

export function encodeChangeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The cursor just before everything that happened at `at` (a run's time). */
export function cursorBefore(at: Date): string {
  return encodeChangeCursor([at.toISOString(), '', '']);
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed.every((p) => typeof p === 'string') &&
      !Number.isNaN(Date.parse(parsed[0] as string))
    ) {
      return parsed as Cursor;
    }
  } catch {
    // falls through to the error below
  }
  throw ValidationError.field('since', 'is not a cursor this API returned');
}

export async function listCohortChanges(
  db: Queryable,
  cohortId: string,
  params: { since?: string; limit: number },
): Promise<{ changes: CohortChange[]; nextCursor: string | null }> {
  const [at, change, member] = params.since ? decodeCursor(params.since) : ['-infinity', '', ''];
  const rows = await queryRows<{ change: 'added' | 'removed'; member_id: string; at: string | Date }>(
    db,
    sql`
    select change, member_id, at from (
      select 'added' as change, member_id, entered_at as at from cohort_memberships where cohort_id = ${cohortId}
      union all
      select 'removed', member_id, exited_at from cohort_memberships where cohort_id = ${cohortId} and exited_at is not null
    ) c
    where (at, change, member_id) > (${at}::timestamptz, ${change}::text, ${member}::text)
    order by at, change, member_id
    limit ${params.limit}`,
  );
  const changes = rows.map((r) => ({ change: r.change, memberId: r.member_id, at: new Date(r.at) }));
  const last = changes.at(-1);
  return {
    changes,
    // Where to continue from: after the last change given, or the same place when there was none.
    nextCursor: last ? encodeChangeCursor([last.at.toISOString(), last.change, last.memberId]) : (params.since ?? null),
  };
}
