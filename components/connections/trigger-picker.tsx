'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { QueryView } from '@/components/ui/query-view';

/**
 * Chooses the event keys a connection subscribes to: grouped checkboxes (signals, cohorts, the
 * Frontegg catalog, events seen here) with a filter, and any other key typed in.
 */
export function TriggerPicker({
  environmentSlug,
  value,
  onChange,
  error,
}: {
  environmentSlug: string;
  value: string[];
  onChange: (keys: string[]) => void;
  error?: string;
}) {
  const id = useId();
  const triggers = useQuery({
    queryKey: queryKeys.triggers(environmentSlug),
    queryFn: () => endpoints.triggers.list(environmentSlug),
  });
  const [filter, setFilter] = useState('');
  const [custom, setCustom] = useState('');
  const selected = new Set(value);
  const toggle = (key: string) => onChange(selected.has(key) ? value.filter((k) => k !== key) : [...value, key]);
  const known = new Set((triggers.data?.groups ?? []).flatMap((g) => g.options.map((o) => o.key)));
  const extra = value.filter((k) => !known.has(k));
  const addCustom = () => {
    const key = custom.trim();
    if (key && !selected.has(key)) onChange([...value, key]);
    setCustom('');
  };
  const needle = filter.trim().toLowerCase();

  return (
    <fieldset
      className="trigger-picker"
      aria-describedby={error ? `${id}-error` : undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend>Triggers ({value.length} chosen)</legend>
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
      <div className="form-row">
        <div className="field">
          <label htmlFor={`${id}-filter`}>Filter triggers</label>
          <input
            id={`${id}-filter`}
            type="search"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            // Enter filters; it does not submit the connection's form.
            onKeyDown={(e) => {
              if (e.key === 'Enter') e.preventDefault();
            }}
            placeholder="e.g. tenant"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-custom`}>Other event key</label>
          <input
            id={`${id}-custom`}
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                addCustom();
              }
            }}
            placeholder="e.g. order.completed"
            maxLength={200}
          />
        </div>
        <button type="button" className="btn" onClick={addCustom} disabled={!custom.trim()}>
          Add key
        </button>
      </div>
      {extra.length ? (
        <div className="trigger-group">
          <strong>Other keys</strong>
          {extra.map((key) => (
            <label key={key} className="check">
              <input type="checkbox" checked onChange={() => toggle(key)} /> <code>{key}</code>
            </label>
          ))}
        </div>
      ) : null}
      <QueryView query={triggers} loadingLabel="Loading triggers">
        {(data) => (
          <div className="trigger-groups">
            {data.groups.map((group) => {
              const options = group.options.filter(
                (o) => !needle || o.key.toLowerCase().includes(needle) || (o.title ?? '').toLowerCase().includes(needle),
              );
              if (options.length === 0) return null;
              return (
                <div key={group.group} className="trigger-group" role="group" aria-label={group.group}>
                  <strong>{group.group}</strong>
                  {options.map((o) => (
                    <label key={o.key} className="check" title={o.description ?? undefined}>
                      <input type="checkbox" checked={selected.has(o.key)} onChange={() => toggle(o.key)} />{' '}
                      <span>{o.title ?? o.key}</span> <code className="muted">{o.key}</code>
                      {o.seen > 0 ? <span className="badge badge-muted">{o.seen.toLocaleString('en')} seen</span> : null}
                    </label>
                  ))}
                </div>
              );
            })}
          </div>
        )}
      </QueryView>
    </fieldset>
  );
}
