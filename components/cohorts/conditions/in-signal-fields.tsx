import { SelectField } from '@/components/ui/field';
import { signalDefinitions } from '@/lib/signals/definitions';
import type { ConditionFieldsProps } from './condition-fields';

/** Accounts: currently in a signal, one or any. */
export function InSignalFields({ id, condition: c, onChange }: ConditionFieldsProps<'inSignal'>) {
  return (
    <SelectField id={`${id}-signal`} label="Signal" value={c.signal} onChange={(e) => onChange({ ...c, signal: e.target.value })}>
      <option value="any">any signal</option>
      {signalDefinitions.map((s) => (
        <option key={s.key} value={s.key}>
          {s.label}
        </option>
      ))}
    </SelectField>
  );
}
