import { Field, SelectField } from '@/components/ui/field';
import { type ConditionFieldsProps, numberOr } from './condition-fields';

/** Accounts: how many of their users were seen in the last N days. */
export function ActiveUsersFields({ id, condition: c, onChange }: ConditionFieldsProps<'activeUsers'>) {
  return (
    <>
      <SelectField
        id={`${id}-op`}
        label="Active users"
        value={c.op}
        onChange={(e) => onChange({ ...c, op: e.target.value as typeof c.op })}
      >
        <option value="gt">more than</option>
        <option value="gte">at least</option>
        <option value="lt">fewer than</option>
        <option value="lte">at most</option>
        <option value="eq">exactly</option>
      </SelectField>
      <Field
        id={`${id}-n`}
        label="Users"
        type="number"
        min={0}
        value={c.n}
        onChange={(e) => onChange({ ...c, n: numberOr(e.target.value) })}
      />
      <Field
        id={`${id}-days`}
        label="Seen in the last N days"
        type="number"
        min={1}
        value={c.days}
        onChange={(e) => onChange({ ...c, days: numberOr(e.target.value) })}
      />
    </>
  );
}
