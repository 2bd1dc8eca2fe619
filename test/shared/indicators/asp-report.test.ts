import { describe, expect, it } from 'vitest';
import { aspReportCsv, computeAspReport } from '../../../shared/indicators/asp-report';
import { periodLabel, periodRange, previousPeriod, StatsPeriodSchema } from '../../../shared/indicators/period';
import type { PersonRecord, StatsRecords } from '../../../shared/indicators/records';

describe('statistics periods', () => {
  it('gives inclusive calendar bounds, the previous period and a French label', () => {
    expect(periodRange({ kind: 'year', year: 2026, index: 1 })).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(periodRange({ kind: 'half', year: 2024, index: 1 })).toEqual({ start: '2024-01-01', end: '2024-06-30' });
    expect(periodRange({ kind: 'quarter', year: 2024, index: 1 })).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(periodRange({ kind: 'quarter', year: 2026, index: 4 })).toEqual({ start: '2026-10-01', end: '2026-12-31' });
    expect(previousPeriod({ kind: 'quarter', year: 2026, index: 1 })).toEqual({ kind: 'quarter', year: 2025, index: 4 });
    expect(previousPeriod({ kind: 'half', year: 2026, index: 2 })).toEqual({ kind: 'half', year: 2026, index: 1 });
    expect(periodLabel({ kind: 'quarter', year: 2026, index: 3 })).toBe('3e trimestre 2026');
    expect(periodLabel({ kind: 'half', year: 2026, index: 1 })).toBe('1er semestre 2026');
    expect(StatsPeriodSchema.safeParse({ kind: 'half', year: 2026, index: 3 }).success).toBe(false);
  });
});

function person(over: Partial<PersonRecord> & { id: string }): PersonRecord {
  return {
    sex: '1',
    birthDate: '1970-01-01',
    entryDate: '2025-03-01',
    exitDate: null,
    qpv: false,
    zrr: false,
    situation: { educationLevel: '50', isEmployed: false, franceTravailRegistered: true, franceTravailSince: '04', rqth: false, rsa: 'OUI-NM', ass: false, aah: false },
    sortie: null,
    contracts: [{ startDate: '2025-03-01', endDate: null, hoursWorked: null, annexeId: 'af-2025' }],
    ...over,
  };
}

describe('ASP report', () => {
  const records: StatsRecords = {
    persons: [
      person({ id: 'a' }),
      person({ id: 'b', sex: '2', birthDate: '2001-05-05', situation: null, qpv: true, contracts: [{ startDate: '2025-03-01', endDate: null, hoursWorked: null, annexeId: null }] }),
      person({
        id: 'c',
        exitDate: '2026-06-30',
        sortie: { exitDate: '2026-06-30', motif: 'cdd_6_months_or_more', category: 'durable_employment', counts: true },
      }),
      person({ id: 'd', exitDate: '2026-02-01', sortie: { exitDate: '2026-02-01', motif: 'retirement', category: 'neutralised', counts: true } }),
      person({ id: 'e', exitDate: '2026-02-01', sortie: { exitDate: '2026-02-01', motif: 'unemployed', category: 'other_exit', counts: false } }),
      // Present but never under contract in 2026: not « ayant travaillé ».
      person({ id: 'f', contracts: [{ startDate: '2025-03-01', endDate: '2025-12-31', hoursWorked: 300, annexeId: 'af-2025' }] }),
    ],
    freins: [
      { personId: 'a', kind: 'health', status: 'in_progress', identifiedDate: '2025-04-01', closedDate: null, actions: [{ date: '2026-02-01', mode: 'internal' }, { date: '2026-03-01', mode: 'external' }] },
      { personId: 'a', kind: 'addiction', status: 'identified', identifiedDate: '2025-04-01', closedDate: null, actions: [] },
      { personId: 'b', kind: 'mobility', status: 'identified', identifiedDate: '2026-01-10', closedDate: null, actions: [{ date: '2025-12-01', mode: 'internal' }] },
    ],
    formations: [],
    entretiens: [],
    immersions: null,
    annexes: [{ id: 'af-2025', number: 'ACI059250012A0M0', startDate: '2025-01-01', endDate: '2025-12-31' }],
  };
  const report = computeAspReport(records, { kind: 'year', year: 2026, index: 1 });
  const value = (code: string) => report.profile.find((r) => r.code === code)?.value;

  it('fills the BenefSorties profile of salariés who worked during the period', () => {
    expect(value('2_total')).toBe(5);
    expect(value('2_hommes')).toBe(4);
    expect(value('2_femmes')).toBe(1);
    expect(value('2_rsa')).toBe(4);
    expect(value('2_qpv')).toBe(1);
    expect(value('2_moins_26')).toBe(1);
    expect(value('2_50_plus_sans_emploi')).toBe(4);
    expect(value('2_ft_24_plus')).toBe(4);
    expect(value('2_cap_bep')).toBe(4);
  });

  it('counts exits the ASP counts, by category and motif, and leaves « retrait » out of the examined total', () => {
    expect(report.exitsByCategory.find((c) => c.category === 'durable_employment')?.count).toBe(1);
    expect(report.exitsByCategory.find((c) => c.category === 'neutralised')?.count).toBe(1);
    expect(report.exitsByCategory.find((c) => c.category === 'other_exit')?.count).toBe(0);
    expect(report.exitsByMotif.map((m) => [m.motif, m.count])).toEqual([
      ['cdd_6_months_or_more', 1],
      ['retirement', 1],
    ]);
    expect(value('4_sorties')).toBe(1);
    expect(value('5_durable')).toBe(1);
  });

  it('rolls freins up per annexe financière: a person once per type, internal and external together', () => {
    const annexe = report.freins.find((g) => g.annexeId === 'af-2025')!;
    expect(annexe.annexeLabel).toBe('Annexe financière ACI059250012A0M0');
    expect(annexe.rows.find((r) => r.type === 'sante')).toMatchObject({ concerned: 1, internalOnly: 0, externalOnly: 0, internalAndExternal: 1 });
    const none = report.freins.find((g) => g.annexeId === null)!;
    // The only action was before the period: concerned, not accompanied in 2026.
    expect(none.rows.find((r) => r.type === 'mobilite')).toMatchObject({ concerned: 1, internalOnly: 0, externalOnly: 0, internalAndExternal: 0 });
    expect(report.freins.at(-1)?.annexeId).toBeNull();
  });

  it('exports a CSV Excel opens as is: BOM, semicolons, CRLF, quoted fields when needed', () => {
    const csv = aspReportCsv(report);
    expect(csv.startsWith('\uFEFFRapport ASP;Année 2026;du 01/01/2026 au 31/12/2026\r\n')).toBe(true);
    expect(csv).toContain('\r\n2 - Nombre total des salariés en insertion ayant travaillé sur la période;5\r\n');
    expect(csv).toContain('Annexe financière ACI059250012A0M0;Santé (addiction, souffrance et handicap psy, autres);1;0;0;1\r\n');
    expect(csv).not.toMatch(/[^\r]\n/);
    const quoted = aspReportCsv({ ...report, periodLabel: 'Année "test"; 2026' });
    expect(quoted.split('\r\n')[0]).toBe('\uFEFFRapport ASP;"Année ""test""; 2026";du 01/01/2026 au 31/12/2026');
  });

  it('labels the report with the period', () => {
    expect(report.periodLabel).toBe('Année 2026');
    expect(report.range).toEqual({ start: '2026-01-01', end: '2026-12-31' });
  });
});
