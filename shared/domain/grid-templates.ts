import { z } from 'zod';
import type { ImmersionObjective } from './immersions';

/*
 * Evaluation grids (domain.md §4.3): « individualisée en fonction des objectifs définis lors du
 * premier entretien tripartite » — a simple satisfaction questionnaire on integration in the
 * workplace for a découverte, and for a validation des compétences a table of the expected
 * professional competences (ROME fiches) with the level reached and open questions for the
 * salarié's and the host's opinions. Templates are versioned; each immersion gets its own copy.
 */

export const GRID_KINDS = ['competences', 'satisfaction'] as const;
export type GridKind = (typeof GRID_KINDS)[number];
export const GridKindSchema = z.enum(GRID_KINDS);
export const gridKindLabels: Record<GridKind, string> = {
  competences: 'Tableau de compétences (validation des compétences, recrutement)',
  satisfaction: 'Questionnaire de satisfaction (découverte)',
};

/** The grid an objective calls for. */
export const gridKindByObjective: Record<ImmersionObjective, GridKind> = {
  discovery: 'satisfaction',
  skills_validation: 'competences',
  recruitment: 'competences',
};

export const GRID_SECTIONS = ['professionnel', 'savoir_etre', 'integration'] as const;
export type GridSection = (typeof GRID_SECTIONS)[number];
export const GridSectionSchema = z.enum(GRID_SECTIONS);
export const gridSectionLabels: Record<GridSection, string> = {
  professionnel: 'Compétences professionnelles',
  savoir_etre: 'Savoir-être professionnels',
  integration: 'Intégration dans le milieu professionnel',
};

// ── Scale ───────────────────────────────────────────────────────────────────────

export const ScaleLevelSchema = z
  .object({
    code: z.string().trim().min(1).max(40).regex(/^[a-z0-9_]+$/, { error: 'Code de niveau : lettres minuscules, chiffres et « _ ».' }),
    label: z.string().trim().min(1, { error: 'Libellé du niveau : champ obligatoire.' }).max(60),
    /** What the level means, printed at the top of the blank grid. */
    description: z.string().trim().max(200).default(''),
    /** False for « non évalué »: the situation did not come up; left out of the progression. */
    evaluated: z.boolean(),
    /** The level counts as reached (« acquis », « satisfaisant »). */
    reached: z.boolean(),
  })
  .strict();
export type ScaleLevel = z.output<typeof ScaleLevelSchema>;

/** Lowest to highest; codes unique; at least two evaluated levels, at least one reached, the lowest evaluated one not reached. */
export const ScaleSchema = z
  .array(ScaleLevelSchema)
  .min(2)
  .max(7)
  .superRefine((levels, ctx) => {
    const codes = new Set<string>();
    levels.forEach((l, i) => {
      if (codes.has(l.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: 'Deux niveaux ont le même code.' });
      codes.add(l.code);
      if (!l.evaluated && l.reached) ctx.addIssue({ code: 'custom', path: [i, 'reached'], message: 'Un niveau « non évalué » ne peut pas compter comme atteint.' });
    });
    const evaluated = levels.filter((l) => l.evaluated);
    if (evaluated.length < 2) ctx.addIssue({ code: 'custom', path: [], message: 'L’échelle compte au moins deux niveaux évalués.' });
    if (!evaluated.some((l) => l.reached)) ctx.addIssue({ code: 'custom', path: [], message: 'Au moins un niveau de l’échelle compte comme atteint (« acquis »).' });
    if (evaluated[0]?.reached) ctx.addIssue({ code: 'custom', path: [], message: 'Le niveau le plus bas de l’échelle ne peut pas compter comme atteint.' });
  });

/** Fiche 1: « compétences non acquises, acquises partiellement, totalement acquises… », plus « non évalué ». */
export const DEFAULT_SCALE: readonly ScaleLevel[] = [
  { code: 'non_evalue', label: 'Non évalué', description: 'La situation ne s’est pas présentée pendant la période.', evaluated: false, reached: false },
  { code: 'non_acquis', label: 'Non acquis', description: 'Ne sait pas encore le faire, même accompagné·e.', evaluated: true, reached: false },
  { code: 'en_cours', label: 'En cours d’acquisition', description: 'Le fait avec de l’aide ou pas encore régulièrement.', evaluated: true, reached: false },
  { code: 'acquis', label: 'Acquis', description: 'Le fait seul·e, correctement et régulièrement.', evaluated: true, reached: true },
];

