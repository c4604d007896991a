import type { Condition } from '@/components/query/endpoints';

/** The props of one condition type's fields: its ids start with `id`, its errors are found by field. */
export type ConditionFieldsProps<T extends Condition['type']> = {
  id: string;
  condition: Extract<Condition, { type: T }>;
  onChange: (next: Extract<Condition, { type: T }>) => void;
  error: (field: string) => string | undefined;
};

/** A number field's text as the filter stores it: empty stays empty, so the server can name it. */
export const numberOr = (text: string) => (text.trim() === '' ? (undefined as unknown as number) : Number(text));
