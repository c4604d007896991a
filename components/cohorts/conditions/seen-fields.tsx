import { type ConditionFieldsProps, fieldsOf } from './condition-fields';
import { ChoiceField, DateField, NumberField } from './inputs';

const which = [
  ['first', 'First seen'],
  ['last', 'Last seen'],
] as const;
const when = [
  ['today', 'is today'],
  ['withinDays', 'within the last N days'],
  ['olderThanDays', 'more than N days ago'],
  ['between', 'between dates'],
] as const;

/** When the member was first or last seen: today, within or more than N days ago, between dates. */
export function SeenFields({ id, condition: c, onChange, error }: ConditionFieldsProps<'seen'>) {
  const field = fieldsOf(id, c, onChange);
  return (
    <>
      <ChoiceField label="Which" choices={which} {...field('which')} />
      <ChoiceField label="When" choices={when} {...field('op', 'when')} />
      {c.op === 'withinDays' || c.op === 'olderThanDays' ? (
        <NumberField label="Days" min={1} {...field('days')} error={error('days')} />
      ) : null}
      {c.op === 'between' ? (
        <>
          <DateField label="From" {...field('from')} error={error('from')} />
          <DateField label="To" {...field('to')} error={error('to')} />
        </>
      ) : null}
    </>
  );
}
