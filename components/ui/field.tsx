import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';

type Labelled = { id: string; label: string; hint?: string; error?: string };

/** What ties a control to its label, hint and error: spread it on the input, select or textarea. */
export type FieldControl = { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string };

/**
 * A label, the control `children` draws with the props that tie it to them, a hint, and an error
 * that is announced. For controls that are neither a plain input nor a select.
 */
export function FieldFrame({ id, label, hint, error, children }: Labelled & { children: (control: FieldControl) => ReactNode }) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, name: id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A labelled input whose error is announced and tied to it (aria-describedby). */
export function Field({ id, label, hint, error, ...input }: Labelled & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(control) => <input {...control} {...input} />}
    </FieldFrame>
  );
}

/** A labelled select, wired as Field is; `children` are its options. */
export function SelectField({ id, label, hint, error, children, ...select }: Labelled & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} {...select}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}
