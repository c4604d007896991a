import { FieldFrame } from '@/components/ui/field';

/** An event name, typed or picked from the events this environment has seen. */
export function EventNameField({
  id,
  label,
  events,
  value,
  onChange,
  error,
  placeholder,
}: {
  id: string;
  label: string;
  events: string[];
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
}) {
  return (
    <FieldFrame id={`${id}-event`} label={label} error={error}>
      {(control) => (
        <>
          <input
            {...control}
            list={`${id}-events`}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            placeholder={placeholder}
          />
          <datalist id={`${id}-events`}>
            {events.map((e) => (
              <option key={e} value={e} />
            ))}
          </datalist>
        </>
      )}
    </FieldFrame>
  );
}
