import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
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
      const [counted] = await queryRows<{ count: number }>(tx, sql`select count(*)::int as count from (${target}) t`);
      const members = await queryRows<{
        id: string;
        traits: Record<string, unknown>;
        first_seen_at: string | Date;
        last_seen_at: string | Date;
      }>(
        tx,
        sql`select ${id} as id, m.traits, m.first_seen_at, m.last_seen_at from ${table} m
            where m.environment_id = ${ctx.environmentId} and ${id} in (select member_id from (${target}) t)
            order by m.last_seen_at desc limit ${SAMPLE}`,
      );
      return {
        count: counted?.count ?? 0,
        members: members.map((m) => ({
          id: m.id,
          traits: m.traits,
          firstSeenAt: new Date(m.first_seen_at).toISOString(),
          lastSeenAt: new Date(m.last_seen_at).toISOString(),
        })),
        ms: Math.round(performance.now() - started),
      };
    });
  } catch (error) {
    for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
      if ((e as { code?: string }).code === '57014') {
        throw new AppError(
          'bad_request',
          `The preview took longer than ${PREVIEW_TIMEOUT_MS / 1000} s; narrow the filter (fewer days, a specific event).`,
        );
      }
    }
    throw error;
  }
}
