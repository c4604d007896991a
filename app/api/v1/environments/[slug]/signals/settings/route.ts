import { eq } from 'drizzle-orm';

import { environmentRoute } from '@/lib/api/management-route';
import { scheduledJobs } from '@/lib/db/schema';
import { signalsJobName } from '@/lib/jobs/scheduler';
import { listMetrics } from '@/lib/metrics/metrics';
import { signalTitle } from '@/lib/signals/definitions';
import { listSignalSettings } from '@/lib/signals/settings';

type Params = { slug: string };

/** The signals with their settings, the metrics, and the last evaluation. */
export const GET = environmentRoute<Params>('viewer', async ({ db, environment }) => {
  const [signals, metrics, [lastRun]] = await Promise.all([
    listSignalSettings(db, environment.id),
    listMetrics(db, environment.id),
    db
      .select()
      .from(scheduledJobs)
      .where(eq(scheduledJobs.name, signalsJobName(environment.id))),
  ]);
  return Response.json({
    signals: signals.map(({ definition, settings }) => ({
      key: definition.key,
      title: signalTitle(definition, settings.thresholdPct),
      trigger: definition.trigger,
      kind: definition.kind,
      metric: definition.metric,
      windowDays: definition.windowDays,
      settings,
    })),
    metrics,
    lastRun: lastRun ?? null,
  });
});
