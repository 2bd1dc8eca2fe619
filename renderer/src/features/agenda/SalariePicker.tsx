import { useState } from 'react';
import type { SalarieListRow } from '../../../../shared/ipc/salaries';
import { call } from '../../bridge';
import { Combobox } from '../../components/forms/Combobox';

export interface PickedSalarie {
  id: string;
  name: string;
  referentId: string | null;
  referentName: string | null;
}

export function pickedFromRow(row: SalarieListRow): PickedSalarie {
  return { id: row.id, name: `${row.firstName} ${row.lastName}`, referentId: row.referentId, referentName: row.referentName };
}

/** Searchable choice of a salarié in parcours (name, first name or birth name; accents ignored). */
export function SalariePicker({
  value,
  onChange,
  error,
  autoFocus,
}: {
  value: PickedSalarie | null;
  onChange(value: PickedSalarie | null): void;
  error?: string | undefined;
  autoFocus?: boolean;
}) {
  const [text, setText] = useState(value?.name ?? '');
  return (
    <Combobox<SalarieListRow>
      label="Salarié·e"
      name="salarieId"
      required
      autoFocus={autoFocus}
      hint="Tapez le nom ou le prénom, puis choisissez dans la liste."
      error={error}
      text={text}
      onTextChange={(next) => {
        setText(next);
        if (value) onChange(null);
      }}
      search={(query) => call('salaries.list', { query: query.slice(0, 100), status: 'en_parcours', limit: 10 }).then((r) => r.rows)}
      optionKey={(row) => row.id}
      renderOption={(row) => (
        <>
          {row.lastName.toUpperCase()} {row.firstName}
          {row.referentName ? <span className="combobox-secondary"> — suivi·e par {row.referentName}</span> : null}
        </>
      )}
      onSelect={(row) => {
        const picked = pickedFromRow(row);
        setText(picked.name);
        onChange(picked);
      }}
      emptyMessage="Aucun salarié en parcours ne correspond."
    />
  );
}
