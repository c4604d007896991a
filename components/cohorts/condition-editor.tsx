'use client';

import { useId } from 'react';

import type { Condition, Field } from '@/components/query/endpoints';

import { ActiveUsersFields } from './conditions/active-users-fields';
import { InSignalFields } from './conditions/in-signal-fields';
import { ChoiceField } from './conditions/inputs';
import { NotPerformedFields } from './conditions/not-performed-fields';
import { PerformedFields } from './conditions/performed-fields';
import { SeenFields } from './conditions/seen-fields';
import { TraitFields } from './conditions/trait-fields';

// One condition of the builder: its type, then the fields of that type. Native inputs and selects,
// so it is usable from the keyboard.

/** What a condition becomes when its type is chosen. */
const blank: Record<Condition['type'], Condition> = {
  trait: { type: 'trait', key: '', op: 'eq', value: '' },
  seen: { type: 'seen', which: 'last', op: 'withinDays', days: 7 },
  performed: { type: 'performed', event: '', where: [] },
  notPerformed: { type: 'notPerformed', days: 7 },
  activeUsers: { type: 'activeUsers', op: 'gt', n: 10, days: 30 },
  inSignal: { type: 'inSignal', signal: 'any' },
};

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
  const props = { id, onChange, error };
  return (
    <div className="condition form-row">
      <ChoiceField
        id={`${id}-type`}
        label="Condition"
        value={condition.type}
        choices={types}
        onChange={(type) => onChange(blank[type])}
        error={error('type')}
      />
      {condition.type === 'trait' ? <TraitFields {...props} condition={condition} fields={fields} /> : null}
      {condition.type === 'seen' ? <SeenFields {...props} condition={condition} /> : null}
      {condition.type === 'performed' ? (
        <PerformedFields {...props} condition={condition} environmentSlug={environmentSlug} events={events} />
      ) : null}
      {condition.type === 'notPerformed' ? <NotPerformedFields {...props} condition={condition} events={events} /> : null}
      {condition.type === 'activeUsers' ? <ActiveUsersFields {...props} condition={condition} /> : null}
      {condition.type === 'inSignal' ? <InSignalFields {...props} condition={condition} /> : null}
    </div>
  );
}
