import { sql } from 'drizzle-orm';

import type { Db } from '@/lib/db/client';
import { pgErrorCode } from '@/lib/db/pg-error';
import { applyAnalyticsPlannerSettings } from '@/lib/db/planner-settings';
import { queryRows } from '@/lib/db/rows';
import { AppError } from '@/lib/errors';

import { compileFilter } from './compile-filter';
import type { CohortFilter } from './filter-schema';

// The builder's live preview: how many match now and the most recently seen few. Bounded in time,
// so a filter being typed can never hold the database for long.

export const PREVIEW_TIMEOUT_MS = 5000;
const SAMPLE = 10;

export type PreviewMember = { id: string; traits: Record<string, unknown>; firstSeenAt: string; lastSeenAt: string };

export async function previewCohort(
  db: Db,
  filter: CohortFilter,
  ctx: { environmentId: number; timeZone: string; now?: Date },
): Promise<{ count: number; members: PreviewMember[]; ms: number }> {
  const started = performance.now();
  const target = compileFilter(filter, { environmentId: ctx.environmentId, timeZone: ctx.timeZone, now: ctx.now ?? new Date() });
  const table = filter.entity === 'users' ? sql`users` : sql`accounts`;
  const id = filter.entity === 'users' ? sql`m.user_id` : sql`m.account_id`;
  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local statement_timeout = ${PREVIEW_TIMEOUT_MS}`));
      await applyAnalyticsPlannerSettings(tx, { cheapRandomReads: true });
      // One statement: the members are found once, then counted and sampled (two statements
      // each running the filter took twice as long).
      const [result] = await queryRows<{
        count: number;
        members: { id: string; traits: Record<string, unknown>; first_seen_at: string; last_seen_at: string }[];
      }>(
        tx,
        sql`with target as materialized (${target}),
            sample as (
              select ${id} as id, m.traits, m.first_seen_at, m.last_seen_at
              from ${table} m join target t on t.member_id = ${id}
              where m.environment_id = ${ctx.environmentId}
              order by m.last_seen_at desc limit ${SAMPLE}
            )
            select (select count(*) from target)::int as count,
              coalesce((select jsonb_agg(s order by s.last_seen_at desc) from sample s), '[]'::jsonb) as members`,
      );
      return {
        count: result?.count ?? 0,
        members: (result?.members ?? []).map((m) => ({
          id: m.id,
          traits: m.traits,
          firstSeenAt: new Date(m.first_seen_at).toISOString(),
          lastSeenAt: new Date(m.last_seen_at).toISOString(),
        })),
        ms: Math.round(performance.now() - started),
      };
    });
  } catch (error) {
    // 57014: the statement timeout cancelled the query.
    if (pgErrorCode(error) === '57014') {
      throw new AppError(
        'bad_request',
        `The preview took longer than ${PREVIEW_TIMEOUT_MS / 1000} s; narrow the filter (fewer days, a specific event).`,
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
}
