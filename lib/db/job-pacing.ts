import { PgliteDatabase } from 'drizzle-orm/pglite';

import type { Queryable } from './client';

// How a long job (a first evaluation, a rebuild of totals…) runs on this database. On Postgres
// in one transaction: other connections go on meanwhile. The embedded database (PGlite) is one
// session inside the app's process: while a transaction is open no other query runs, and while
// its engine computes no JavaScript runs either — every request and every SDK waits for the whole
// job. There a job is cut into steps of about STEP_MS of work, each its own transaction, and the
// event loop runs between them, so that the requests that came meanwhile send their queries
// (PGlite takes them in order) before the job's next step.

/** How long one step should take: what a request may wait behind the job, at most about. */
const STEP_MS = 150;

export type JobPacing = {
  /** True when the job should commit step by step. */
  stepwise: boolean;
  /**
   * How many items (accounts…) the next step should take, from how long the last took: a step's
   * cost per item differs by job, data and machine (0.2–0.5 ms an account for the signals' totals).
   */
  sizer(first: number): StepSizer;
  /** Between two steps: lets what is waiting run first. */
  pause(): Promise<void>;
};

export type StepSizer = { readonly size: number; took(items: number, ms: number): void };

function adaptiveSizer(first: number): StepSizer {
  let size = first;
  return {
    get size() {
      return size;
    },
    took(items, ms) {
      if (items === 0) return;
      const perItem = Math.max(ms, 1) / items;
      // Halfway towards the size that would have taken STEP_MS, so one slow step does not swing it.
      size = Math.round(Math.min(5_000, Math.max(25, (size + STEP_MS / perItem) / 2)));
    },
  };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function jobPacing(db: Queryable): JobPacing {
  return db instanceof PgliteDatabase
    ? { stepwise: true, sizer: adaptiveSizer, pause: nextTurn }
    : {
        stepwise: false,
        sizer: () => ({ size: Number.POSITIVE_INFINITY, took: () => {} }),
        pause: async () => {},
      };
}
