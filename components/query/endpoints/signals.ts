import type { z } from 'zod';

import type { scheduledJobs } from '@/lib/db/schema';
import type { jobStatus } from '@/lib/jobs/job-status';
import type { runSignalsJob } from '@/lib/jobs/scheduler';
import type { listMetrics, updateMetricInput } from '@/lib/metrics/metrics';
import type { backtestSignal } from '@/lib/signals/backtest';
import type { dashboardParams, resolveRange } from '@/lib/signals/dashboard-params';
import type { dashboardKpis, dashboardSeries, topAccountsByInvites } from '@/lib/signals/dashboard-queries';
import type { SignalDefinition, signalTitle } from '@/lib/signals/definitions';
import type { listOccurrences, occurrenceListParams } from '@/lib/signals/occurrence-queries';
import type { SignalSettings, signalSettingsInput } from '@/lib/signals/settings';

import { api, type Serialized } from '../api';
import { type Answer, environmentPath, type Query, withQuery } from './shared';

// app/api/v1/environments/[slug]/{signals,metrics}/**

export type Kpi = Answer<typeof dashboardKpis>[number];
export type SeriesPoint = Answer<typeof dashboardSeries>[number];
export type TopAccount = Answer<typeof topAccountsByInvites>[number];
/** The dashboard: KPI cards, the time series with the previous period, the top accounts by invites. */
export type Summary = { range: ReturnType<typeof resolveRange>; kpis: Kpi[]; series: SeriesPoint[]; top: TopAccount[] };
/** A page of accounts in signals (the route adds the page asked for and the page size). */
export type OccurrencePage = Answer<typeof listOccurrences> & { page: number; pageSize: number };
export type Occurrence = OccurrencePage['rows'][number];
export type EvaluationResult = Answer<typeof runSignalsJob>;
export type Metric = Answer<typeof listMetrics>[number];
/** A built-in signal as the settings page lists it, titled with its threshold. */
export type SignalSettingsItem = Pick<SignalDefinition, 'key' | 'trigger' | 'kind' | 'metric' | 'windowDays'> & {
  title: ReturnType<typeof signalTitle>;
  settings: SignalSettings;
};
/** The latest evaluation as the scheduler recorded it: its result is what runSignalsJob returned. */
export type SignalsLastRun = Omit<Serialized<typeof scheduledJobs.$inferSelect>, 'lastResult'> & {
  lastResult: EvaluationResult | null;
};
export type SignalSettingsPage = { signals: SignalSettingsItem[]; metrics: Metric[]; lastRun: SignalsLastRun | null };
export type Backtest = Answer<typeof backtestSignal>;

export type SummaryQuery = Query<typeof dashboardParams>;
export type OccurrencesQuery = Query<typeof occurrenceListParams>;
export type BacktestQuery = Record<'signal' | 'thresholdPct' | 'minVolume' | 'topN' | 'days', string>;
export type SignalSettingsBody = z.input<typeof signalSettingsInput>;
export type UpdateMetricBody = z.input<typeof updateMetricInput>;

const signalsPath = (slug: string, path: string) => environmentPath(slug, `/signals${path}`);

export const signalEndpoints = {
  /** The latest evaluation: running (and where it is), or when it ended. */
  evaluation: (slug: string) => api<{ evaluation: Answer<typeof jobStatus> }>(signalsPath(slug, '/evaluation')),
  /** "Evaluate now": runs the evaluation at once and answers with what changed. */
  evaluate: (slug: string) => api<{ result: EvaluationResult }>(signalsPath(slug, '/evaluate'), { method: 'POST' }),
  summary: (slug: string, query: SummaryQuery) => api<Summary>(withQuery(signalsPath(slug, '/summary'), query)),
  occurrences: (slug: string, query: OccurrencesQuery) =>
    api<OccurrencePage>(withQuery(signalsPath(slug, '/occurrences'), query)),
  /** The signals with their settings, the metrics, and the last evaluation. */
  settings: (slug: string) => api<SignalSettingsPage>(signalsPath(slug, '/settings')),
  updateSettings: (slug: string, signalKey: string, body: SignalSettingsBody) =>
    api<{ ok: true }>(signalsPath(slug, `/settings/${encodeURIComponent(signalKey)}`), { method: 'PUT', body }),
  /** Replays a signal with candidate settings over the last `days` days. */
  backtest: (slug: string, query: BacktestQuery) => api<Backtest>(withQuery(signalsPath(slug, '/backtest'), query)),
};

export const metricEndpoints = {
  /** Which event keys make a metric ("x*" matches by prefix). */
  update: (slug: string, metricKey: string, body: UpdateMetricBody) =>
    api<{ ok: true }>(environmentPath(slug, `/metrics/${encodeURIComponent(metricKey)}`), { method: 'PUT', body }),
};
