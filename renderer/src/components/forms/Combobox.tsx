import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';

interface ComboboxProps<T> {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  name?: string;
  /** Text shown in the input (the caller shows the chosen value in it). */
  text: string;
  onTextChange(text: string): void;
  search(query: string): Promise<T[]>;
  optionKey(option: T): string;
  renderOption(option: T): ReactNode;
  onSelect(option: T): void;
  /** Options always offered after the results (e.g. « Nouveau contact : … »). */
  extraOptions?(query: string): T[];
  /** Announced when the search finds nothing. */
  emptyMessage: string;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  required?: boolean;
  disabled?: boolean;
  /** Characters typed before searching (a commune or a ROME code needs a few to mean anything). */
  minChars?: number;
}

/**
 * ARIA 1.2 combobox with a listbox popup: type to search, ↓/↑ to move, Entrée to choose, Échap to
 * close. The active option is exposed with aria-activedescendant so focus never leaves the input.
 */
export function Combobox<T>(props: ComboboxProps<T>) {
  const { label, hint, error, name, text, onTextChange, optionKey, renderOption, onSelect, emptyMessage, inputRef, autoFocus, required, disabled, minChars = 1 } = props;
  const id = useId();
  const listId = `${id}-list`;
  const [results, setResults] = useState<T[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState('');
  const latestQuery = useRef('');
  const searchRef = useRef(props.search);
  searchRef.current = props.search;

  useEffect(() => {
    if (!open) return undefined;
    const query = text.trim();
    latestQuery.current = query;
    if (query.length < minChars) {
      setResults([]);
      setSearched('');
      return undefined;
    }
    const timer = window.setTimeout(() => {
      void searchRef.current(query).then(
        (found) => {
          // Only the answer to the latest keystroke is shown.
          if (latestQuery.current !== query) return;
          setResults(found);
          setActive(0);
          setSearched(query);
        },
        () => {
          if (latestQuery.current !== query) return;
          setResults([]);
          setActive(0);
          setSearched(query);
        },
      );
    }, 120);
    return () => window.clearTimeout(timer);
  }, [text, open, minChars]);

  const query = text.trim();
  const searchable = query.length >= minChars;
  const ready = open && searchable && searched === query;
  const options = ready ? [...results, ...(props.extraOptions?.(query) ?? [])] : [];
  const expanded = options.length > 0;

  function choose(option: T) {
    onSelect(option);
    setOpen(false);
    setResults([]);
    setSearched('');
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
      const option = expanded ? options[active] : undefined;
      // Choosing an option must not submit the surrounding form.
      if (option !== undefined) {
        event.preventDefault();
        choose(option);
      } else if (open && searchable) {
        // Results still on their way: wait rather than submit half-chosen.
        event.preventDefault();
      }
    } else if (event.key === 'Escape' && expanded) {
      // Close the list only; a second Échap closes the dialog around it.
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  }

  const status = ready ? (results.length === 0 ? emptyMessage : `${results.length} proposition${results.length > 1 ? 's' : ''}, flèches haut et bas pour choisir.`) : '';
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const activeIndex = expanded && active >= 0 && active < options.length ? active : -1;

  return (
    <div className="field combobox">
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <div className="combobox-wrap">
        <input
          ref={inputRef}
          id={id}
          name={name}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          autoFocus={autoFocus}
          disabled={disabled}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-required={required || undefined}
          aria-activedescendant={activeIndex >= 0 ? `${id}-opt-${activeIndex}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={text}
          onChange={(e) => {
            onTextChange(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => window.setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label={`${label} : propositions`} className="combobox-list" hidden={!expanded}>
          {options.map((option, index) => (
            <li
              key={optionKey(option)}
              id={`${id}-opt-${index}`}
              role="option"
              aria-selected={index === activeIndex}
              className={index === activeIndex ? 'active' : undefined}
              // mousedown, not click: keeps focus in the input so blur does not close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
            >
              {renderOption(option)}
            </li>
          ))}
        </ul>
      </div>
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
