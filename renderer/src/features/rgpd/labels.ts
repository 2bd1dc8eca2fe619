import type { RetentionAction, RetentionReason, RgpdValue } from '../../../../shared/ipc/rgpd';
import { formatDateShort } from '../../lib/format';

/** French wording of the audit log's action codes; an unknown code is shown as is. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'actions.delete': 'Action supprimée',
  'actions.save': 'Action enregistrée',
  'agenda.exportIcs': 'Export de l’agenda (ICS)',
  'contracts.delete': 'Contrat supprimé',
  'contracts.save': 'Contrat enregistré',
  'entretiens.create': 'Entretien créé',
  'entretiens.update': 'Entretien modifié',
  'entretiens.delete': 'Entretien supprimé',
  'entretiens.move': 'Entretien déplacé',
  'entretiens.readNotes': 'Lecture des notes d’un entretien',
  'formations.delete': 'Formation supprimée',
  'formations.save': 'Formation enregistrée',
  'freins.addAction': 'Action sur un frein',
  'freins.delete': 'Frein supprimé',
  'freins.save': 'Frein enregistré',
  'freins.setStatus': 'Statut d’un frein modifié',
  'grids.createTemplate': 'Modèle de grille créé',
  'grids.duplicateTemplate': 'Modèle de grille dupliqué',
  'grids.saveTemplate': 'Modèle de grille modifié',
  'grids.storeShippedTemplate': 'Modèle de grille fourni installé',
  'immersions.create': 'Immersion créée',
  'immersions.update': 'Immersion modifiée',
  'immersions.delete': 'Immersion supprimée',
  'immersions.readNotes': 'Lecture des notes d’une immersion',
  'immersions.exportBilan': 'Export du bilan d’immersion',
  'immersions.createBilan': 'Bilan d’immersion rédigé',
  'immersions.updateBilan': 'Bilan d’immersion modifié',
  'immersions.createGrid': 'Grille d’évaluation créée',
  'immersions.saveGrid': 'Grille d’évaluation modifiée',
  'immersions.planEvaluations': 'Évaluations planifiées',
  'immersions.createEvaluation': 'Évaluation enregistrée',
  'immersions.updateEvaluation': 'Évaluation modifiée',
  'immersions.deleteEvaluation': 'Évaluation supprimée',
  'immersions.renew': 'Immersion renouvelée',
  'immersions.setStep': 'Étape d’immersion',
  'immersions.transition': 'Statut d’une immersion modifié',
  'immersions.linkEntretien': 'Entretien lié à une immersion',
  'immersions.unlinkEntretien': 'Entretien détaché d’une immersion',
  'import.rome': 'Import du référentiel ROME',
  'import.salaries': 'Import de salariés (CSV)',
  'partners.addContact': 'Contact ajouté',
  'partners.create': 'Entreprise ou partenaire créé',
  'partners.update': 'Entreprise ou partenaire modifié',
  'partners.delete': 'Entreprise ou partenaire supprimé',
  'passIae.save': 'PASS IAE enregistré',
  'passIae.removePeriod': 'Période du PASS IAE supprimée',
  'projet.save': 'Projet professionnel enregistré',
  'referents.save': 'Référent enregistré',
  'rgpd.export': 'Export des données d’un salarié (RGPD)',
  'rgpd.saveRetention': 'Durées de conservation modifiées',
  'rgpd.purge': 'Dossier purgé',
  'rgpd.anonymise': 'Dossier anonymisé',
  'rgpd.clearNotes': 'Notes confidentielles effacées',
  'salaries.assignReferent': 'Référent attribué',
  'salaries.create': 'Fiche salarié créée',
  'salaries.delete': 'Fiche salarié supprimée',
  'salaries.restore': 'Fiche salarié restaurée',
  'salaries.revealConfidential': 'Lecture des informations confidentielles',
  'salaries.updateIdentity': 'Identité modifiée',
  'salaries.updateSituation': 'Situation à l’entrée modifiée',
  'settings.update': 'Paramètres modifiés',
  'sortie.cancel': 'Sortie annulée',
  'sortie.recordFollowUp': 'Suivi après la sortie',
  'sortie.save': 'Sortie enregistrée',
  'stats.confirm': 'Statistiques anonymisées confirmées pour l’envoi',
  'stats.aspReport': 'Export du rapport ASP (CSV)',
  'stats.pseudonym': 'Pseudonyme statistique créé',
  'structure.save': 'Structure enregistrée',
  'sync.enrol': 'Inscription auprès du siège',
  'sync.export': 'Export du lot statistique signé (fichier)',
  'sync.enqueue': 'Lot statistique mis en file d’envoi',
  'sync.acked': 'Lot statistique reçu par le siège',
  'sync.rejected': 'Lot statistique refusé par le siège',
  'sync.retry': 'Nouvel essai d’envoi au siège',
  'sync.mode': 'Mode de synchronisation modifié',
};

export function auditActionLabel(code: string): string {
  return AUDIT_ACTION_LABELS[code] ?? code;
}

export const retentionReasonLabels: Record<RetentionReason, string> = {
  deleted: 'Fiche supprimée',
  exit: 'Sortie ancienne',
  inactive: 'Dossier sans activité',
  notes: 'Notes après la sortie',
};

export const retentionActionLabels: Record<RetentionAction, string> = {
  purge: 'Purger (tout effacer)',
  anonymise: 'Anonymiser (garder les statistiques)',
  clearNotes: 'Effacer les notes confidentielles',
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** `23/11/2026 à 09:00` in local time. */
export function formatTimestamp(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()} à ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A stored value for reading: Oui/Non, French dates, « — » when empty. */
export function formatValue(value: RgpdValue | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'number') return new Intl.NumberFormat('fr-FR').format(value);
  if (ISO_DATE.test(value)) return formatDateShort(value);
  if (ISO_TIMESTAMP.test(value)) return formatTimestamp(value);
  return value;
}
