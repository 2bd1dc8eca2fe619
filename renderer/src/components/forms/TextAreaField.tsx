import { forwardRef, useId, type TextareaHTMLAttributes } from 'react';
import { LockIcon } from '../LockIcon';

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  error?: string | undefined;
  hint?: string;
  /** Marks the field as confidential (lock + tint): never printed for employers, never in statistics. */
  confidential?: boolean;
}

export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(
  { label, error, hint, confidential, id, rows = 4, ...area },
  ref,
) {
  const generated = useId();
  const areaId = id ?? generated;
  const describedBy = [hint || confidential ? `${areaId}-hint` : null, error ? `${areaId}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${confidential ? ' confidential' : ''}`}>
      <label htmlFor={areaId}>
        {confidential ? (
          <>
            <LockIcon />{' '}
          </>
        ) : null}
        {label}
      </label>
      <textarea ref={ref} id={areaId} rows={rows} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...area} />
      {hint || confidential ? (
        <div id={`${areaId}-hint`} className="field-hint">
          {confidential ? 'Confidentiel : jamais imprimé pour un employeur ni transmis dans les statistiques. ' : ''}
          {hint}
        </div>
      ) : null}
      {error ? (
        <div id={`${areaId}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
});
