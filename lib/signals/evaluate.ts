import { randomUUID } from 'node:crypto';

import type { Db, Tx } from '@/lib/db/client';
import { analyzeGrownTables } from '@/lib/db/embedded-maintenance';
import { type JobPacing, jobPacing } from '@/lib/db/job-pacing';
import { applyAnalyticsPlannerSettings } from '@/lib/db/planner-settings';
import { lockEnvironmentSignals, serializeInProcess } from '@/lib/environments/signals-lock';
import { dashboardSummariesReady, ensureDashboardSummaries } from '@/lib/metrics/dashboard-summaries';
import { listMetrics } from '@/lib/metrics/metrics';

import { type Evaluated, recordEvaluation, refreshAccountTotals } from './account-totals';
import { prepareTotalsInSteps } from './account-totals-in-steps';
import { listSignalSettings } from './settings';
import { findTransitions, type Transitions } from './transitions';
import { type TransitionWrites, writeTransitions } from './write-transitions';

export type EvaluationResult = { entered: number; ended: number; open: number; accounts: number; ms: number };

/**
 * Evaluates every signal for every account of an environment and records the transitions: an
 * account entering a signal opens an occurrence and emits its trigger event (signal.riskForAbandonment
 * / signal.engagementLevel) into the event stream; one leaving it closes the occurrence; one staying
 * has its numbers refreshed (its reason stays the one it fired with) and emits nothing.
 * Evaluations of one environment are serialised (an advisory lock, and in the embedded database,
 * whose evaluation commits step by step, a lock in the process), so a transition never fires
 * twice. `time` stands for the clock (tests, benchmarks); by default the
 * evaluation is as of the moment it holds the lock.
 */
export async function evaluateSignals(
  db: Db,
  environment: { id: number; timeZone: string },
  time?: Date,
  options: { onProgress?: (progress: EvaluationProgress) => Promise<void> } = {},
): Promise<EvaluationResult> {
  const pacing = jobPacing(db);
  const run = () => evaluate(db, environment, time, pacing, options.onProgress ?? (async () => {}));
  return pacing.stepwise ? serializeInProcess(environment.id, run) : run();
}

/** Where a long evaluation is: building the dashboard's summaries, the account totals, or comparing. */
export type EvaluationProgress = { phase: 'summaries' | 'totals' | 'comparing'; done?: number; total?: number };

async function evaluate(
  db: Db,
  environment: { id: number; timeZone: string },
  time: Date | undefined,
  pacing: JobPacing,
  onProgress: (progress: EvaluationProgress) => Promise<void>,
): Promise<EvaluationResult> {
  const started = performance.now();
  const [metrics, signals] = await Promise.all([listMetrics(db, environment.id), listSignalSettings(db, environment.id)]);
  // The dashboard's summaries are built here, by the scheduled job, rather than in a request: the
  // first time (rollups written before they existed) and after the invited_users metric changed.
  if (!(await dashboardSummariesReady(db, environment.id, metrics))) {
    await onProgress({ phase: 'summaries' });
    await ensureDashboardSummaries(db, environment.id, metrics);
  }
  if (pacing.stepwise) {
    // Fresh statistics first: the steps below read through indexes the planner picks only with them.
    await analyzeGrownTables(db, pacing);
    await prepareTotalsInSteps(db, environment, metrics, time ?? new Date(), pacing, (p) =>
      onProgress({ phase: 'totals', ...p }),
    );
  }
  await onProgress({ phase: 'comparing' });

  type Decision = { now: Date; evaluated: Evaluated | null; found: Omit<Transitions, 'entering'> & TransitionWrites };
  // What changed: decided under the environment's lock, over totals brought up to date.
  const decide = async (tx: Tx): Promise<Decision | { unchanged: EvaluationResult }> => {
    await lockEnvironmentSignals(tx, environment.id);
    // The time is read once the lock is held: a run that waited for another across midnight must
    // not evaluate a day that run already left behind.
    const now = time ?? new Date();
    await applyAnalyticsPlannerSettings(tx);
    const totals = await refreshAccountTotals(tx, environment, metrics, now);
    // Same totals, same settings: the same states as last time, so nothing to write. Most ticks
    // of a day are such (its windows end yesterday; only late events move them).
    const settings = JSON.stringify(signals.map((s) => [s.definition.key, s.settings]));
    if (totals.evaluated?.settings === settings) {
      const { open, accounts } = totals.evaluated;
      return { unchanged: { entered: 0, ended: 0, open, accounts, ms: Math.round(performance.now() - started) } };
    }
    // The first tick of a day writes the day's transitions; the figures of occurrences that stay
    // open wait for the next tick (lib/signals/transitions.ts).
    const newDay = totals.kind === 'switched' || totals.kind === 'slid';
    const found = await findTransitions(tx, environment.id, signals, metrics, { refigure: !newDay });
    const evaluated = newDay ? null : { settings, open: found.holding, accounts: found.accounts };
    return { now, evaluated, found: { ...found, entering: found.entering.map((s) => ({ ...s, id: randomUUID() })) } };
  };
  const resultOf = ({ found }: Decision): EvaluationResult => ({
    entered: found.entering.length,
    ended: found.ending.length,
    open: found.holding,
    accounts: found.accounts,
    ms: Math.round(performance.now() - started),
  });

  if (!pacing.stepwise) {
    return db.transaction(async (tx) => {
      const decision = await decide(tx);
      if ('unchanged' in decision) return decision.unchanged;
      await recordEvaluation(tx, environment.id, decision.evaluated);
      await writeTransitions(tx, environment, decision.found, decision.now);
      return resultOf(decision);
    });
  }
  // Embedded: the transitions are written a step at a time, each step whole (an occurrence with
  // its trigger event), and what the evaluation found is recorded last — a run cut short leaves
  // the rest to the next, which finds those accounts where this one did.
  const decision = await db.transaction(decide);
  if ('unchanged' in decision) return decision.unchanged;
  const { entering, staying, ending } = decision.found;
  const sizer = pacing.sizer(250);
  const total = entering.length + staying.length + ending.length;
  let done = 0;
  for (const [list, part] of [
    [entering, (chunk: typeof entering) => ({ entering: chunk, staying: [], ending: [] })],
    [staying, (chunk: typeof staying) => ({ entering: [], staying: chunk, ending: [] })],
    [ending, (chunk: typeof ending) => ({ entering: [], staying: [], ending: chunk })],
  ] as const) {
    for (let i = 0; i < list.length;) {
      const chunk = list.slice(i, i + sizer.size);
      const started = performance.now();
      await db.transaction((tx) =>
        writeTransitions(tx, environment, (part as (c: typeof chunk) => TransitionWrites)(chunk), decision.now),
      );
      sizer.took(chunk.length, performance.now() - started);
      i += chunk.length;
      done += chunk.length;
      await onProgress({ phase: 'comparing', done, total });
      await pacing.pause();
    }
  }
  await recordEvaluation(db, environment.id, decision.evaluated);
  return resultOf(decision);
}
