import { forwardRef, useId, type InputHTMLAttributes } from 'react';

export const CheckboxField = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string }>(
  function CheckboxField({ label, hint, id, ...input }, ref) {
    const generated = useId();
    const inputId = id ?? generated;
    return (
      <div className="checkbox">
        <input ref={ref} id={inputId} type="checkbox" aria-describedby={hint ? `${inputId}-hint` : undefined} {...input} />
        <label htmlFor={inputId}>{label}</label>
        {hint ? (
          <span id={`${inputId}-hint`} className="field-hint">
            {hint}
          </span>
        ) : null}
      </div>
    );
  },
);
