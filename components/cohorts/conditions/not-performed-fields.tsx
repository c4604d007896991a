import { type ConditionFieldsProps, fieldsOf } from './condition-fields';
import { EventNameField } from './event-name-field';
import { NumberField } from './inputs';

/** Did not perform an event (or any event, without one) in the last N days. */
export function NotPerformedFields({
  id,
  condition: c,
  onChange,
  error,
  events,
}: ConditionFieldsProps<'notPerformed'> & { events: string[] }) {
  const field = fieldsOf(id, c, onChange);
  return (
    <>
      <EventNameField
        id={id}
        label="Event (empty: any event)"
        events={events}
        value={c.event ?? ''}
        onChange={(event) => onChange({ ...c, event: event || undefined })}
      />
      <NumberField label="In the last N days" min={1} {...field('days')} error={error('days')} />
    </>
  );
}
