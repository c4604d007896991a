'use client';

import { useQueryStates } from 'nuqs';
import { type FormEvent, useState } from 'react';

import { DeliveryLog } from '@/components/connections/delivery-log';

import { deliveryFilterParams } from './search-params';

type Filters = ReturnType<typeof useQueryStates<typeof deliveryFilterParams>>[0];
type SetFilters = ReturnType<typeof useQueryStates<typeof deliveryFilterParams>>[1];

export function DeliveriesClient({ environmentSlug, canEdit }: { environmentSlug: string; canEdit: boolean }) {
  const [filters, setFilters] = useQueryStates(deliveryFilterParams, { history: 'push' });
  return (
    <>
      {/* Keyed by the URL's filters: going back or forward starts the form again from them. */}
      <DeliveryFilterForm key={JSON.stringify(filters)} filters={filters} setFilters={setFilters} />
      <section className="card">
        <DeliveryLog environmentSlug={environmentSlug} filters={filters} canEdit={canEdit} />
      </section>
    </>
  );
}

/** The filters as typed, applied to the URL on submit. */
function DeliveryFilterForm({ filters, setFilters }: { filters: Filters; setFilters: SetFilters }) {
  const [draft, setDraft] = useState(filters);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    void setFilters({ status: draft.status || null, trigger: draft.trigger.trim() || null, since: draft.since || null });
  };
  return (
    <form className="card form-row" onSubmit={apply} aria-label="Filter deliveries">
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value })}>
          <option value="">Any</option>
          <option value="pending">Pending</option>
          <option value="succeeded">Succeeded</option>
          <option value="failed">Failed</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-trigger">Trigger</label>
        <input
          id="filter-trigger"
          value={draft.trigger}
          onChange={(e) => setDraft({ ...draft, trigger: e.target.value })}
          placeholder="e.g. signal.riskForAbandonment"
        />
      </div>
      <div className="field">
        <label htmlFor="filter-since">Since</label>
        <input
          id="filter-since"
          type="datetime-local"
          value={draft.since}
          onChange={(e) => setDraft({ ...draft, since: e.target.value })}
        />
      </div>
      <button type="submit" className="btn btn-primary">
        Apply
      </button>
      <button type="button" className="btn" onClick={() => void setFilters({ status: null, trigger: null, since: null })}>
        Clear
      </button>
    </form>
  );
}
