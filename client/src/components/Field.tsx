/** Labelled form controls with hint, live counter and field error (every input has a <label>). */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

interface FieldShell {
  label: ReactNode;
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
}

function Shell({ id, label, error, hint, required, className, children, counter }: FieldShell & { id: string; children: ReactNode; counter?: ReactNode }) {
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="req" aria-hidden="true">
            {" "}*
          </span>
        )}
      </label>
      {children}
      <div className="field-foot">
        {error ? (
          <span className="field-error" id={`${id}-err`} role="alert">
            {error}
          </span>
        ) : hint ? (
          <span className="field-hint" id={`${id}-hint`}>
            {hint}
          </span>
        ) : (
          <span />
        )}
        {counter}
      </div>
    </div>
  );
}

function describedBy(id: string, error?: string | null, hint?: ReactNode) {
  return error ? `${id}-err` : hint ? `${id}-hint` : undefined;
}

function Counter({ value, max }: { value: string; max?: number }) {
  if (!max) return null;
  const n = value.length;
  return <span className={`counter${n > max ? " counter-over" : ""}`}>{`${n}/${max}`}</span>;
}

export function TextField({ label, error, hint, required, className, maxChars, ...rest }: FieldShell & InputHTMLAttributes<HTMLInputElement> & { maxChars?: number }) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required} className={className} counter={<Counter value={String(rest.value ?? "")} max={maxChars} />}>
      <input id={id} aria-invalid={!!error} aria-required={required} aria-describedby={describedBy(id, error, hint)} {...rest} />
    </Shell>
  );
}

export function TextArea({ label, error, hint, required, className, maxChars, ...rest }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement> & { maxChars?: number }) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required} className={className} counter={<Counter value={String(rest.value ?? "")} max={maxChars} />}>
      <textarea id={id} aria-invalid={!!error} aria-required={required} aria-describedby={describedBy(id, error, hint)} {...rest} />
    </Shell>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ label, error, hint, required, className, options, placeholder, ...rest }: FieldShell & SelectHTMLAttributes<HTMLSelectElement> & { options: Option[]; placeholder?: string }) {
  const id = useId();
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <select id={id} aria-invalid={!!error} aria-required={required} aria-describedby={describedBy(id, error, hint)} {...rest}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function CheckboxField({ label, className, ...rest }: { label: ReactNode; className?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={`check${className ? ` ${className}` : ""}`}>
      <input id={id} type="checkbox" {...rest} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A group of radio buttons in a fieldset with a legend. */
export function RadioGroup<V extends string | number>({ legend, name, value, options, onChange, error, className }: { legend: ReactNode; name: string; value: V | null; options: { value: V; label: string }[]; onChange: (v: V) => void; error?: string | null; className?: string }) {
  const id = useId();
  return (
    <fieldset className={`radio-group${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <legend>{legend}</legend>
      <div className="radio-options">
        {options.map((o) => (
          <label key={String(o.value)} className={`radio-option${value === o.value ? " selected" : ""}`}>
            <input type="radio" name={`${name}-${id}`} checked={value === o.value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
