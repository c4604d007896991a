'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '@/components/query/api';
import { Field as LabeledInput } from '@/components/ui/field';
import { signalDefinitions } from '@/lib/signals/definitions';
import { type Condition, type Field, cohortsBase } from './types';
import { queryKeys } from '@/components/query/keys';

// One condition of the builder. Native inputs and selects, so it is usable from the keyboard; the
// operators offered depend on the trait's type as seen in the data.

type ValueOp = 'eq' | 'neq' | 'contains' | 'startsWith' | 'gt' | 'gte' | 'lt' | 'lte' | 'set' | 'notSet' | 'in';
type Scalar = string | number | boolean;
type Value = Scalar | Scalar[] | undefined;
type Test = { key: string; op: ValueOp; value?: Value };
const OP_LABEL: Record<ValueOp, string> = {
  eq: 'equals',
  neq: 'does not equal',
  contains: 'contains',
  startsWith: 'starts with',
  gt: 'is greater than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  set: 'is set',
  notSet: 'is not set',
  in: 'is one of',
};
export function operatorsFor(type: Field['type'] | undefined): ValueOp[] {
  if (type === 'number') return ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'set', 'notSet'];
  if (type === 'boolean') return ['eq', 'neq', 'set', 'notSet'];
  if (type === 'date') return ['gt', 'lt', 'eq', 'set', 'notSet'];
  return ['eq', 'neq', 'contains', 'startsWith', 'in', 'set', 'notSet'];
}

/** Typed text → the value the filter stores: numbers for number traits, lists for "is one of". */
function parseValue(text: string, op: ValueOp, type: Field['type'] | undefined): Value {
  const one = (t: string): Scalar => {
    const trimmed = t.trim();
    if (type === 'number' && trimmed !== '' && !Number.isNaN(Number(trimmed))) return Number(trimmed);
    if (type === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return trimmed === 'true';
    return trimmed;
  };
  if (op === 'set' || op === 'notSet') return undefined;
  if (op === 'in')
    return text
      .split(',')
      .map(one)
      .filter((v) => v !== '');
  return one(text);
}
const showValue = (value: Value) => (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value));

/**
 * A test's value as typed. The text is kept as it is ("Pro ", "a,", "1.") while the stored value is
 * its parse: shown from the parse, a space, a comma or a decimal point vanished as it was typed. The
 * text follows the stored value only when that changes from elsewhere (another operator, a reset).
 */
function ValueInput({
  id,
  op,
  type,
  value,
  onChange,
  invalid,
}: {
  id: string;
  op: ValueOp;
  type: Field['type'] | undefined;
  value: Value;
  onChange: (value: Value) => void;
  invalid: boolean;
}) {
  const [text, setText] = useState(() => showValue(value));
  if (JSON.stringify(parseValue(text, op, type)) !== JSON.stringify(value) && text !== showValue(value)) {
    setText(showValue(value));
  }
  return (
    <input
      id={id}
      type={type === 'date' ? 'date' : 'text'}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseValue(e.target.value, op, type));
      }}
      aria-invalid={invalid ? true : undefined}
    />
  );
}

