import { eq } from 'drizzle-orm';

import { runDueCohorts } from '@/lib/cohorts/run-due-cohorts';
import { getDb, type Queryable } from '@/lib/db/client';
import { analyzeGrownTables } from '@/lib/db/embedded-maintenance';
import { jobPacing } from '@/lib/db/job-pacing';
import { environments } from '@/lib/db/schema';
import { appOrigin } from '@/lib/env';
import { errorSummary, logError } from '@/lib/log';
import { isDayClosing } from '@/lib/metrics/day-close';
import { evaluateSignals, type EvaluationProgress } from '@/lib/signals/evaluate';

import { claimJobRun, recordJobProgress, recordJobRun, recordJobStarted } from './claim';

const TICK_MS = 15_000;

export const signalsJobName = (environmentId: number) => `signals:${environmentId}`;
const closingJobName = (environmentId: number) => `signals-day-close:${environmentId}`;
// Longer than the closing minutes, so each day gets one such run at most.
const ONCE_PER_CLOSING_MS = 60 * 60_000;

/**
 * Whether this process should evaluate an environment's signals now: a run is due every `everyMs`,
 * and one more in the last minutes of each of its days, when the next day's account totals are
 * prepared (lib/metrics/day-close.ts) — with runs further apart than those minutes, none might fall
 * in them, and the first run after midnight would compute those totals itself (2–3× longer).
 * Each run is handed to one process only.
 */
export async function claimSignalsRun(
  db: Queryable,
  environment: { id: number; timeZone: string },
  everyMs: number,
  now = new Date(),
): Promise<boolean> {
  if (await claimJobRun(db, signalsJobName(environment.id), everyMs, now)) return true;
  return isDayClosing(environment.timeZone, now) && claimJobRun(db, closingJobName(environment.id), ONCE_PER_CLOSING_MS, now);
}

/** Evaluates one environment's signals as a recorded job run (the scheduler and "Evaluate now" both use it). */
export async function runSignalsJob(environment: { id: number; timeZone: string }, options: { claimed?: boolean } = {}) {
  const db = await getDb();
  const name = signalsJobName(environment.id);
  if (!options.claimed) await recordJobStarted(db, name);
  // Said at most once a second: the Signals page shows it while a long evaluation runs.
  let saidAt = 0;
  const onProgress = async (progress: EvaluationProgress) => {
    const now = Date.now();
    if (now - saidAt < 1_000 && progress.done !== undefined && progress.done !== progress.total) return;
    saidAt = now;
    await recordJobProgress(db, name, progress);
  };
  try {
    const result = await evaluateSignals(db, environment, undefined, { onProgress });
    await recordJobRun(db, name, { result });
    return result;
  } catch (error) {
    await recordJobRun(db, name, { error: errorSummary(error) }).catch(() => {});
    throw error;
  }
}

/**
 * Logs a scheduled evaluation that failed, unless its environment was deleted while it ran: the
 * run then fails on the rows it can no longer write, and there is nothing for anyone to fix.
 */
export async function reportSignalsFailure(
  db: Queryable,
  environmentId: number,
  error: unknown,
  log: (context: string, error: unknown) => void = logError,
): Promise<void> {
  const [still] = await db.select({ id: environments.id }).from(environments).where(eq(environments.id, environmentId));
  if (still) log(`Signal evaluation of environment ${environmentId} failed`, error);
}

/**
 * The in-process scheduler: every few seconds each process asks for the runs that are due; the
 * database hands each run to one process only. Returns a stop function.
 */
export function startScheduler(options: { signalsEveryMs: number }): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const db = await getDb();
      // The embedded database has no autovacuum to keep the planner's statistics fresh.
      const pacing = jobPacing(db);
      if (pacing.stepwise) await analyzeGrownTables(db, pacing);
      const list = await db.select({ id: environments.id, timeZone: environments.timeZone }).from(environments);
      for (const environment of list) {
        if (await claimSignalsRun(db, environment, options.signalsEveryMs)) {
          await runSignalsJob(environment, { claimed: true }).catch((error: unknown) =>
            reportSignalsFailure(db, environment.id, error),
          );
        }
      }
      // Cohorts have schedules of their own (1 minute to a day); each due one is claimed by one process.
      await runDueCohorts(db, { appOrigin: appOrigin() });
    } catch (error) {
      logError('The scheduler tick failed', error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), TICK_MS);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
