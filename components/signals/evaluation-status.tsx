'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';

const phases: Record<string, string> = {
  summaries: 'Building the dashboard’s summaries',
  totals: 'Summing each account’s activity over the signals’ windows',
  comparing: 'Comparing the windows and recording what changed',
};

/**
 * While the environment's signals are being evaluated, says so and how far it is, so that a first
 * evaluation over months of data reads as work in progress, not as a page that never loads. When
 * the run ends, the figures below are fetched again.
 */
export function EvaluationStatus({ environmentSlug }: { environmentSlug: string }) {
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: queryKeys.signalsEvaluation(environmentSlug),
    queryFn: () => endpoints.signals.evaluation(environmentSlug).then((r) => r.evaluation),
    // Often while it runs; now and then otherwise, to notice a run the schedule starts.
    refetchInterval: (query) => (query.state.data?.running ? 1_500 : 15_000),
  });
  const running = status.data?.running ?? false;
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) {
      void queryClient.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'environments' && q.queryKey[1] === environmentSlug && q.queryKey[3] !== 'evaluation',
      });
    }
    wasRunning.current = running;
  }, [running, environmentSlug, queryClient]);

  if (!status.data?.running) return null;
  const progress = status.data.progress ?? {};
  const phase = typeof progress.phase === 'string' ? progress.phase : '';
  const done = typeof progress.done === 'number' ? progress.done : undefined;
  const total = typeof progress.total === 'number' && progress.total > 0 ? progress.total : undefined;
  const unit = phase === 'totals' ? 'accounts' : 'changes';
  return (
    <div className="alert alert-info" role="status" aria-live="polite" data-testid="evaluation-status">
      <strong>Evaluating signals…</strong> {phases[phase] ?? 'Working'}
      {done !== undefined && total !== undefined ? (
        <>
          {' '}
          — {done.toLocaleString('en')} of {total.toLocaleString('en')} {unit}
          <progress max={total} value={Math.min(done, total)} aria-label="Evaluation progress" />
        </>
      ) : null}
      . The figures below are updated when it is done.
    </div>
  );
}
