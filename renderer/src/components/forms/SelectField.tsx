import { forwardRef, useId, type SelectHTMLAttributes } from 'react';

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  /** code → label, in display order; codes are what gets stored. */
  options: ReadonlyArray<readonly [string, string]>;
  /** Text of the empty option; omit to force a choice. */
  emptyLabel?: string;
  error?: string | undefined;
  hint?: string;
}

export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, options, emptyLabel, error, hint, id, ...select },
  ref,
) {
  const generated = useId();
  const selectId = id ?? generated;
  const describedBy = [hint ? `${selectId}-hint` : null, error ? `${selectId}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={selectId}>{label}</label>
      <select ref={ref} id={selectId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select}>
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
      {hint ? (
        <div id={`${selectId}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <div id={`${selectId}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
});

/** Turns a labels map into SelectField options, keeping the enum's order. */
export function optionsFrom<K extends string>(codes: readonly K[], labels: Record<K, string>): Array<readonly [K, string]> {
  return codes.map((code) => [code, labels[code]] as const);
}
