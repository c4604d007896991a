import type { Field } from '@/components/query/endpoints';

import type { ConditionFieldsProps } from './condition-fields';
import { ValueTestFields } from './value-test-fields';

/** A trait of the member (user or account) compared with a value. */
export function TraitFields({ id, condition, onChange, error, fields }: ConditionFieldsProps<'trait'> & { fields: Field[] }) {
  return (
    <ValueTestFields
      idPrefix={id}
      fields={fields}
      test={condition}
      onChange={(t) => onChange({ ...condition, ...t })}
      error={error}
    />
  );
}
