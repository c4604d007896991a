'use client';

import { useQueryStates } from 'nuqs';

import { EventCatalog, useEventCatalog } from '@/components/events/event-catalog';
import { EventFiltersForm } from '@/components/events/event-filters';
import { LiveTail } from '@/components/events/live-tail';

import { eventFilterParams } from './search-params';

export function EventsClient({ environmentSlug, origin }: { environmentSlug: string; origin: string }) {
  const [filters, setFilters] = useQueryStates(eventFilterParams, { history: 'push' });
  const catalog = useEventCatalog(environmentSlug);
  const apply = (next: typeof filters) =>
    void setFilters({ name: next.name || null, account: next.account || null, user: next.user || null });
  return (
    <>
      <div className="card">
        <EventFiltersForm filters={filters} eventNames={(catalog.data ?? []).map((r) => r.key)} onApply={apply} />
      </div>
      <LiveTail environmentSlug={environmentSlug} filters={filters} origin={origin} />
      <EventCatalog
        catalog={catalog}
        onPick={(name) => {
          apply({ ...filters, name });
          window.scrollTo({ top: 0, behavior: 'smooth' });
        }}
      />
    </>
  );
}
