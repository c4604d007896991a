'use client';

import { useQuery } from '@tanstack/react-query';

import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';

import type { ConditionFieldsProps } from './condition-fields';
import { EventNameField } from './event-name-field';
import { ChoiceField, NumberField } from './inputs';
import { ValueTestFields } from './value-test-fields';

const howOften = [
  ['any', 'at least once'],
  ['atLeast', 'at least N times'],
  ['atMost', 'at most N times'],
  ['exactly', 'exactly N times'],
] as const;
const since = [
  ['ever', 'since first seen'],
  ['days', 'within the last N days'],
] as const;

/** Performed an event: how often, since when, and where its properties pass tests. */
export function PerformedFields({
  id,
  condition: c,
  onChange,
  error,
  environmentSlug,
  events,
}: ConditionFieldsProps<'performed'> & { environmentSlug: string; events: string[] }) {
  const properties = useQuery({
    queryKey: queryKeys.cohortEventProperties(environmentSlug, c.event),
    queryFn: () => endpoints.cohorts.eventProperties(environmentSlug, { event: c.event }).then((r) => r.properties),
    enabled: c.event !== '',
  });
  return (
    <>
      <EventNameField
        id={id}
        label="Event"
        events={events}
        value={c.event}
        onChange={(event) => onChange({ ...c, event })}
        error={error('event')}
        placeholder="e.g. api.call"
      />
      <ChoiceField
        id={`${id}-count`}
        label="How often"
        value={c.count?.op ?? 'any'}
        choices={howOften}
        onChange={(op) => onChange({ ...c, count: op === 'any' ? undefined : { op, n: c.count?.n ?? 1 } })}
      />
      {c.count ? (
        <NumberField
          id={`${id}-n`}
          label="Times"
          min={0}
          value={c.count.n}
          onChange={(n) => onChange({ ...c, count: { op: c.count?.op ?? 'atLeast', n } })}
        />
      ) : null}
      <ChoiceField
        id={`${id}-within`}
        label="When"
        value={c.within && 'days' in c.within ? 'days' : 'ever'}
        choices={since}
        onChange={(within) => onChange({ ...c, within: within === 'days' ? { days: 7 } : undefined })}
      />
      {c.within && 'days' in c.within ? (
        <NumberField
          id={`${id}-within-days`}
          label="Days"
          min={1}
          value={c.within.days}
          onChange={(days) => onChange({ ...c, within: { days } })}
        />
      ) : null}
      <div className="where">
        {c.where.map((w, i) => (
          <div key={i} className="form-row where-row">
            <span className="muted">where</span>
            <ValueTestFields
              idPrefix={`${id}-w${i}`}
              fields={properties.data ?? []}
              test={w}
              onChange={(t) => onChange({ ...c, where: c.where.map((x, j) => (j === i ? t : x)) })}
              error={(field) => error(`where.${i}.${field}`)}
            />
            <button type="button" className="btn" onClick={() => onChange({ ...c, where: c.where.filter((_, j) => j !== i) })}>
              Remove property test
            </button>
          </div>
        ))}
        <button
          type="button"
          className="btn-link"
          onClick={() => onChange({ ...c, where: [...c.where, { key: '', op: 'eq', value: '' }] })}
        >
          + where a property…
        </button>
      </div>
    </>
  );
}
