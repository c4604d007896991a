import type { Condition } from '@/components/query/endpoints';

/** The props of one condition type's fields: its ids start with `id`, its errors are found by field. */
export type ConditionFieldsProps<T extends Condition['type']> = {
  id: string;
  condition: Extract<Condition, { type: T }>;
  onChange: (next: Extract<Condition, { type: T }>) => void;
  error: (field: string) => string | undefined;
};

/**
 * What ties an input to one field of a condition: its id (`{id}-{name}`, the field's key unless
 * named), the field's value, and the condition with the new value when it changes.
 */
export function fieldsOf<C extends Condition>(id: string, condition: C, onChange: (next: C) => void) {
  return <K extends keyof C & string>(key: K, name: string = key) => ({
    id: `${id}-${name}`,
    value: condition[key],
    onChange: (value: C[K]) => onChange({ ...condition, [key]: value }),
  });
}
