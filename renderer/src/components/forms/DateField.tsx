import { useEffect, useId, useState } from 'react';
import { describeDate, typedDateToValue, valueToTypedDate } from '../../lib/dates';

interface DateFieldProps {
  label: string;
  value: string | null | undefined;
  onChange: (value: string | null) => void;
  onBlur?: () => void;
  error?: string | undefined;
  required?: boolean;
  name?: string;
  autoFocus?: boolean;
}

/**
 * A date typed the way a CIP types it (`23/11`, `demain`, `lundi`); the understood date is read back
 * in full (« lundi 23 novembre 2026 ») so a slip is caught before saving.
 */
export function DateField({ label, value, onChange, onBlur, error, required, name, autoFocus }: DateFieldProps) {
  const id = useId();
  const [text, setText] = useState(valueToTypedDate(value));
  useEffect(() => {
    // Follow external resets (draft restored, form reset) without fighting the user's typing.
    if (typedDateToValue(text) !== (value ?? null)) setText(valueToTypedDate(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
  const understood = describeDate(value);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="text"
        autoComplete="off"
        placeholder="JJ/MM/AAAA"
        autoFocus={autoFocus}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={[hintId, error ? errorId : null].filter(Boolean).join(' ')}
        onChange={(e) => {
          setText(e.target.value);
          onChange(typedDateToValue(e.target.value));
        }}
        onBlur={() => {
          if (value && !value.startsWith('invalide:')) setText(valueToTypedDate(value));
          onBlur?.();
        }}
      />
      <div id={hintId} className="field-hint">
        {understood ? `Soit le ${understood}.` : 'Ex. : 23/11/2026, 23/11, demain, lundi.'}
      </div>
      {error ? (
        <div id={errorId} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
