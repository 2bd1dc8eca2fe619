import { formatFrenchDate } from '../domain/calendar';
import { EXIT_CATEGORIES, EXIT_MOTIFS, exitCategoryLabels, exitMotifs, type ExitCategory } from '../domain/exits';
import { ASP_FREIN_TYPES, FREIN_KINDS, aspFreinTypeLabels, rollUpFreinsForAsp, type AspFreinType, type FreinKind } from '../domain/freins';
import { freinOpenDuring, isPresent } from './compute';
import { EDUCATION_GROUPS, ageCategories } from './dimensions';
import { overlaps, periodLabel, periodRange, within, type PeriodRange, type StatsPeriod } from './period';
import type { PersonRecord, StatsRecords } from './records';

/*
 * The report in the shape the SIAE gives the ASP and the DDETS (reference-systems §4.4–4.5):
 * exits by category and motif, freins per annexe financière (concerned / internal / external /
 * both) and the « BenefSorties » profile columns. Unsuppressed: it is the structure's own
 * declaration to its funder, not a federation statistic.
 */

export interface AspProfileRow {
  readonly code: string;
  readonly label: string;
  readonly value: number;
}

export interface AspFreinRow {
  readonly type: AspFreinType;
  readonly label: string;
  readonly concerned: number;
  readonly internalOnly: number;
  readonly externalOnly: number;
  readonly internalAndExternal: number;
}

export interface AspAnnexeFreins {
  /** Null: contracts without annexe financière. */
  readonly annexeId: string | null;
  readonly annexeLabel: string;
  readonly rows: readonly AspFreinRow[];
}

export interface AspReport {
  readonly period: StatsPeriod;
  readonly periodLabel: string;
  readonly range: PeriodRange;
  readonly profile: readonly AspProfileRow[];
  readonly exitsByCategory: ReadonlyArray<{ readonly category: ExitCategory; readonly label: string; readonly count: number }>;
  readonly exitsByMotif: ReadonlyArray<{ readonly motif: string; readonly label: string; readonly category: ExitCategory; readonly count: number }>;
  readonly freins: readonly AspAnnexeFreins[];
}

const FREIN_KIND_SET: ReadonlySet<string> = new Set(FREIN_KINDS);
const CATEGORY_SET: ReadonlySet<string> = new Set(EXIT_CATEGORIES);
const MOTIF_SET: ReadonlySet<string> = new Set(EXIT_MOTIFS);

function workedDuring(p: PersonRecord, range: PeriodRange): boolean {
  return p.contracts.some((c) => overlaps(c.startDate, c.endDate, range));
}

