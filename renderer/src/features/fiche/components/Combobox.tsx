import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';

interface ComboboxProps<T> {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  name?: string;
  /** Text shown in the input (controlled by the caller so it can show the chosen value). */
  text: string;
  onTextChange(text: string): void;
  search(query: string): Promise<T[]>;
  optionKey(option: T): string;
  optionLabel(option: T): string;
  onSelect(option: T): void;
  /** Announced when the search finds nothing. */
  emptyMessage: string;
  disabled?: boolean;
  minChars?: number;
}

/**
 * ARIA 1.2 combobox with a listbox popup: type to search, ↓/↑ to move, Entrée to choose, Échap to
 * close. The active option is exposed with aria-activedescendant so focus never leaves the input.
 */
export function Combobox<T>({
  label,
  hint,
  error,
  name,
  text,
  onTextChange,
  search,
  optionKey,
  optionLabel,
  onSelect,
  emptyMessage,
  disabled,
  minChars = 1,
}: ComboboxProps<T>) {
  const id = useId();
  const listId = `${id}-list`;
  const [options, setOptions] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState('');
  const query = useRef('');
  const searchRef = useRef(search);
  searchRef.current = search;

  useEffect(() => {
    if (!open) return undefined;
    const current = text.trim();
    if (current.length < minChars) {
      setOptions([]);
      setSearched('');
      return undefined;
    }
    query.current = current;
    const timer = window.setTimeout(() => {
      void searchRef.current(current).then(
        (found) => {
          if (query.current !== current) return;
          setOptions(found);
          setActive(found.length > 0 ? 0 : -1);
          setSearched(current);
        },
        () => {
          setOptions([]);
          setSearched(current);
        },
      );
    }, 120);
    return () => window.clearTimeout(timer);
  }, [text, open, minChars]);

  function choose(option: T) {
    onSelect(option);
    setOpen(false);
    setOptions([]);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open) setOpen(true);
      else if (options.length > 0) setActive((i) => (i + 1) % options.length);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (options.length > 0) setActive((i) => (i <= 0 ? options.length - 1 : i - 1));
    } else if (event.key === 'Enter') {
      const option = open ? options[active] : undefined;
      if (option !== undefined) {
        event.preventDefault();
        choose(option);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        // Close the list only; a second Échap closes the dialog around it.
        event.preventDefault();
        event.stopPropagation();
        setOpen(false);
      }
    }
  }

  const expanded = open && options.length > 0;
  const status =
    open && searched && searched === text.trim()
      ? options.length === 0
        ? emptyMessage
        : `${options.length} proposition${options.length > 1 ? 's' : ''}, flèches haut et bas pour choisir.`
      : '';
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const activeOption = expanded ? options[active] : undefined;

  return (
    <div className="field combobox">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={activeOption !== undefined ? `${id}-opt-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        value={text}
        onChange={(e) => {
          onTextChange(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => window.setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
      />
      <ul id={listId} role="listbox" aria-label={label} className="combobox-list" hidden={!expanded}>
        {options.map((option, index) => (
          <li
            key={optionKey(option)}
            id={`${id}-opt-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'active' : undefined}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(option);
            }}
          >
            {optionLabel(option)}
          </li>
        ))}
      </ul>
      {hint ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
      <div className="visually-hidden" role="status" aria-live="polite">
        {status}
      </div>
      {error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
