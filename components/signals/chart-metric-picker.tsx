'use client';

import { chartLines, type ChartMetric } from './metric-chart';

/** Which metrics the chart shows (kept in the URL by the page). */
export function ChartMetricPicker({
  selected,
  onChange,
}: {
  selected: readonly ChartMetric[];
  onChange: (next: ChartMetric[]) => void;
}) {
  return (
    <fieldset className="form-row" style={{ border: 'none', margin: 0, padding: 0 }}>
      <legend className="sr-only">Metrics shown</legend>
      {chartLines.map((l) => (
        <label key={l.key} className="form-row" style={{ alignItems: 'center', gap: 4 }}>
          <input
            type="checkbox"
            checked={selected.includes(l.key)}
            onChange={(e) => onChange(e.target.checked ? [...selected, l.key] : selected.filter((k) => k !== l.key))}
          />
          {l.label}
        </label>
      ))}
    </fieldset>
  );
}
