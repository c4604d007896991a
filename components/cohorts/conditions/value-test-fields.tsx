'use client';

import { useState } from 'react';

import type { Field } from '@/components/query/endpoints';
import { type FieldControl, FieldFrame } from '@/components/ui/field';

import { ChoiceField } from './inputs';
import { type FieldType, OP_LABEL, operatorsFor, parseValue, showValue, type Test, type Value, type ValueOp } from './value-test';

/**
 * A test's value as typed. The text is kept as it is ("Pro ", "a,", "1.") while the stored value is
 * its parse: shown from the parse, a space, a comma or a decimal point vanished as it was typed. The
 * text follows the stored value only when that changes from elsewhere (another operator, a reset).
 */
function ValueInput({
  control,
  op,
  type,
  value,
  onChange,
}: {
  control: FieldControl;
  op: ValueOp;
  type: FieldType;
  value: Value;
  onChange: (value: Value) => void;
}) {
  const [text, setText] = useState(() => showValue(value));
  if (JSON.stringify(parseValue(text, op, type)) !== JSON.stringify(value) && text !== showValue(value)) {
    setText(showValue(value));
  }
  return (
    <input
      {...control}
      type={type === 'date' ? 'date' : 'text'}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseValue(e.target.value, op, type));
      }}
    />
  );
}

/** "key op value": a trait of the member, or a property of an event. */
export function ValueTestFields({
  idPrefix,
  fields,
  test,
  onChange,
  error,
}: {
  idPrefix: string;
  fields: Field[];
  test: Test;
  onChange: (next: Test) => void;
  error: (field: string) => string | undefined;
}) {
  const type = fields.find((f) => f.key === test.key)?.type;
  const ops = operatorsFor(type);
  return (
    <>
      <FieldFrame id={`${idPrefix}-key`} label="Name" error={error('key')}>
        {(control) => (
          <>
            <input
              {...control}
              list={`${idPrefix}-keys`}
              value={test.key}
              onChange={(e) => onChange({ ...test, key: e.target.value })}
              placeholder="e.g. plan"
            />
            <datalist id={`${idPrefix}-keys`}>
              {fields.map((f) => (
                <option key={f.key} value={f.key}>
                  {f.type}
                </option>
              ))}
            </datalist>
          </>
        )}
      </FieldFrame>
      <ChoiceField
        id={`${idPrefix}-op`}
        label="Operator"
        value={test.op}
        choices={[...new Set([...ops, test.op])].map((op): [ValueOp, string] => [op, OP_LABEL[op]])}
        onChange={(op) => onChange({ ...test, op, value: parseValue(showValue(test.value), op, type) })}
      />
      {test.op !== 'set' && test.op !== 'notSet' ? (
        <FieldFrame
          id={`${idPrefix}-value`}
          label={test.op === 'in' ? 'Values (comma-separated)' : 'Value'}
          error={error('value')}
        >
          {(control) => (
            <ValueInput
              control={control}
              op={test.op}
              type={type}
              value={test.value}
              onChange={(value) => onChange({ ...test, value })}
            />
          )}
        </FieldFrame>
      ) : null}
    </>
  );
}
