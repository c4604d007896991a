import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The last run of each scheduled job ("signals:<environment id>"…). Claiming a run is one
 * conditional upsert, so with several app processes each run happens once.
 */
export const scheduledJobs = pgTable('scheduled_jobs', {
  name: text('name').primaryKey(),
  lastStartedAt: timestamp('last_started_at', { withTimezone: true }).notNull(),
  lastFinishedAt: timestamp('last_finished_at', { withTimezone: true }),
  lastResult: jsonb('last_result'),
  lastError: text('last_error'),
  // Where a run in progress is ({ phase, done, total }), and when it last said so: a process that
  // died mid-run stops saying, and its run stops counting as running (lib/jobs/job-status.ts).
  progress: jsonb('progress'),
  progressAt: timestamp('progress_at', { withTimezone: true }),
});
