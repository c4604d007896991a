'use client';

import type { FormEvent } from 'react';

export type EventFilters = { name: string; account: string; user: string };

/** Filters applied on Enter or with the button; the URL holds them, so the view can be shared. */
export function EventFiltersForm({
  filters,
  eventNames,
  onApply,
}: {
  filters: EventFilters;
  eventNames: string[];
  onApply: (f: EventFilters) => void;
}) {
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onApply({
      name: String(data.get('name') ?? '').trim(),
      account: String(data.get('account') ?? '').trim(),
      user: String(data.get('user') ?? '').trim(),
    });
  };
  const active = filters.name || filters.account || filters.user;
  return (
    // Keyed by the URL's filters: back/forward navigation resets the inputs to what the URL says.
    <form
      key={`${filters.name}|${filters.account}|${filters.user}`}
      onSubmit={onSubmit}
      className="form-row"
      role="search"
      aria-label="Filter events"
    >
      <div className="field">
        <label htmlFor="filter-name">Event</label>
        <input id="filter-name" name="name" list="event-names" defaultValue={filters.name} placeholder="any event" />
        <datalist id="event-names">
          {eventNames.map((n) => (
            <option key={n} value={n} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="filter-account">Account</label>
        <input id="filter-account" name="account" defaultValue={filters.account} placeholder="any account" />
      </div>
      <div className="field">
        <label htmlFor="filter-user">User</label>
        <input id="filter-user" name="user" defaultValue={filters.user} placeholder="any user" />
      </div>
      <button type="submit" className="btn btn-primary">
        Apply
      </button>
      {active ? (
        <button type="button" className="btn" onClick={() => onApply({ name: '', account: '', user: '' })}>
          Clear
        </button>
      ) : null}
    </form>
  );
}
