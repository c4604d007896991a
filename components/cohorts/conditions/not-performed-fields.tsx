import { Field } from '@/components/ui/field';
import { type ConditionFieldsProps, numberOr } from './condition-fields';
import { EventNameField } from './event-name-field';

/** Did not perform an event (or any event, without one) in the last N days. */
export function NotPerformedFields({
  id,
  condition: c,
  onChange,
  error,
  events,
}: ConditionFieldsProps<'notPerformed'> & { events: string[] }) {
  return (
    <>
      <EventNameField
        id={id}
        label="Event (empty: any event)"
        events={events}
        value={c.event ?? ''}
        onChange={(event) => onChange({ ...c, event: event || undefined })}
      />
      <Field
        id={`${id}-days`}
        label="In the last N days"
        type="number"
        min={1}
        value={c.days ?? ''}
        onChange={(e) => onChange({ ...c, days: numberOr(e.target.value) })}
        error={error('days')}
      />
    </>
  );
}
