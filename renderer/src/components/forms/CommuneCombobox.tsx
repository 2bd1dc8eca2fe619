import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { call } from '../../bridge';

interface CommuneOption {
  code: string;
  name: string;
  departement: string;
  postcodes: string[];
}

/** Marks text typed but not chosen from the list: the contract's regex rejects it with its own French message. */
export const TYPED_COMMUNE_PREFIX = 'saisie:';

interface CommuneComboboxProps {
  label: string;
  /** INSEE code, `saisie:<text>` while the user has typed without choosing, or null. */
  value: string | null | undefined;
  onChange: (value: string | null) => void;
  onBlur?: () => void;
  error?: string | undefined;
  hint?: string;
}

export function communeLabel(c: { name: string; departement: string }): string {
  return `${c.name} (${c.departement})`;
}

/**
 * Commune of residence picked from the offline referential (ARIA 1.2 combobox with a listbox popup):
 * type a name or a postcode, move with the arrow keys, Enter chooses, Escape closes then clears.
 */
export function CommuneCombobox({ label, value, onChange, onBlur, error, hint }: CommuneComboboxProps) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [text, setText] = useState('');
  const [options, setOptions] = useState<CommuneOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const request = useRef(0);
  /** The value this component last emitted, so an external change (draft restored, reset) can be told apart. */
  const emitted = useRef<string | null | undefined>(undefined);

  // Show the name of a code set from outside (restored draft, reset): the form only holds the INSEE code.
  useEffect(() => {
    if (value === emitted.current) return undefined;
    emitted.current = value;
    if (!value) {
      setText('');
      return undefined;
    }
    if (value.startsWith(TYPED_COMMUNE_PREFIX)) {
      setText(value.slice(TYPED_COMMUNE_PREFIX.length));
      return undefined;
    }
    let cancelled = false;
    void call('communes.get', { code: value })
      .then((found) => {
        if (!cancelled) setText(found ? communeLabel(found) : value);
      })
      .catch(() => {
        if (!cancelled) setText(value);
      });
    return () => {
      cancelled = true;
    };
  }, [value]);

  const emit = (next: string | null) => {
    emitted.current = next;
    onChange(next);
  };

  const search = (query: string) => {
    const ticket = ++request.current;
    const trimmed = query.trim();
    if (trimmed === '') {
      setOptions([]);
      setOpen(false);
      setSearching(false);
      return;
    }
    setSearching(true);
    window.setTimeout(() => {
      if (ticket !== request.current) return;
      call('communes.search', { query: trimmed.slice(0, 80), limit: 10 })
        .then((found) => {
          // Only the answer to the latest keystroke is shown.
          if (ticket !== request.current) return;
          setOptions(found);
          setActive(found.length > 0 ? 0 : -1);
          setOpen(true);
        })
        .catch(() => {
          if (ticket === request.current) setOptions([]);
        })
        .finally(() => {
          if (ticket === request.current) setSearching(false);
        });
    }, 120);
  };

  const choose = (option: CommuneOption) => {
    request.current++;
    setText(communeLabel(option));
    setOpen(false);
    setOptions([]);
    setActive(-1);
    emit(option.code);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open && options.length > 0) setOpen(true);
        setActive((i) => (options.length === 0 ? -1 : (i + 1) % options.length));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((i) => (options.length === 0 ? -1 : (i - 1 + options.length) % options.length));
        break;
      case 'Enter': {
        const option = open ? options[active] : undefined;
        if (option) {
          // Choosing an option must not submit the surrounding form.
          event.preventDefault();
          choose(option);
        }
        break;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        } else if (text !== '') {
          event.preventDefault();
          setText('');
          emit(null);
        }
        break;
      default:
        break;
    }
  };

  const expanded = open && (options.length > 0 || !searching);
  const activeOption = expanded && active >= 0 ? options[active] : undefined;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(' ');

  return (
    <div className="field commune-field">
      <label htmlFor={id}>{label}</label>
      <div className="commune-wrap">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={activeOption ? `${id}-opt-${activeOption.code}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          value={text}
          onChange={(e) => {
            const next = e.target.value;
            setText(next);
            emit(next.trim() === '' ? null : `${TYPED_COMMUNE_PREFIX}${next}`);
            search(next);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            onBlur?.();
          }}
        />
        <ul id={listId} role="listbox" aria-label={`${label}\u00a0: suggestions`} className="commune-options" hidden={!expanded}>
          {options.map((option, index) => (
            <li
              key={option.code}
              id={`${id}-opt-${option.code}`}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : undefined}
              // mousedown, not click: keeps focus in the input so blur does not close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(option);
              }}
            >
              {communeLabel(option)}
              {option.postcodes.length > 0 ? <span className="commune-secondary"> {option.postcodes.slice(0, 3).join(', ')}</span> : null}
            </li>
          ))}
          {expanded && options.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled="true" className="commune-empty">
              Aucune commune trouvée. Vérifiez l’orthographe ou tapez le code postal.
            </li>
          ) : null}
        </ul>
      </div>
      <div id={hintId} className="field-hint">
        {hint ?? 'Tapez le nom ou le code postal, puis choisissez dans la liste.'}
      </div>
      {error ? (
        <div id={errorId} className="field-error" role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
