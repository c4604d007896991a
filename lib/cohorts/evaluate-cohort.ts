import { randomUUID } from 'node:crypto';

import { eq, sql } from 'drizzle-orm';

import type { Db, Queryable } from '@/lib/db/client';
import { applyAnalyticsPlannerSettings } from '@/lib/db/planner-settings';
import { queryRows } from '@/lib/db/rows';
import { cohortNotifications, cohortRuns, cohorts, environments } from '@/lib/db/schema';
import { enqueueDeliveries } from '@/lib/delivery/outbox';
import { payloadFor } from '@/lib/delivery/payload';
import { NotFoundError } from '@/lib/errors';
import { writeEvents } from '@/lib/ingest/write-events';

import { cursorBefore } from './changes';
import { compileFilter } from './compile-filter';
import { cohortFilter } from './filter-schema';
import { joinMemberRow } from './members';

// One run of a cohort: recompute who matches, store the difference as entries and exits, and —
// when something changed, and this is not the silent first run — send one batched notification
// to each attached connection and put cohort.membersAdded / cohort.membersRemoved into the event
// stream for subscribed connections. All in one transaction: the notification is queued (outbox)
// with the membership change it describes, or neither happens.

/** Members listed in a notification; the rest are read through the changes API. */
export const NOTIFY_MEMBERS = 100;

export type CohortRunResult = {
  runId: string;
  added: number;
  removed: number;
  memberCount: number;
  notified: boolean;
  durationMs: number;
};

type Member = { id: string; traits?: Record<string, unknown> };

async function changedMembers(
  db: Queryable,
  params: {
    cohortId: string;
    entity: 'users' | 'accounts';
    at: Date;
    kind: 'added' | 'removed';
    traits: string[];
  },
): Promise<Member[]> {
  const atColumn = params.kind === 'added' ? sql`cm.entered_at` : sql`cm.exited_at`;
  const rows = await queryRows<{ member_id: string; traits: Record<string, unknown> | null }>(
    db,
    sql`select cm.member_id, m.traits from cohort_memberships cm ${joinMemberRow(params.entity)}
        where cm.cohort_id = ${params.cohortId} and ${atColumn} = ${params.at.toISOString()}::timestamptz
        order by cm.member_id limit ${NOTIFY_MEMBERS}`,
  );
  return rows.map((r) => {
    if (params.traits.length === 0) return { id: r.member_id };
    const chosen = Object.fromEntries(params.traits.filter((k) => r.traits && k in r.traits).map((k) => [k, r.traits?.[k]]));
    return { id: r.member_id, traits: chosen };
  });
}

