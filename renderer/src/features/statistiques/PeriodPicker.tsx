import { PERIOD_KINDS, periodKindLabels, periodsPerYear, type PeriodKind, type StatsPeriod } from '../../../../shared/indicators/period';
import { SelectField } from '../../components/forms/SelectField';

const YEARS_BACK = 6;

function indexLabel(kind: PeriodKind, index: number): string {
  const rank = index === 1 ? '1er' : `${index}e`;
  return `${rank} ${kind === 'half' ? 'semestre' : 'trimestre'}`;
}

/** Année / semestre / trimestre: the fixed periods the federation statistics are built on. */
export function PeriodPicker({ period, onChange }: { period: StatsPeriod; onChange(period: StatsPeriod): void }) {
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i);
  if (!years.includes(period.year)) years.push(period.year);
  const indexes = Array.from({ length: periodsPerYear(period.kind) }, (_, i) => i + 1);
  return (
    <div className="stats-period" role="group" aria-label="Période">
      <SelectField
        label="Découpage"
        options={PERIOD_KINDS.map((k) => [k, periodKindLabels[k]] as const)}
        value={period.kind}
        onChange={(e) => {
          const kind = e.target.value as PeriodKind;
          onChange({ kind, year: period.year, index: Math.min(period.index, periodsPerYear(kind)) });
        }}
      />
      <SelectField
        label="Année"
        options={years.map((y) => [String(y), String(y)] as const)}
        value={String(period.year)}
        onChange={(e) => onChange({ ...period, year: Number(e.target.value) })}
      />
      {period.kind === 'year' ? null : (
        <SelectField
          label={period.kind === 'half' ? 'Semestre' : 'Trimestre'}
          options={indexes.map((i) => [String(i), indexLabel(period.kind, i)] as const)}
          value={String(period.index)}
          onChange={(e) => onChange({ ...period, index: Number(e.target.value) })}
        />
      )}
    </div>
  );
}
