import type { Field } from '@/components/query/endpoints';

// "key op value" as the builder edits it, for traits and for event properties: the operators a
// field's type (as seen in the data) offers, and typed text turned into the value the filter stores.

export type ValueOp = 'eq' | 'neq' | 'contains' | 'startsWith' | 'gt' | 'gte' | 'lt' | 'lte' | 'set' | 'notSet' | 'in';
type Scalar = string | number | boolean;
export type Value = Scalar | Scalar[] | undefined;
export type Test = { key: string; op: ValueOp; value?: Value };
export type FieldType = Field['type'] | undefined;

export const OP_LABEL: Record<ValueOp, string> = {
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

export function operatorsFor(type: FieldType): ValueOp[] {
  if (type === 'number') return ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'set', 'notSet'];
  if (type === 'boolean') return ['eq', 'neq', 'set', 'notSet'];
  if (type === 'date') return ['gt', 'lt', 'eq', 'set', 'notSet'];
  return ['eq', 'neq', 'contains', 'startsWith', 'in', 'set', 'notSet'];
}

/** Typed text → the value the filter stores: numbers for number traits, lists for "is one of". */
export function parseValue(text: string, op: ValueOp, type: FieldType): Value {
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

export const showValue = (value: Value) => (Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value));
