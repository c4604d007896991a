'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { SeriesPoint } from '@/components/query/endpoints';

export const chartLines = [
  { key: 'logins', label: 'Logins', color: '#3b5bdb' },
  { key: 'invited_users', label: 'Invites', color: '#2b8a3e' },
  { key: 'deleted_users', label: 'Deletions', color: '#c92a2a' },
] as const;

export type ChartMetric = (typeof chartLines)[number]['key'];

/** The chosen daily metrics, with the previous period dashed beneath them. */
export function MetricChart({
  series,
  visible = chartLines.map((l) => l.key),
}: {
  series: SeriesPoint[];
  visible?: readonly ChartMetric[];
}) {
  const lines = chartLines.filter((l) => visible.includes(l.key));
  return (
    <div style={{ width: '100%', height: 300 }} aria-label="Metrics over time" role="img">
      <ResponsiveContainer>
        <LineChart data={series} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e3e6eb" />
          <XAxis dataKey="day" tick={{ fontSize: 12 }} minTickGap={24} />
          <YAxis tick={{ fontSize: 12 }} allowDecimals={false} width={48} />
          <Tooltip />
          <Legend />
          {lines.map((l) => (
            <Line
              key={l.key}
              type="monotone"
              dataKey={l.key}
              name={l.label}
              stroke={l.color}
              dot={false}
              strokeWidth={2}
              isAnimationActive={false}
            />
          ))}
          {lines.map((l) => (
            <Line
              key={`${l.key}_prev`}
              type="monotone"
              dataKey={`${l.key}_prev`}
              name={`${l.label} (previous period)`}
              stroke={l.color}
              strokeDasharray="4 4"
              strokeOpacity={0.5}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