export async function evaluateCohort(
  db: Db,
  cohortId: string,
  options: { now?: Date; appOrigin: string },
): Promise<CohortRunResult> {
  // Milliseconds only: entries and exits are compared with this exact value afterwards.
  const now = new Date(Math.floor((options.now ?? new Date()).getTime()));
  const started = performance.now();
  return db.transaction(async (tx) => {
    // One evaluation of a cohort at a time, whichever process or button started it.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cohort:${cohortId}`}))`);
    const [cohort] = await tx
      .select({ cohort: cohorts, timeZone: environments.timeZone, environmentSlug: environments.slug })
      .from(cohorts)
      .innerJoin(environments, eq(environments.id, cohorts.environmentId))
      .where(eq(cohorts.id, cohortId));
    if (!cohort) throw new NotFoundError(`Cohort "${cohortId}"`);
    await applyAnalyticsPlannerSettings(tx, { cheapRandomReads: true });
    const c = cohort.cohort;
    const filter = cohortFilter.parse(c.filter);
    const target = compileFilter(filter, { environmentId: c.environmentId, timeZone: cohort.timeZone, now });
    const at = now.toISOString();

    // The difference between who matches and who is in, as one full join: Postgres can only run a
    // full join as a hash or merge join, so the diff stays linear even when the planner's
    // estimates are off (a cohort_memberships that grew since its last ANALYZE looked empty, and
    // a "not exists" against the target then ran as a nested loop: 147 M comparisons for 17k
    // members). Member ids are unique on both sides (the entity's key; one current membership).
    const [diff] = await queryRows<{ added: number; removed: number }>(
      tx,
      sql`
      with target as (${target}),
      current_members as (
        select cm.member_id from cohort_memberships cm where cm.cohort_id = ${c.id} and cm.exited_at is null
      ),
      changes as (
        select t.member_id as entering, cur.member_id as leaving
        from target t full join current_members cur on cur.member_id = t.member_id
        where t.member_id is null or cur.member_id is null
      ),
      added as (
        insert into cohort_memberships (environment_id, cohort_id, member_id, entered_at)
        select ${c.environmentId}, ${c.id}, ch.entering, ${at}::timestamptz from changes ch where ch.entering is not null
        returning 1
      ),
      removed as (
        update cohort_memberships cm set exited_at = ${at}::timestamptz
        from changes ch
        where cm.cohort_id = ${c.id} and cm.exited_at is null and cm.member_id = ch.leaving
        returning 1
      )
      select (select count(*) from added)::int as added, (select count(*) from removed)::int as removed`,
    );
    const added = diff?.added ?? 0;
    const removed = diff?.removed ?? 0;
    const memberCount = c.memberCount + added - removed;
    const firstRun = c.lastRunId === null;
    const runId = randomUUID();

    const wanted = (kind: 'added' | 'removed') =>
      (kind === 'added' ? added : removed) > 0 && (c.notifyOn === 'both' || c.notifyOn === kind);
    const notify = (!firstRun || c.notifyFirstRun) && (wanted('added') || wanted('removed'));
    if (notify) {
      const list = (kind: 'added' | 'removed') =>
        wanted(kind)
          ? changedMembers(tx, {
              cohortId: c.id,
              entity: filter.entity,
              at: now,
              kind,
              traits: c.notifyTraits,
            })
          : Promise.resolve([]);
      const [addedMembers, removedMembers] = [await list('added'), await list('removed')];
      const data = {
        cohortId: c.id,
        cohortName: c.name,
        entity: filter.entity,
        runId,
        ranAt: at,
        addedCount: wanted('added') ? added : 0,
        removedCount: wanted('removed') ? removed : 0,
        added: addedMembers,
        removed: removedMembers,
        truncated: (wanted('added') && added > NOTIFY_MEMBERS) || (wanted('removed') && removed > NOTIFY_MEMBERS),
        moreUrl: `${options.appOrigin}/api/v1/cohorts/${c.id}/changes?since=${cursorBefore(now)}`,
      };
      const attached = await tx
        .select({ id: cohortNotifications.connectionId })
        .from(cohortNotifications)
        .where(eq(cohortNotifications.cohortId, c.id));
      const payload = payloadFor(
        { eventKey: 'cohort.membersChanged', accountId: null, userId: null, properties: data },
        cohort.environmentSlug,
        now,
      );
      await enqueueDeliveries(tx, { environmentId: c.environmentId, connectionIds: attached.map((a) => a.id), payload });
      // The same change as events, for connections subscribed to the cohort triggers.
      const events = (['added', 'removed'] as const).filter(wanted).map((kind) => ({
        messageId: `cohort-run-${runId}-${kind}`,
        name: kind === 'added' ? 'cohort.membersAdded' : 'cohort.membersRemoved',
        accountId: null,
        userId: null,
        anonymousId: null,
        timestamp: now,
        properties: {
          ...data,
          addedCount: kind === 'added' ? data.addedCount : 0,
          removedCount: kind === 'removed' ? data.removedCount : 0,
          added: kind === 'added' ? addedMembers : [],
          removed: kind === 'removed' ? removedMembers : [],
        },
      }));
      await writeEvents(tx, { id: c.environmentId, timeZone: cohort.timeZone }, events);
    }

    const durationMs = Math.round(performance.now() - started);
    await tx.insert(cohortRuns).values({
      id: runId,
      environmentId: c.environmentId,
      cohortId: c.id,
      ranAt: now,
      added,
      removed,
      memberCount,
      durationMs,
      notified: notify,
    });
    await tx
      .update(cohorts)
      .set({
        memberCount,
        lastRunId: runId,
        lastEvaluatedAt: now,
        lastError: null,
        nextEvaluationAt: sql`${at}::timestamptz + make_interval(mins => ${c.scheduleMinutes}::int)`,
      })
      .where(eq(cohorts.id, c.id));
    return { runId, added, removed, memberCount, notified: notify, durationMs };
  });
}
