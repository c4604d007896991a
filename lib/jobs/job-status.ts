import { sql } from 'drizzle-orm';

import type { Queryable } from '@/lib/db/client';
import { queryRows } from '@/lib/db/rows';

/** A run that has said nothing for this long is taken for dead (its process stopped). */
const SILENT_MS = 60_000;

export type JobStatus = {
  running: boolean;
  /** Where the run is, while it runs. */
  progress: Record<string, unknown> | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
};

/** The state of a job's latest run: running (and where), or when it finished and how. */
export async function jobStatus(db: Queryable, name: string, now = new Date()): Promise<JobStatus> {
  const [row] = await queryRows<{
    last_started_at: Date;
    last_finished_at: Date | null;
    last_error: string | null;
    progress: Record<string, unknown> | null;
    progress_at: Date | null;
  }>(
    db,
    sql`select last_started_at, last_finished_at, last_error, progress, progress_at from scheduled_jobs where name = ${name}`,
  );
  if (!row) return { running: false, progress: null, startedAt: null, finishedAt: null, error: null };
  const startedAt = new Date(row.last_started_at);
  const finishedAt = row.last_finished_at ? new Date(row.last_finished_at) : null;
  const saidAt = row.progress_at ? new Date(row.progress_at).getTime() : startedAt.getTime();
  const running = (finishedAt === null || finishedAt < startedAt) && now.getTime() - saidAt < SILENT_MS && row.progress !== null;
  return { running, progress: running ? row.progress : null, startedAt, finishedAt, error: row.last_error };
}
