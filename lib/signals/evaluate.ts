import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { usePlannerSettingsForAnalytics } from '@/lib/db/planner-settings';
import { queryRows } from '@/lib/db/rows';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { writeEvents } from '@/lib/ingest/write-events';
import { signalDefinitions } from './definitions';
import { listMetrics } from './metrics';
import { listSignalSettings } from './settings';
import type { SignalState } from './states';
import { recordEvaluation, refreshAccountTotals } from './account-totals';
import { lockEnvironmentSignals } from './evaluation-lock';
import { findTransitions } from './transitions';
import { ensureDashboardSummaries } from './dashboard-summaries';

export type EvaluationResult = { entered: number; ended: number; open: number; accounts: number; ms: number };

const triggerOf = new Map(signalDefinitions.map((d) => [d.key, d.trigger]));

/**
 * Evaluates every signal for every account of an environment and records the transitions: an
 * account entering a signal opens an occurrence and emits its trigger event (signal.riskForAbandonment
 * / signal.engagementLevel) into the event stream; one leaving it closes the occurrence; one staying
 * has its numbers refreshed (its reason stays the one it fired with) and emits nothing.
 * Evaluations of one environment are serialised (an advisory lock), so several processes never
 * fire the same transition twice. `time` stands for the clock (tests, benchmarks); by default the
 * evaluation is as of the moment it holds the lock.
 */
export async function evaluateSignals(
  db: Db,
  environment: { id: number; timeZone: string },
  time?: Date,
): Promise<EvaluationResult> {
  const started = performance.now();
  const [metrics, signals] = await Promise.all([listMetrics(db, environment.id), listSignalSettings(db, environment.id)]);
  // The dashboard's summaries are built here, by the scheduled job, rather than in a request: the
  // first time (rollups written before they existed) and after the invited_users metric changed.
  await ensureDashboardSummaries(db, environment.id, metrics);
  return db.transaction(async (tx) => {
    await lockEnvironmentSignals(tx, environment.id);
    // The time is read once the lock is held: a run that waited for another across midnight must
    // not evaluate a day that run already left behind.
    const now = time ?? new Date();
    await usePlannerSettingsForAnalytics(tx);
    const totals = await refreshAccountTotals(tx, environment, metrics, now);
    // Same totals, same settings: the same states as last time, so nothing to write. Most ticks
    // of a day are such (its windows end yesterday; only late events move them).
    const settings = JSON.stringify(signals.map((s) => [s.definition.key, s.settings]));
    if (totals.evaluated?.settings === settings) {
      const { open, accounts } = totals.evaluated;
      return { entered: 0, ended: 0, open, accounts, ms: Math.round(performance.now() - started) };
    }
    // The first tick of a day writes the day's transitions; the figures of occurrences that stay
    // open wait for the next tick (lib/signals/transitions.ts).
    const newDay = totals.kind === 'switched' || totals.kind === 'slid';
    const { staying, ending, holding, accounts, ...found } = await findTransitions(tx, environment.id, signals, metrics, {
      refigure: !newDay,
    });
    await recordEvaluation(tx, environment.id, newDay ? null : { settings, open: holding, accounts });
    const entering = found.entering.map((s) => ({ ...s, id: randomUUID() }));
    const at = now.toISOString();
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
    return {
      entered: entering.length,
      ended: ending.length,
      open: holding,
      accounts,
      ms: Math.round(performance.now() - started),
    };
  });
}
