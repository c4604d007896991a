import { type ConditionFieldsProps, fieldsOf } from './condition-fields';
import { ChoiceField, NumberField } from './inputs';

const comparisons = [
  ['gt', 'more than'],
  ['gte', 'at least'],
  ['lt', 'fewer than'],
  ['lte', 'at most'],
  ['eq', 'exactly'],
] as const;

/** Accounts: how many of their users were seen in the last N days. */
export function ActiveUsersFields({ id, condition, onChange }: ConditionFieldsProps<'activeUsers'>) {
  const field = fieldsOf(id, condition, onChange);
  return (
    <>
      <ChoiceField label="Active users" choices={comparisons} {...field('op')} />
      <NumberField label="Users" min={0} {...field('n')} />
      <NumberField label="Seen in the last N days" min={1} {...field('days')} />
    </>
  );
}
