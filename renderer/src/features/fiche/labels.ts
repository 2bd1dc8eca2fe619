import { format, parseISO } from 'date-fns';
import { fr } from 'date-fns/locale';
import { contractInForce } from '../../../../shared/domain/contracts';
import type { SiaeKind } from '../../../../shared/domain/siae';
import type { SituationAtEntry } from '../../../../shared/domain/situation';
import type { ContractView } from '../../../../shared/ipc/parcours';
import type { SalarieFiche, TimelineEvent } from '../../../../shared/ipc/salaries';
import type { Structure } from '../../../../shared/ipc/structure';
import { formatCount } from '../../lib/format';

export const FICHE_TABS = [
  { slug: 'parcours', label: 'Parcours' },
  { slug: 'situation', label: 'Situation' },
  { slug: 'contrats', label: 'Contrats & PASS IAE' },
  { slug: 'freins', label: 'Freins' },
  { slug: 'projet', label: 'Projet' },
  { slug: 'formations', label: 'Formations' },
  { slug: 'sortie', label: 'Sortie' },
  { slug: 'actions', label: 'Actions' },
] as const;
export type FicheTab = (typeof FICHE_TABS)[number]['slug'];

export function tabFromSlug(slug: string | null): FicheTab {
  return FICHE_TABS.find((t) => t.slug === slug)?.slug ?? 'parcours';
}

export const timelineKindLabels: Record<TimelineEvent['kind'], string> = {
  entree: 'Entrée',
  contrat: 'Contrat',
  pass_iae: 'PASS IAE',
  frein: 'Frein',
  frein_action: 'Action sur un frein',
  formation: 'Formation',
  projet: 'Projet professionnel',
  sortie: 'Sortie',
  suivi: 'Suivi après la sortie',
  action: 'Action',
  entretien: 'Entretien',
  immersion: 'Immersion',
};

/** Yes/no facts of the situation at entry, worded for the form. */
export const situationFlagLabels: Partial<Record<keyof SituationAtEntry, string>> = {
  isEmployed: 'En emploi à l’embauche',
  resourceless: 'Sans ressources',
  franceTravailRegistered: 'Inscrit·e à France Travail',
  ass: 'Allocataire de l’ASS (allocation de solidarité spécifique)',
  aah: 'Allocataire de l’AAH (allocation aux adultes handicapés)',
  rqth: 'RQTH (reconnaissance de la qualité de travailleur handicapé)',
  oeth: 'OETH (bénéficiaire de l’obligation d’emploi des travailleurs handicapés)',
  aseExit: 'Sortant·e de l’ASE (aide sociale à l’enfance)',
  isolatedParent: 'Parent isolé',
  housingIssue: 'Sans hébergement ou hébergé·e (problème de logement)',
  refugee: 'Réfugié·e statutaire, protégé·e subsidiaire ou demandeur·se d’asile',
  detentionExitOrPpsmj: 'Sortant·e de détention ou personne placée sous main de justice',
  lowLevelInFrench: 'Niveau de français insuffisant',
  mobilityIssue: 'Problème de mobilité',
};

export const EMPTY_SITUATION: SituationAtEntry = {
  educationLevel: null,
  prescriberType: null,
  isEmployed: false,
  employerType: null,
  unemployedSince: null,
  resourceless: false,
  franceTravailRegistered: false,
  franceTravailSince: null,
  rqth: false,
  oeth: false,
  rsa: 'NON',
  rsaSince: null,
  ass: false,
  assSince: null,
  aah: false,
  aahSince: null,
  aseExit: false,
  isolatedParent: false,
  housingIssue: false,
  refugee: false,
  detentionExitOrPpsmj: false,
  lowLevelInFrench: false,
  mobilityIssue: false,
};

/** `1 jour`, `142 jours`, `1 234 jours`. */
export function daysText(n: number): string {
  return `${formatCount(n)} jour${Math.abs(n) > 1 ? 's' : ''}`;
}

export function hoursText(n: number | null): string {
  if (n === null) return '—';
  return `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(n)} h`;
}

/** `Novembre 2026`, for timeline groups. */
export function monthTitle(iso: string): string {
  const text = format(parseISO(iso), 'MMMM yyyy', { locale: fr });
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The contract in force today, else the most recent one. */
export function currentContract(contracts: readonly ContractView[], today: string): ContractView | null {
  const inForce = contractInForce(contracts, today);
  if (inForce) return inForce;
  let latest: ContractView | null = null;
  for (const c of contracts) if (latest === null || c.startDate > latest.startDate) latest = c;
  return latest;
}

/** The SIAE kind that decides allowed reasons and contract kinds: the current contract's, else the structure's. */
export function siaeKindOf(fiche: SalarieFiche, structure: Structure | null, today: string): SiaeKind | null {
  return currentContract(fiche.parcours.contracts, today)?.siaeKind ?? structure?.siaeKind ?? null;
}

export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n > 1 ? pluralForm : singular}`;
}
