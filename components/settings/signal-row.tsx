'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';

import { ApiError } from '@/components/query/api';
import { endpoints, type SignalSettingsItem } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { ErrorState, Spinner } from '@/components/ui/states';

/** One signal's settings, editable, with a backtest of the values being edited before saving. */
export function SignalRow({
  environmentSlug,
  signal,
  canEdit,
  onSaved,
}: {
  environmentSlug: string;
  signal: SignalSettingsItem;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [form, setForm] = useState(signal.settings);
  const [tested, setTested] = useState<typeof form | null>(null);
  const save = useMutation({
    mutationFn: () => endpoints.signals.updateSettings(environmentSlug, signal.key, form),
    onSuccess: onSaved,
  });
  const backtest = useQuery({
    queryKey: queryKeys.signalBacktest(environmentSlug, signal.key, tested),
    queryFn: () =>
      endpoints.signals.backtest(environmentSlug, {
        signal: signal.key,
        thresholdPct: String(tested?.thresholdPct),
        minVolume: String(tested?.minVolume),
        topN: String(tested?.topN),
        days: '30',
      }),
    enabled: tested !== null,
  });
  // An edit after a save: "Saved" no longer describes what the fields show.
  const edit = (change: (f: typeof form) => typeof form) => {
    setForm(change);
    save.reset();
  };
  const stale = tested !== null && JSON.stringify(tested) !== JSON.stringify(form);
  const number = (key: 'thresholdPct' | 'minVolume' | 'topN') => (e: { target: { value: string } }) =>
    edit((f) => ({ ...f, [key]: e.target.value === '' ? 0 : Number(e.target.value) }));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const error = save.error instanceof ApiError ? save.error : null;
  const id = (field: string) => `${signal.key}-${field}`;
  return (
    <form onSubmit={onSubmit} className="card" aria-label={signal.title} noValidate>
      <div className="card-header">
        <h2 style={{ fontSize: 15 }}>{signal.title}</h2>
        <span className={`badge${signal.trigger === 'signal.riskForAbandonment' ? ' badge-danger' : ''}`}>{signal.trigger}</span>
      </div>
      <div className="form-row">
        <label className="form-row" style={{ alignItems: 'center' }}>
          <input
            type="checkbox"
            checked={form.enabled}
            disabled={!canEdit}
            onChange={(e) => edit((f) => ({ ...f, enabled: e.target.checked }))}
          />
          Enabled
        </label>
        {signal.kind === 'top' ? (
          <div className="field">
            <label htmlFor={id('topN')}>Top N accounts</label>
            <input
              id={id('topN')}
              type="number"
              min={1}
              max={1000}
              value={form.topN}
              onChange={number('topN')}
              disabled={!canEdit}
              aria-invalid={error?.issueFor('topN') ? true : undefined}
            />
          </div>
        ) : (
          <div className="field">
            <label htmlFor={id('threshold')}>Threshold X (%)</label>
            <input
              id={id('threshold')}
              type="number"
              min={1}
              max={1000}
              value={form.thresholdPct}
              onChange={number('thresholdPct')}
              disabled={!canEdit}
              aria-invalid={error?.issueFor('thresholdPct') ? true : undefined}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor={id('minVolume')}>
            {signal.kind === 'decrease' ? 'Minimum in the earlier period' : 'Minimum in the current period'}
          </label>
          <input
            id={id('minVolume')}
            type="number"
            min={0}
            value={form.minVolume}
            onChange={number('minVolume')}
            disabled={!canEdit}
          />
        </div>
        <button type="button" className="btn" onClick={() => setTested({ ...form })}>
          Backtest 30 days
        </button>
        {canEdit ? (
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        ) : null}
        {save.isSuccess && !save.isPending ? (
          <span className="muted" role="status">
            Saved
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
      {tested ? (
        backtest.isPending ? (
          <Spinner label="Replaying the last 30 days…" />
        ) : backtest.isError ? (
          <ErrorState error={backtest.error} />
        ) : (
          <p className="alert alert-info" role="status" data-testid={`backtest-${signal.key}`}>
            With these settings, over the last {backtest.data.days} days, {backtest.data.accounts.length} accounts would have
            entered this signal, sending {backtest.data.notifications} notifications
            {backtest.data.accounts.length
              ? `: ${backtest.data.accounts
                  .slice(0, 8)
                  .map((a) => a.accountId)
                  .join(', ')}${backtest.data.accounts.length > 8 ? '…' : ''}`
              : ''}
            .{stale ? ' The settings have changed since: run the backtest again to see theirs.' : ''}
          </p>
        )
      ) : null}
    </form>
  );
}
