'use client';

import { useQuery } from '@tanstack/react-query';

import { type CohortFields, type CohortFilter, type Condition, endpoints, type Group } from '@/components/query/endpoints';
import { queryKeys } from '@/components/query/keys';

import { ConditionEditor } from './condition-editor';

const MAX_DEPTH = 3;

/** Field errors from the server, found by their path under filter.root. */
export type IssueLookup = (path: string) => string | undefined;

function GroupEditor({
  environmentSlug,
  entity,
  group,
  path,
  depth,
  fields,
  onChange,
  onRemove,
  issue,
}: {
  environmentSlug: string;
  entity: 'users' | 'accounts';
  group: Group;
  path: string;
  depth: number;
  fields: CohortFields;
  onChange: (next: Group) => void;
  onRemove?: () => void;
  issue: IssueLookup;
}) {
  const set = (i: number, next: Condition | Group) =>
    onChange({ ...group, conditions: group.conditions.map((c, j) => (j === i ? next : c)) });
  const remove = (i: number) => onChange({ ...group, conditions: group.conditions.filter((_, j) => j !== i) });
  return (
    <fieldset className={`filter-group depth-${depth}`}>
      <legend>
        <label>
          Match{' '}
          <select
            aria-label="Combine conditions with"
            value={group.op}
            onChange={(e) => onChange({ ...group, op: e.target.value as 'and' | 'or' })}
          >
            <option value="and">all (AND)</option>
            <option value="or">any (OR)</option>
          </select>{' '}
          of these
        </label>
      </legend>
      {issue(`${path}.conditions`) ? <p className="field-error">{issue(`${path}.conditions`)}</p> : null}
      {group.conditions.map((c, i) => (
        <div key={i} className="filter-node">
          {c.type === 'group' ? (
            <GroupEditor
              environmentSlug={environmentSlug}
              entity={entity}
              group={c}
              path={`${path}.conditions.${i}`}
              depth={depth + 1}
              fields={fields}
              onChange={(next) => set(i, next)}
              onRemove={() => remove(i)}
              issue={issue}
            />
          ) : (
            <div className="form-row">
              <ConditionEditor
                environmentSlug={environmentSlug}
                entity={entity}
                condition={c}
                fields={fields.traits}
                events={fields.events}
                onChange={(next) => set(i, next)}
                error={(field) => issue(`${path}.conditions.${i}.${field}`)}
              />
              <button type="button" className="btn" onClick={() => remove(i)} aria-label={`Remove condition ${i + 1}`}>
                Remove
              </button>
            </div>
          )}
          {i < group.conditions.length - 1 ? <div className="filter-joiner">{group.op.toUpperCase()}</div> : null}
        </div>
      ))}
      <div className="form-row">
        <button
          type="button"
          className="btn"
          onClick={() =>
            onChange({ ...group, conditions: [...group.conditions, { type: 'seen', which: 'last', op: 'withinDays', days: 7 }] })
          }
        >
          Add condition
        </button>
        {depth < MAX_DEPTH ? (
          <button
            type="button"
            className="btn"
            onClick={() =>
              onChange({
                ...group,
                conditions: [
                  ...group.conditions,
                  {
                    type: 'group',
                    op: group.op === 'and' ? 'or' : 'and',
                    conditions: [{ type: 'trait', key: '', op: 'eq', value: '' }],
                  },
                ],
              })
            }
          >
            Add group
          </button>
        ) : null}
        {onRemove ? (
          <button type="button" className="btn" onClick={onRemove}>
            Remove group
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

/** The whole filter: AND/OR groups (nested up to three deep) of conditions, pickers filled from the data. */
export function FilterBuilder({
  environmentSlug,
  filter,
  onChange,
  issue,
}: {
  environmentSlug: string;
  filter: CohortFilter;
  onChange: (next: CohortFilter) => void;
  issue: IssueLookup;
}) {
  const fields = useQuery({
    queryKey: queryKeys.cohortFields(environmentSlug, filter.entity),
    queryFn: () => endpoints.cohorts.fields(environmentSlug, { entity: filter.entity }),
  });
  return (
    <GroupEditor
      environmentSlug={environmentSlug}
      entity={filter.entity}
      group={filter.root}
      path="filter.root"
      depth={1}
      fields={fields.data ?? { traits: [], events: [] }}
      onChange={(root) => onChange({ ...filter, root })}
      issue={issue}
    />
  );
}
