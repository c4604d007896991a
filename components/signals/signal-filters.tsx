'use client';

import { type FormEvent, useState } from 'react';

type Range = '7d' | '30d' | '90d' | 'custom';
export type DashboardFilters = { range: Range; from: string; to: string; account: string };

/**
 * Date range presets, a custom range, and an account (searchable by id or name). The URL holds
 * the filters; the inputs only hold what is being typed.
 */
export function SignalFilters({
  filters,
  accountOptions,
  onSearchAccounts,
  onChange,
}: {
  filters: DashboardFilters;
  accountOptions: { accountId: string; name: string | null }[];
  onSearchAccounts: (text: string) => void;
  onChange: (next: Partial<DashboardFilters>) => void;
}) {
  const [customOpen, setCustomOpen] = useState(filters.range === 'custom');
  const submitCustom = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onChange({ range: 'custom', from: String(data.get('from') ?? ''), to: String(data.get('to') ?? '') });
  };
  const submitAccount = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ account: String(new FormData(event.currentTarget).get('account') ?? '').trim() });
  };
  return (
    <div className="card">
      <div className="form-row" style={{ justifyContent: 'space-between', alignItems: 'flex-end' }}>
        <div>
          <div className="muted" id="range-label" style={{ marginBottom: 4 }}>
            Date range
          </div>
          <div className="segmented" role="group" aria-labelledby="range-label">
            {(['7d', '30d', '90d'] as const).map((r) => (
              <button
                key={r}
                type="button"
                aria-pressed={filters.range === r}
                onClick={() => {
                  setCustomOpen(false);
                  onChange({ range: r, from: '', to: '' });
                }}
              >
                Last {r.replace('d', ' days')}
              </button>
            ))}
            <button type="button" aria-pressed={filters.range === 'custom' || customOpen} onClick={() => setCustomOpen(true)}>
              Custom
            </button>
          </div>
        </div>
        <form key={filters.account} onSubmit={submitAccount} className="form-row" role="search" aria-label="Filter by account">
          <div className="field">
            <label htmlFor="account-filter">Account</label>
            <input
              id="account-filter"
              name="account"
              list="account-options"
              defaultValue={filters.account}
              placeholder="All accounts"
              onChange={(e) => onSearchAccounts(e.target.value)}
            />
            <datalist id="account-options">
              {accountOptions.map((a) => (
                <option key={a.accountId} value={a.accountId}>
                  {a.name ?? a.accountId}
                </option>
              ))}
            </datalist>
          </div>
          <button type="submit" className="btn">
            Apply
          </button>
          {filters.account ? (
            <button type="button" className="btn" onClick={() => onChange({ account: '' })}>
              All accounts
            </button>
          ) : null}
        </form>
      </div>
      {customOpen ? (
        <form
          key={`${filters.from}|${filters.to}`}
          onSubmit={submitCustom}
          className="form-row"
          style={{ marginTop: 12 }}
          aria-label="Custom range"
        >
          <div className="field">
            <label htmlFor="range-from">From</label>
            <input id="range-from" name="from" type="date" defaultValue={filters.from} required />
          </div>
          <div className="field">
            <label htmlFor="range-to">To</label>
            <input id="range-to" name="to" type="date" defaultValue={filters.to} required />
          </div>
          <button type="submit" className="btn btn-primary">
            Show range
          </button>
        </form>
      ) : null}
    </div>
  );
}
