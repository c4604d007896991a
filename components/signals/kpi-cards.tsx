import type { Kpi } from '@/components/query/endpoints';

import { formatChange } from './types';

/** The dashboard's headline numbers, each with its change against the previous period. */
export function KpiCards({ kpis }: { kpis: Kpi[] }) {
  return (
    <div className="kpis" role="list" aria-label="Key figures">
      {kpis.map((k) => {
        const pct = k.previous === 0 ? (k.value === 0 ? 0 : null) : ((k.value - k.previous) / k.previous) * 100;
        return (
          <div key={k.key} className="card kpi" role="listitem" aria-label={k.label}>
            <div className="muted">{k.label}</div>
            <div className="kpi-value">{k.value.toLocaleString('en')}</div>
            <div className="muted" title={`Previous period: ${k.previous.toLocaleString('en')}`}>
              {formatChange(pct)} vs previous ({k.previous.toLocaleString('en')})
            </div>
          </div>
        );
      })}
    </div>
  );
}