export const SATISFACTION_SCALE: readonly ScaleLevel[] = [
  { code: 'non_evalue', label: 'Non évalué', description: 'Sans objet ou pas observé.', evaluated: false, reached: false },
  { code: 'pas_satisfaisant', label: 'Pas satisfaisant', description: 'Pose problème, à travailler en priorité.', evaluated: true, reached: false },
  { code: 'a_ameliorer', label: 'À améliorer', description: 'Correct par moments, à renforcer.', evaluated: true, reached: false },
  { code: 'satisfaisant', label: 'Satisfaisant', description: 'Répond aux attentes.', evaluated: true, reached: true },
  { code: 'tres_satisfaisant', label: 'Très satisfaisant', description: 'Au-delà des attentes.', evaluated: true, reached: true },
];

// ── Template content (one immutable version) ────────────────────────────────────

export const GridItemSchema = z
  .object({
    /** Stable within a template's versions (keeps the link between an item and its rewordings). */
    key: z.string().min(1).max(64),
    section: GridSectionSchema,
    label: z.string().trim().min(1, { error: 'Intitulé de l’item : champ obligatoire.' }).max(300, { error: 'Intitulé de l’item : 300 caractères au plus.' }),
  })
  .strict();
export type GridItem = z.output<typeof GridItemSchema>;

export const GridContentSchema = z
  .object({
    kind: GridKindSchema,
    description: z.string().trim().max(1000).default(''),
    scale: ScaleSchema,
    items: z.array(GridItemSchema).min(1, { error: 'La grille compte au moins un item.' }).max(40, { error: 'La grille compte au plus 40 items.' }),
  })
  .strict();
export type GridContent = z.output<typeof GridContentSchema>;

// ── Shared blocks ──────────────────────────────────────────────────────────────

/** Savoir-être block shared by every trade template, written as observable behaviours. */
export const SAVOIR_ETRE_ITEMS: readonly GridItem[] = [
  { key: 'se_ponctualite', section: 'savoir_etre', label: 'Ponctualité et assiduité : arrive à l’heure, prévient avant une absence ou un retard' },
  { key: 'se_consignes', section: 'savoir_etre', label: 'Respect des consignes et de la sécurité : applique les consignes reçues, porte ses équipements de protection' },
  { key: 'se_equipe', section: 'savoir_etre', label: 'Intégration dans l’équipe : échange avec ses collègues, demande de l’aide quand c’est nécessaire' },
  { key: 'se_relation', section: 'savoir_etre', label: 'Relation client / usager : salue, reste courtois·e, oriente la personne vers le bon interlocuteur' },
  { key: 'se_autonomie', section: 'savoir_etre', label: 'Autonomie : enchaîne les tâches sans relance une fois la consigne comprise' },
  { key: 'se_interet', section: 'savoir_etre', label: 'Intérêt pour le métier : pose des questions, se montre curieux·se des tâches et des outils' },
];

/** The découverte questionnaire: integration in the workplace, then both parties' satisfaction. */
export const INTEGRATION_ITEMS: readonly GridItem[] = [
  { key: 'in_accueil', section: 'integration', label: 'Accueil et prise de repères : connaît les lieux, les horaires et les personnes à qui s’adresser' },
  { key: 'in_ponctualite', section: 'integration', label: 'Ponctualité et assiduité : arrive à l’heure, prévient avant une absence ou un retard' },
  { key: 'in_consignes', section: 'integration', label: 'Respect des consignes et des règles de sécurité du lieu de travail' },
  { key: 'in_equipe', section: 'integration', label: 'Intégration dans l’équipe : échange avec ses collègues, participe à la vie de l’équipe' },
  { key: 'in_relation', section: 'integration', label: 'Relation avec les clients ou les usagers' },
  { key: 'in_autonomie', section: 'integration', label: 'Autonomie dans les tâches confiées' },
  { key: 'in_interet', section: 'integration', label: 'Intérêt pour le métier et le secteur découverts' },
  { key: 'in_satisfaction_salarie', section: 'integration', label: 'Satisfaction du salarié : le métier découvert correspond à ce qu’il ou elle imaginait' },
  { key: 'in_satisfaction_accueil', section: 'integration', label: 'Satisfaction de la structure d’accueil sur le déroulement de l’immersion' },
];

// ── The shipped library ─────────────────────────────────────────────────────────

