import { signalDefinitions } from '@/lib/signals/definitions';

import { type ConditionFieldsProps, fieldsOf } from './condition-fields';
import { ChoiceField } from './inputs';

const signals: [string, string][] = [['any', 'any signal'], ...signalDefinitions.map((s): [string, string] => [s.key, s.label])];

/** Accounts: currently in a signal, one or any. */
export function InSignalFields({ id, condition, onChange }: ConditionFieldsProps<'inSignal'>) {
  return <ChoiceField label="Signal" choices={signals} {...fieldsOf(id, condition, onChange)('signal')} />;
}
