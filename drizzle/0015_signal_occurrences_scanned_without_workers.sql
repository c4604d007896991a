-- No parallel workers for scans of the occurrences: the accounts-in-signals table sorts the open
-- ones (~100k in the benchmark) for each page, and the planner chose a parallel scan whose workers
-- cost more to start than they saved on two cores (lab, page 2 by change: 58–113 ms with them,
-- 25–45 ms without). Statements that write (the evaluation's) never use workers anyway.
ALTER TABLE "signal_occurrences" SET (parallel_workers = 0);