export function computeAspReport(records: StatsRecords, period: StatsPeriod): AspReport {
  const range = periodRange(period);
  const persons = [...records.persons].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // Exits: those the ASP counts (time-worked rule) dated within the period.
  const byCategory = new Map<ExitCategory, number>();
  const byMotif = new Map<string, number>();
  for (const p of persons) {
    const s = p.sortie;
    if (s === null || !s.counts || !within(s.exitDate, range) || !CATEGORY_SET.has(s.category) || !MOTIF_SET.has(s.motif)) continue;
    byCategory.set(s.category as ExitCategory, (byCategory.get(s.category as ExitCategory) ?? 0) + 1);
    byMotif.set(s.motif, (byMotif.get(s.motif) ?? 0) + 1);
  }
  const exitsByCategory = EXIT_CATEGORIES.map((category) => ({ category, label: exitCategoryLabels[category], count: byCategory.get(category) ?? 0 }));
  const exitsByMotif = EXIT_MOTIFS.filter((m) => (byMotif.get(m) ?? 0) > 0)
    .map((m) => ({ motif: m as string, label: exitMotifs[m].label, category: exitMotifs[m].category, count: byMotif.get(m) ?? 0 }))
    .sort((a, b) => EXIT_CATEGORIES.indexOf(a.category) - EXIT_CATEGORIES.indexOf(b.category));

  // Profile: salariés en insertion who worked during the period (a contract overlaps it).
  const worked = persons.filter((p) => isPresent(p, range) && workedDuring(p, range));
  const count = (test: (p: PersonRecord) => boolean) => worked.filter(test).length;
  const education = (p: PersonRecord) => (p.situation?.educationLevel ? EDUCATION_GROUPS[p.situation.educationLevel] : undefined);
  const age = (p: PersonRecord) => ageCategories(p.birthDate, p.entryDate).age;
  const counted = exitsByCategory.filter((c) => c.category !== 'neutralised').reduce((s, c) => s + c.count, 0);
  const exitsOf = (category: ExitCategory) => byCategory.get(category) ?? 0;
  const profile: AspProfileRow[] = [
    { code: '2_total', label: '2 - Nombre total des salariés en insertion ayant travaillé sur la période', value: worked.length },
    { code: '2_hommes', label: '2 - Dont hommes', value: count((p) => p.sex === '1') },
    { code: '2_femmes', label: '2 - Dont femmes', value: count((p) => p.sex === '2') },
    { code: '2_rsa', label: '2 - Dont bénéficiaires du RSA', value: count((p) => (p.situation?.rsa ?? 'NON') !== 'NON') },
    { code: '2_ass', label: '2 - Dont bénéficiaires de l’ASS', value: count((p) => p.situation?.ass === true) },
    { code: '2_aah', label: '2 - Dont bénéficiaires de l’AAH', value: count((p) => p.situation?.aah === true) },
    { code: '2_rqth', label: '2 - Dont RQTH', value: count((p) => p.situation?.rqth === true) },
    { code: '2_zrr', label: '2 - Dont résidants en ZRR', value: count((p) => p.zrr) },
    { code: '2_qpv', label: '2 - Dont résidants en QPV', value: count((p) => p.qpv) },
    { code: '2_moins_26', label: '2 - Dont jeunes de moins de 26 ans', value: count((p) => age(p) === 'under_26') },
    {
      code: '2_50_plus_sans_emploi',
      label: '2 - Dont personnes sans emploi de 50 ans et plus',
      value: count((p) => age(p) === '50_plus' && p.situation?.isEmployed === false),
    },
    {
      code: '2_ft_12_23',
      label: '2 - Dont inscrits à France Travail (ex-Pôle emploi) depuis 12 à 23 mois',
      value: count((p) => p.situation?.franceTravailRegistered === true && p.situation.franceTravailSince === '03'),
    },
    {
      code: '2_ft_24_plus',
      label: '2 - Dont inscrits à France Travail (ex-Pôle emploi) depuis 24 mois et plus',
      value: count((p) => p.situation?.franceTravailRegistered === true && p.situation.franceTravailSince === '04'),
    },
    { code: '2_cap_bep', label: '2 - Dont niveau CAP – BEP', value: count((p) => education(p) === 'cap_bep') },
    { code: '2_non_certifiant', label: '2 - Dont qualifications non certifiantes', value: count((p) => education(p) === 'non_certifying') },
    { code: '2_infra_cap', label: '2 - Dont niveau inférieur au CAP', value: count((p) => education(p) === 'below_cap') },
    { code: '4_sorties', label: '4 - Total des sorties examinées (hors retrait des sorties constatées)', value: counted },
    { code: '5_durable', label: '5 - Total des sorties dans l’emploi durable', value: exitsOf('durable_employment') },
    { code: '6_transition', label: '6 - Total des sorties dans l’emploi de transition', value: exitsOf('transitional_employment') },
    { code: '7_positives', label: '7 - Total des sorties positives', value: exitsOf('positive_exit') },
  ];

  // Freins per annexe financière: the persons whose contracts of the period belong to it.
  const present = persons.filter((p) => isPresent(p, range));
  const annexesOf = new Map<string, Set<string | null>>();
  for (const p of present) {
    const set = new Set<string | null>();
    for (const c of p.contracts) if (overlaps(c.startDate, c.endDate, range)) set.add(c.annexeId);
    if (set.size === 0) set.add(null);
    annexesOf.set(p.id, set);
  }
  const freins = records.freins.filter((f) => annexesOf.has(f.personId) && FREIN_KIND_SET.has(f.kind) && freinOpenDuring(f, range));
  const groups = new Map<string | null, (typeof freins)[number][]>();
  for (const f of freins) {
    for (const annexe of annexesOf.get(f.personId) ?? []) {
      const list = groups.get(annexe) ?? [];
      list.push(f);
      groups.set(annexe, list);
    }
  }
  const numberOf = new Map(records.annexes.map((a) => [a.id, a.number]));
  const freinGroups: AspAnnexeFreins[] = [...groups.entries()]
    .map(([annexeId, list]) => {
      const rolled = rollUpFreinsForAsp(
        list.map((f) => ({ personId: f.personId, kind: f.kind as FreinKind, actions: f.actions.map((a) => ({ date: a.date, mode: a.mode })) })),
        { from: range.start, to: range.end },
      );
      return {
        annexeId,
        annexeLabel: annexeId === null ? 'Sans annexe financière' : `Annexe financière ${numberOf.get(annexeId) ?? annexeId}`,
        rows: ASP_FREIN_TYPES.map((type) => ({ type, label: aspFreinTypeLabels[type], ...rolled[type] })),
      };
    })
    .sort((a, b) => (a.annexeId === null ? 1 : b.annexeId === null ? -1 : a.annexeLabel.localeCompare(b.annexeLabel, 'fr')));

  return { period, periodLabel: periodLabel(period), range, profile, exitsByCategory, exitsByMotif, freins: freinGroups };
}

// ── CSV for Excel: UTF-8 with BOM, `;` separator, CRLF ─────────────────────────

function csvField(value: string | number): string {
  const s = String(value);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvLine(values: ReadonlyArray<string | number>): string {
  return values.map(csvField).join(';');
}

export function aspReportCsv(report: AspReport): string {
  const lines: string[] = [
    csvLine(['Rapport ASP', report.periodLabel, `du ${formatFrenchDate(report.range.start)} au ${formatFrenchDate(report.range.end)}`]),
    '',
    csvLine(['Profil des salariés en insertion (BenefSorties)']),
    csvLine(['Rubrique', 'Valeur']),
    ...report.profile.map((r) => csvLine([r.label, r.value])),
    '',
    csvLine(['Sorties par catégorie']),
    csvLine(['Catégorie', 'Sorties']),
    ...report.exitsByCategory.map((r) => csvLine([r.label, r.count])),
    '',
    csvLine(['Sorties par motif']),
    csvLine(['Catégorie', 'Motif', 'Sorties']),
    ...report.exitsByMotif.map((r) => csvLine([exitCategoryLabels[r.category], r.label, r.count])),
    '',
    csvLine(['Freins par annexe financière']),
    csvLine(['Annexe financière', 'Type de frein', 'Salariés concernés', 'Accompagnés en interne', 'Accompagnés en externe', 'Accompagnés en interne et en externe']),
    ...report.freins.flatMap((g) => g.rows.map((r) => csvLine([g.annexeLabel, r.label, r.concerned, r.internalOnly, r.externalOnly, r.internalAndExternal]))),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