export interface ShippedTemplate {
  /** Stable id: editing a shipped template stores its new versions under this id. */
  id: string;
  name: string;
  romeCode: string | null;
  romeLabel: string | null;
  content: GridContent;
}

/** Bumped when templates are added to the library; existing ones are never rewritten under the user. */
export const GRID_LIBRARY_VERSION = '2026-11-23';

function trade(id: string, name: string, romeCode: string, romeLabel: string, competences: readonly string[]): ShippedTemplate {
  return {
    id: `modele-${id}`,
    name,
    romeCode,
    romeLabel,
    content: {
      kind: 'competences',
      description: `Compétences attendues du métier (fiche ROME ${romeCode}), à individualiser au premier entretien tripartite.`,
      scale: [...DEFAULT_SCALE],
      items: [...competences.map((label, i) => ({ key: `pro_${i + 1}`, section: 'professionnel' as const, label })), ...SAVOIR_ETRE_ITEMS],
    },
  };
}

/** Trades most common in IAE (La Pose's activities, Fiche 1; IAE_COMMON_ROME) — competences as observable behaviours. */
export const SHIPPED_TEMPLATES: readonly ShippedTemplate[] = [
  {
    id: 'modele-decouverte',
    name: 'Questionnaire de satisfaction — immersion découverte',
    romeCode: null,
    romeLabel: null,
    content: {
      kind: 'satisfaction',
      description: 'Questionnaire simple sur l’intégration dans le milieu professionnel, rempli avec le salarié et la structure d’accueil.',
      scale: [...SATISFACTION_SCALE],
      items: [...INTEGRATION_ITEMS],
    },
  },
  trade('agent-entretien', 'Agent·e d’entretien', 'K2204', 'Nettoyage de locaux', [
    'Prépare son chariot et ses produits selon le planning et le protocole du site',
    'Respecte les dosages et les pictogrammes de sécurité des produits',
    'Applique la méthode de nettoyage adaptée à la surface (sols, sanitaires, vitres basses, mobilier)',
    'Trie et évacue les déchets selon les consignes du site',
    'Range et nettoie son matériel en fin de service',
    'Signale au responsable une anomalie ou un équipement défectueux',
  ]),
  trade('gardien-immeuble', 'Gardien·ne d’immeuble', 'K2501', 'Gardiennage de locaux', [
    'Nettoie les parties communes et sort les conteneurs selon le planning',
    'Fait le tour de l’immeuble et repère les dégradations ou dysfonctionnements',
    'Transmet au bailleur une demande d’intervention claire et complète',
    'Accueille et renseigne les locataires avec courtoisie',
    'Distribue ou affiche les informations destinées aux locataires',
    'Applique les consignes de sécurité (accès, incendie, produits)',
  ]),
  trade('agent-accueil', 'Agent·e d’accueil', 'M1601', 'Accueil et renseignements', [
    'Accueille chaque visiteur dès son arrivée et identifie sa demande',
    'Renseigne ou oriente vers le bon service ou interlocuteur',
    'Répond au téléphone, prend un message complet et le transmet',
    'Tient à jour le registre des visites ou le planning des rendez-vous',
    'Garde son calme face à une personne mécontente et passe le relais si besoin',
    'Respecte la confidentialité des informations reçues',
  ]),
  trade('espaces-verts', 'Ouvrier·e des espaces verts', 'A1203', 'Aménagement et entretien des espaces verts', [
    'Tond, débroussaille et ramasse les végétaux selon les consignes du chantier',
    'Taille les haies et arbustes à la forme demandée',
    'Désherbe et entretient les massifs sans abîmer les plantations',
    'Utilise les outils et machines en portant ses équipements de protection',
    'Vérifie, nettoie et range le matériel en fin de journée',
    'Balise la zone de travail pour la sécurité du public',
  ]),
  trade('maraichage', 'Maraîcher·ère', 'A1414', 'Horticulture et maraîchage', [
    'Prépare le sol et réalise les semis ou plantations selon le plan de culture',
    'Arrose, désherbe et entretient les cultures',
    'Récolte les légumes au bon stade et sans les abîmer',
    'Lave, trie et conditionne les légumes pour la vente ou les paniers',
    'Utilise les outils manuels et le petit matériel en sécurité',
    'Note les travaux réalisés sur le tableau de suivi des cultures',
  ]),
  trade('logistique', 'Agent·e de manutention et de logistique', 'N1103', 'Magasinage et préparation de commandes', [
    'Réceptionne une livraison et la contrôle avec le bon de livraison',
    'Range les marchandises à l’emplacement prévu',
    'Prépare une commande à partir d’un bon ou d’un terminal, sans erreur',
    'Porte et déplace les charges avec les gestes et postures appris',
    'Utilise le transpalette manuel en sécurité',
    'Emballe et étiquette les colis pour l’expédition',
    'Garde son poste de travail rangé et les allées dégagées',
  ]),
  trade('commis-cuisine', 'Commis de cuisine', 'G1602', 'Personnel de cuisine', [
    'Applique les règles d’hygiène (tenue, lavage des mains, marche en avant)',
    'Épluche, lave et taille les légumes selon la fiche technique',
    'Prépare les entrées et desserts simples selon la fiche technique',
    'Range les livraisons en respectant la chaîne du froid',
    'Étiquette les préparations et relève les températures',
    'Nettoie et désinfecte son poste et le matériel',
  ]),
  trade('aide-domicile', 'Aide à domicile', 'K1302', "Assistance auprès d'adultes", [
    'Se présente et respecte les habitudes et l’intimité de la personne aidée',
    'Entretient le logement et le linge selon les consignes',
    'Prépare un repas simple adapté au régime de la personne',
    'Accompagne la personne dans ses courses ou ses déplacements',
    'Repère un changement dans l’état de la personne et le signale au responsable',
    'Renseigne le cahier de liaison à chaque intervention',
  ]),
  trade('employe-vente', 'Employé·e de vente', 'D1507', 'Mise en rayon libre-service', [
    'Met en rayon en respectant le plan et la rotation des produits',
    'Vérifie les dates et retire les produits périmés ou abîmés',
    'Pose et contrôle les étiquettes de prix',
    'Renseigne un client sur l’emplacement d’un produit',
    'Fait le facing et garde le rayon propre et rangé',
    'Participe à l’inventaire en comptant sans erreur',
  ]),
  trade('tri-recyclage', 'Agent·e de tri et de recyclage', 'K2304', 'Revalorisation de produits industriels', [
    'Identifie les matières et les trie selon les consignes du centre',
    'Repère et écarte les produits dangereux ou indésirables',
    'Alimente le poste de tri au rythme de la chaîne',
    'Teste ou démonte un objet selon la procédure de revalorisation',
    'Porte ses équipements de protection pendant toute la journée',
    'Range et nettoie la zone de tri en fin de poste',
  ]),
  trade('peintre-batiment', 'Peintre en bâtiment', 'F1606', 'Peinture en bâtiment', [
    'Protège les sols, meubles et menuiseries avant les travaux',
    'Prépare les supports : lessivage, ponçage, rebouchage',
    'Applique une sous-couche et une peinture au rouleau et à la brosse, sans coulure',
    'Réalise les rechampis et les angles proprement',
    'Monte et utilise un escabeau ou un échafaudage roulant en sécurité',
    'Nettoie ses outils et laisse le chantier propre',
  ]),
  trade('proprete-urbaine', 'Agent·e de propreté urbaine', 'K2303', 'Nettoyage des espaces urbains', [
    'Balaie et ramasse les déchets sur le secteur selon le circuit prévu',
    'Vide les corbeilles de rue et remplace les sacs',
    'Signale les dépôts sauvages, tags ou dégradations',
    'Utilise le matériel (souffleur, aspirateur urbain) en sécurité',
    'Reste visible et attentif·ve à la circulation et aux passants',
    'Trie les déchets collectés selon les filières de la collectivité',
  ]),
];