function ValueTestFields({
  idPrefix,
  fields,
  test,
  onChange,
  error,
}: {
  idPrefix: string;
  fields: Field[];
  test: Test;
  onChange: (next: Test) => void;
  error: (field: string) => string | undefined;
}) {
  const type = fields.find((f) => f.key === test.key)?.type;
  const ops = operatorsFor(type);
  return (
    <>
      <div className="field">
        <label htmlFor={`${idPrefix}-key`}>Name</label>
        <input
          id={`${idPrefix}-key`}
          list={`${idPrefix}-keys`}
          value={test.key}
          onChange={(e) => onChange({ ...test, key: e.target.value })}
          aria-invalid={error('key') ? true : undefined}
          placeholder="e.g. plan"
        />
        <datalist id={`${idPrefix}-keys`}>
          {fields.map((f) => (
            <option key={f.key} value={f.key}>
              {f.type}
            </option>
          ))}
        </datalist>
        {error('key') ? <span className="field-error">{error('key')}</span> : null}
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-op`}>Operator</label>
        <select
          id={`${idPrefix}-op`}
          value={test.op}
          onChange={(e) =>
            onChange({
              ...test,
              op: e.target.value as ValueOp,
              value: parseValue(showValue(test.value), e.target.value as ValueOp, type),
            })
          }
        >
          {[...new Set([...ops, test.op])].map((op) => (
            <option key={op} value={op}>
              {OP_LABEL[op]}
            </option>
          ))}
        </select>
      </div>
      {test.op !== 'set' && test.op !== 'notSet' ? (
        <div className="field">
          <label htmlFor={`${idPrefix}-value`}>{test.op === 'in' ? 'Values (comma-separated)' : 'Value'}</label>
          <ValueInput
            id={`${idPrefix}-value`}
            op={test.op}
            type={type}
            value={test.value}
            onChange={(value) => onChange({ ...test, value })}
            invalid={error('value') !== undefined}
          />
          {error('value') ? <span className="field-error">{error('value')}</span> : null}
        </div>
      ) : null}
    </>
  );
}

const blank: Record<Condition['type'], Condition> = {
  trait: { type: 'trait', key: '', op: 'eq', value: '' },
  seen: { type: 'seen', which: 'last', op: 'withinDays', days: 7 },
  performed: { type: 'performed', event: '', where: [] },
  notPerformed: { type: 'notPerformed', days: 7 },
  activeUsers: { type: 'activeUsers', op: 'gt', n: 10, days: 30 },
  inSignal: { type: 'inSignal', signal: 'any' },
};

const numberOr = (text: string) => (text.trim() === '' ? (undefined as unknown as number) : Number(text));

export function ConditionEditor({
  environmentSlug,
  entity,
  condition,
  fields,
  events,
  onChange,
  error,
}: {
  environmentSlug: string;
  entity: 'users' | 'accounts';
  condition: Condition;
  fields: Field[];
  events: string[];
  onChange: (next: Condition) => void;
  error: (path: string) => string | undefined;
}) {
  const id = useId();
  const performedEvent = condition.type === 'performed' ? condition.event : '';
  const properties = useQuery({
    queryKey: queryKeys.cohortEventProperties(environmentSlug, performedEvent),
    queryFn: () =>
      api<{ properties: Field[] }>(
        `${cohortsBase(environmentSlug)}/event-properties?event=${encodeURIComponent(performedEvent)}`,
      ).then((r) => r.properties),
    enabled: performedEvent !== '',
  });
  const types: [Condition['type'], string][] = [
    ['trait', entity === 'users' ? 'User trait' : 'Account trait'],
    ['seen', 'First / last seen'],
    ['performed', 'Performed event'],
    ['notPerformed', 'Did not perform'],
    ...(entity === 'accounts'
      ? ([
          ['activeUsers', 'Active users'],
          ['inSignal', 'In a signal'],
        ] as [Condition['type'], string][])
      : []),
  ];
  const c = condition;
  return (
    <div className="condition form-row">
      <div className="field">
        <label htmlFor={`${id}-type`}>Condition</label>
        <select id={`${id}-type`} value={c.type} onChange={(e) => onChange(blank[e.target.value as Condition['type']])}>
          {types.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {error('type') ? <span className="field-error">{error('type')}</span> : null}
      </div>
      {c.type === 'trait' ? (
        <ValueTestFields idPrefix={id} fields={fields} test={c} onChange={(t) => onChange({ ...c, ...t })} error={error} />
      ) : null}
      {c.type === 'seen' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-which`}>Which</label>
            <select
              id={`${id}-which`}
              value={c.which}
              onChange={(e) => onChange({ ...c, which: e.target.value as 'first' | 'last' })}
            >
              <option value="first">First seen</option>
              <option value="last">Last seen</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-when`}>When</label>
            <select id={`${id}-when`} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as typeof c.op })}>
              <option value="today">is today</option>
              <option value="withinDays">within the last N days</option>
              <option value="olderThanDays">more than N days ago</option>
              <option value="between">between dates</option>
            </select>
          </div>
          {c.op === 'withinDays' || c.op === 'olderThanDays' ? (
            <LabeledInput
              id={`${id}-days`}
              label="Days"
              type="number"
              min={1}
              value={c.days ?? ''}
              onChange={(e) => onChange({ ...c, days: numberOr(e.target.value) })}
              error={error('days')}
            />
          ) : null}
          {c.op === 'between' ? (
            <>
              <LabeledInput
                id={`${id}-from`}
                label="From"
                type="date"
                value={c.from ?? ''}
                onChange={(e) => onChange({ ...c, from: e.target.value || undefined })}
                error={error('from')}
              />
              <LabeledInput
                id={`${id}-to`}
                label="To"
                type="date"
                value={c.to ?? ''}
                onChange={(e) => onChange({ ...c, to: e.target.value || undefined })}
                error={error('to')}
              />
            </>
          ) : null}
        </>
      ) : null}
      {c.type === 'performed' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-event`}>Event</label>
            <input
              id={`${id}-event`}
              list={`${id}-events`}
              value={c.event}
              onChange={(e) => onChange({ ...c, event: e.target.value })}
              aria-invalid={error('event') ? true : undefined}
              placeholder="e.g. api.call"
            />
            <datalist id={`${id}-events`}>
              {events.map((e) => (
                <option key={e} value={e} />
              ))}
            </datalist>
            {error('event') ? <span className="field-error">{error('event')}</span> : null}
          </div>
          <div className="field">
            <label htmlFor={`${id}-count`}>How often</label>
            <select
              id={`${id}-count`}
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
            </select>
          </div>
          {c.count ? (
            <div className="field">
              <label htmlFor={`${id}-n`}>Times</label>
              <input
                id={`${id}-n`}
                type="number"
                min={0}
                value={c.count.n}
                onChange={(e) => onChange({ ...c, count: { op: c.count?.op ?? 'atLeast', n: numberOr(e.target.value) } })}
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-within`}>When</label>
            <select
              id={`${id}-within`}
              value={c.within && 'days' in c.within ? 'days' : 'ever'}
              onChange={(e) => onChange({ ...c, within: e.target.value === 'days' ? { days: 7 } : undefined })}
            >
              <option value="ever">since first seen</option>
              <option value="days">within the last N days</option>
            </select>
          </div>
          {c.within && 'days' in c.within ? (
            <LabeledInput
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
                <button
                  type="button"
                  className="btn"
                  onClick={() => onChange({ ...c, where: c.where.filter((_, j) => j !== i) })}
                >
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
      ) : null}
      {c.type === 'notPerformed' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-event`}>Event (empty: any event)</label>
            <input
              id={`${id}-event`}
              list={`${id}-events`}
              value={c.event ?? ''}
              onChange={(e) => onChange({ ...c, event: e.target.value || undefined })}
            />
            <datalist id={`${id}-events`}>
              {events.map((e) => (
                <option key={e} value={e} />
              ))}
            </datalist>
          </div>
          <div className="field">
            <label htmlFor={`${id}-days`}>In the last N days</label>
            <input
              id={`${id}-days`}
              type="number"
              min={1}
              value={c.days ?? ''}
              onChange={(e) => onChange({ ...c, days: numberOr(e.target.value) })}
              aria-invalid={error('days') ? true : undefined}
            />
            {error('days') ? <span className="field-error">{error('days')}</span> : null}
          </div>
        </>
      ) : null}
      {c.type === 'activeUsers' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-op`}>Active users</label>
            <select id={`${id}-op`} value={c.op} onChange={(e) => onChange({ ...c, op: e.target.value as typeof c.op })}>
              <option value="gt">more than</option>
              <option value="gte">at least</option>
              <option value="lt">fewer than</option>
              <option value="lte">at most</option>
              <option value="eq">exactly</option>
            </select>
          </div>
          <LabeledInput
            id={`${id}-n`}
            label="Users"
            type="number"
            min={0}
            value={c.n}
            onChange={(e) => onChange({ ...c, n: numberOr(e.target.value) })}
          />
          <LabeledInput
            id={`${id}-days`}
            label="Seen in the last N days"
            type="number"
            min={1}
            value={c.days}
            onChange={(e) => onChange({ ...c, days: numberOr(e.target.value) })}
          />
        </>
      ) : null}
      {c.type === 'inSignal' ? (
        <div className="field">
          <label htmlFor={`${id}-signal`}>Signal</label>
          <select id={`${id}-signal`} value={c.signal} onChange={(e) => onChange({ ...c, signal: e.target.value })}>
            <option value="any">any signal</option>
            {signalDefinitions.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      ) : null}
    </div>
  );
}
