'use client';

import { useQuery } from '@tanstack/react-query';
import { endpoints } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';
import { Field, SelectField } from '@/components/ui/field';
import { type ConditionFieldsProps, numberOr } from './condition-fields';
import { EventNameField } from './event-name-field';
import { ValueTestFields } from './value-test-fields';

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
      <SelectField
        id={`${id}-count`}
        label="How often"
        value={c.count?.op ?? 'any'}
        onChange={(e) =>
          onChange({
            ...c,
            count: e.target.value === 'any' ? undefined : { op: e.target.value as 'atLeast', n: c.count?.n ?? 1 },
          })
        }
      >
        <option value="any">at least once</option>
        <option value="atLeast">at least N times</option>
        <option value="atMost">at most N times</option>
        <option value="exactly">exactly N times</option>
      </SelectField>
      {c.count ? (
        <Field
          id={`${id}-n`}
          label="Times"
          type="number"
          min={0}
          value={c.count.n}
          onChange={(e) => onChange({ ...c, count: { op: c.count?.op ?? 'atLeast', n: numberOr(e.target.value) } })}
        />
      ) : null}
      <SelectField
        id={`${id}-within`}
        label="When"
        value={c.within && 'days' in c.within ? 'days' : 'ever'}
        onChange={(e) => onChange({ ...c, within: e.target.value === 'days' ? { days: 7 } : undefined })}
      >
        <option value="ever">since first seen</option>
        <option value="days">within the last N days</option>
      </SelectField>
      {c.within && 'days' in c.within ? (
        <Field
          id={`${id}-within-days`}
          label="Days"
          type="number"
          min={1}
          value={c.within.days}
          onChange={(e) => onChange({ ...c, within: { days: numberOr(e.target.value) } })}
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