export function findShippedTemplate(id: string): ShippedTemplate | undefined {
  return SHIPPED_TEMPLATES.find((t) => t.id === id);
}

/**
 * The template to offer for an immersion: for a découverte the satisfaction questionnaire; otherwise
 * the trade template of that ROME code, else none (the user picks one or builds it).
 */
export function suggestedTemplateId<T extends { id: string; kind: GridKind; romeCode: string | null }>(
  templates: readonly T[],
  objective: ImmersionObjective,
  romeCode: string | null,
): string | null {
  const kind = gridKindByObjective[objective];
  const sameKind = templates.filter((t) => t.kind === kind);
  const byRome = romeCode ? sameKind.find((t) => t.romeCode === romeCode) : undefined;
  if (byRome) return byRome.id;
  if (kind === 'satisfaction') return sameKind[0]?.id ?? null;
  return null;
}

// ── Progression ─────────────────────────────────────────────────────────────────

export interface ProgressionItemInput {
  id: string;
  section: GridSection;
  label: string;
  removed: boolean;
}

export interface ProgressionEvaluationInput {
  id: string;
  date: string;
  kind: 'hebdomadaire' | 'finale';
  ratings: readonly { itemId: string; levelCode: string | null }[];
}

export type ItemOutcome = 'atteint' | 'en_progres' | 'non_atteint' | 'non_evalue';

