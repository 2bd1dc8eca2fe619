import { forwardRef, useId, type SelectHTMLAttributes } from 'react';

export interface OptionGroup {
  label: string;
  options: ReadonlyArray<readonly [string, string]>;
}

interface GroupedSelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  groups: readonly OptionGroup[];
  emptyLabel?: string;
  error?: string | undefined;
  hint?: string | undefined;
}

/** A select whose options are grouped (<optgroup>): ASP motifs by category, freins by ASP type. */
export const GroupedSelectField = forwardRef<HTMLSelectElement, GroupedSelectFieldProps>(function GroupedSelectField(
  { label, groups, emptyLabel, error, hint, id, ...select },
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
        {groups.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map(([code, text]) => (
              <option key={code} value={code}>
                {text}
              </option>
            ))}
          </optgroup>
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
