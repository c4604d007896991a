import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { writeEvents } from '@/lib/ingest/write-events';

import { signalDefinitions } from './definitions';
import type { SignalState } from './states';
import type { Transitions } from './transitions';

const triggerOf = new Map(signalDefinitions.map((d) => [d.key, d.trigger]));

/** Transitions to write: the entering ones already have the id of the occurrence they open. */
export type TransitionWrites = Pick<Transitions, 'staying' | 'ending'> & { entering: (SignalState & { id: string })[] };

const rows = (list: (SignalState & { id: string })[]) =>
  JSON.stringify(
    list.map((s) => ({
      id: s.id,
      a: s.accountId,
      k: s.signalKey,
      w: s.windowDays,
      c: s.current,
      p: s.previous,
      x: s.changePct,
      r: s.reason,
    })),
  );
const recordset = sql`(id uuid, a text, k text, w int, c float8, p float8, x float8, r text)`;

/**
 * Writes what an evaluation decided: an account entering a signal opens an occurrence and emits
 * its trigger event (signal.riskForAbandonment / signal.engagementLevel) into the event stream, in
 * the same transaction; one staying has its figures refreshed (its reason stays the one it fired
 * with); one leaving has its occurrence closed.
 */
export async function writeTransitions(
  tx: Queryable,
  environment: { id: number; timeZone: string },
  { entering, staying, ending }: TransitionWrites,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  if (entering.length) {
    await tx.execute(sql`
      insert into signal_occurrences (environment_id, account_id, id, signal_key, window_days, current, previous, change_pct, reason, started_at)
      select ${environment.id}, a, id, k, w, c, p, x, r, ${at}::timestamptz from jsonb_to_recordset(${rows(entering)}::jsonb) as x${recordset}`);
    const triggers: IngestEvent[] = entering.map((s) => ({
      // Stable per occurrence: a receiver can de-duplicate on it.
      messageId: `signal-${s.id}`,
      name: triggerOf.get(s.signalKey) ?? 'signal.riskForAbandonment',
      accountId: s.accountId,
      userId: null,
      anonymousId: null,
      timestamp: now,
      properties: {
        signal: s.signalKey,
        occurrenceId: s.id,
        windowDays: s.windowDays,
        current: s.current,
        previous: s.previous,
        changePct: s.changePct === null ? null : Math.round(s.changePct * 10) / 10,
        reason: s.reason,
      },
    }));
    await writeEvents(tx, environment, triggers);
  }
  if (staying.length) {
    // New figures only: the reason stays the one the occurrence fired with.
    await tx.execute(sql`
      update signal_occurrences o set current = x.c, previous = x.p, change_pct = x.x
      from jsonb_to_recordset(${rows(staying)}::jsonb) as x${recordset}
      where o.environment_id = ${environment.id} and o.account_id = x.a and o.id = x.id`);
  }
  if (ending.length) {
    await tx.execute(sql`
      update signal_occurrences o set ended_at = ${at}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(ending.map((e) => ({ id: e.id, a: e.accountId })))}::jsonb) as x(id uuid, a text)
      where o.environment_id = ${environment.id} and o.account_id = x.a and o.id = x.id`);
  }
}