export interface ProgressionPoint {
  evaluationId: string;
  levelCode: string | null;
  levelLabel: string | null;
  /** 0 = lowest evaluated level; null when not evaluated at that session. */
  rank: number | null;
}

export interface ProgressionRow {
  itemId: string;
  section: GridSection;
  label: string;
  removed: boolean;
  points: ProgressionPoint[];
  /** The latest evaluated level. */
  latest: ProgressionPoint | null;
  outcome: ItemOutcome;
  /** Rank change from the first to the latest evaluated level. */
  delta: number | null;
}

export interface Progression {
  /** Evaluations carried out, oldest first. */
  evaluations: { id: string; date: string; kind: 'hebdomadaire' | 'finale' }[];
  /** Evaluated levels, lowest first (the chart's vertical axis). */
  levels: { code: string; label: string; reached: boolean }[];
  rows: ProgressionRow[];
  reached: string[];
  remaining: string[];
  notEvaluated: string[];
}

/**
 * Per item, its level at each evaluation (oldest first) and where it stands: reached at the latest
 * evaluation that rated it, progressing (below, but higher than at first), not reached, or never
 * evaluated. Removed items appear only if they were rated.
 */
export function computeProgression(
  scale: readonly ScaleLevel[],
  items: readonly ProgressionItemInput[],
  evaluations: readonly ProgressionEvaluationInput[],
): Progression {
  const evaluated = scale.filter((l) => l.evaluated);
  const rankOf = new Map(evaluated.map((l, i) => [l.code, i]));
  const labelOf = new Map(scale.map((l) => [l.code, l.label]));
  const reachedCodes = new Set(evaluated.filter((l) => l.reached).map((l) => l.code));
  const sorted = [...evaluations].sort((a, b) => a.date.localeCompare(b.date) || (a.kind === b.kind ? 0 : a.kind === 'finale' ? 1 : -1) || a.id.localeCompare(b.id));
  const byEvaluation = sorted.map((e) => new Map(e.ratings.map((r) => [r.itemId, r.levelCode])));

  const rows: ProgressionRow[] = [];
  for (const item of items) {
    const points: ProgressionPoint[] = sorted.map((e, i) => {
      const code = byEvaluation[i]?.get(item.id) ?? null;
      return { evaluationId: e.id, levelCode: code, levelLabel: code ? (labelOf.get(code) ?? code) : null, rank: code !== null ? (rankOf.get(code) ?? null) : null };
    });
    const rated = points.filter((p) => p.rank !== null);
    if (item.removed && points.every((p) => p.levelCode === null)) continue;
    const latest = rated[rated.length - 1] ?? null;
    const first = rated[0] ?? null;
    let outcome: ItemOutcome = 'non_evalue';
    if (latest && latest.levelCode) {
      if (reachedCodes.has(latest.levelCode)) outcome = 'atteint';
      else if (first && latest.rank !== null && first.rank !== null && latest.rank > first.rank) outcome = 'en_progres';
      else outcome = 'non_atteint';
    }
    rows.push({
      itemId: item.id,
      section: item.section,
      label: item.label,
      removed: item.removed,
      points,
      latest,
      outcome,
      delta: latest && first && latest.rank !== null && first.rank !== null ? latest.rank - first.rank : null,
    });
  }
  const live = rows.filter((r) => !r.removed);
  return {
    evaluations: sorted.map((e) => ({ id: e.id, date: e.date, kind: e.kind })),
    levels: evaluated.map((l) => ({ code: l.code, label: l.label, reached: l.reached })),
    rows,
    reached: live.filter((r) => r.outcome === 'atteint').map((r) => r.itemId),
    remaining: live.filter((r) => r.outcome === 'en_progres' || r.outcome === 'non_atteint').map((r) => r.itemId),
    notEvaluated: live.filter((r) => r.outcome === 'non_evalue').map((r) => r.itemId),
  };
}
