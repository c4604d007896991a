import { Field, SelectField } from '@/components/ui/field';
import { type ConditionFieldsProps, numberOr } from './condition-fields';

/** When the member was first or last seen: today, within or more than N days ago, between dates. */
export function SeenFields({ id, condition: c, onChange, error }: ConditionFieldsProps<'seen'>) {
  return (
    <>
      <SelectField
        id={`${id}-which`}
        label="Which"
        value={c.which}
        onChange={(e) => onChange({ ...c, which: e.target.value as 'first' | 'last' })}
      >
        <option value="first">First seen</option>
        <option value="last">Last seen</option>
      </SelectField>
      <SelectField
        id={`${id}-when`}
        label="When"
        value={c.op}
        onChange={(e) => onChange({ ...c, op: e.target.value as typeof c.op })}
      >
        <option value="today">is today</option>
        <option value="withinDays">within the last N days</option>
        <option value="olderThanDays">more than N days ago</option>
        <option value="between">between dates</option>
      </SelectField>
      {c.op === 'withinDays' || c.op === 'olderThanDays' ? (
        <Field
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
          <Field
            id={`${id}-from`}
            label="From"
            type="date"
            value={c.from ?? ''}
            onChange={(e) => onChange({ ...c, from: e.target.value || undefined })}
            error={error('from')}
          />
          <Field
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
  );
}
