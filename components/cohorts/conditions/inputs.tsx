import { Field, SelectField } from '@/components/ui/field';

// The inputs conditions are made of, over components/ui/field.tsx.

type Labelled = { id: string; label: string; error?: string };

/**
 * A whole number. Emptied, it stays empty in the filter (as undefined, which the type does not
 * admit), so the preview and the save name the field rather than guess a number.
 */
export function NumberField({
  value,
  min,
  onChange,
  ...labelled
}: Labelled & { value: number | undefined; min: number; onChange: (value: number) => void }) {
  return (
    <Field
      {...labelled}
      type="number"
      min={min}
      value={value ?? ''}
      onChange={(e) => onChange(e.target.value.trim() === '' ? (undefined as unknown as number) : Number(e.target.value))}
    />
  );
}

/** A day (yyyy-mm-dd), or undefined while empty. */
export function DateField({
  value,
  onChange,
  ...labelled
}: Labelled & { value: string | undefined; onChange: (value: string | undefined) => void }) {
  return <Field {...labelled} type="date" value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} />;
}

/** One of a few values, each with the words shown for it. */
export function ChoiceField<V extends string>({
  value,
  choices,
  onChange,
  ...labelled
}: Labelled & { value: V; choices: readonly (readonly [V, string])[]; onChange: (value: V) => void }) {
  return (
    <SelectField {...labelled} value={value} onChange={(e) => onChange(e.target.value as V)}>
      {choices.map(([choice, words]) => (
        <option key={choice} value={choice}>
          {words}
        </option>
      ))}
    </SelectField>
  );
}
