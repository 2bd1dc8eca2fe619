import { z } from 'zod';
import { Empty, method } from './common-method';

/*
 * Synchronisation with the regional hub: enrolment of this computer, the sending mode, the queue
 * of signed statistics bundles and its statuses, « Envoyer maintenant », and the export of a
 * signed bundle to a file (USB key) for offline hand-over.
 */

export const SYNC_MODES = ['auto', 'manuel', 'desactive'] as const;
export type SyncMode = (typeof SYNC_MODES)[number];
export const syncModeLabels: Record<SyncMode, string> = {
  auto: 'Automatique',
  manuel: 'Manuel',
  desactive: 'Désactivé',
};
export const syncModeHints: Record<SyncMode, string> = {
  auto: 'Les statistiques confirmées partent d’elles-mêmes dès que le siège est joignable, avec de nouveaux essais espacés si besoin.',
  manuel: 'Rien ne part sans que vous cliquiez sur « Envoyer maintenant ».',
  desactive: 'Aucun envoi par le réseau. Vous pouvez toujours exporter un envoi dans un fichier.',
};

/** Queue statuses as the user reads them. */
export const QUEUE_STATES = ['a_inscrire', 'en_attente', 'envoye', 'accuse', 'refuse', 'remplace', 'maj_requise'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];
export const queueStateLabels: Record<QueueState, string> = {
  a_inscrire: 'inscription requise',
  en_attente: 'en attente',
  envoye: 'envoyé',
  accuse: 'accusé de réception',
  refuse: 'refusé',
  remplace: 'remplacé',
  maj_requise: 'mise à jour requise',
};

const Period = z.object({ kind: z.enum(['year', 'half', 'quarter']), year: z.number().int(), index: z.number().int() });

export const SyncQueueItem = z.object({
  bundleId: z.string(),
  period: Period,
  periodLabel: z.string(),
  revision: z.number().int(),
  state: z.enum(QUEUE_STATES),
  /** Why it waits or was refused (French), null when nothing to say. */
  reason: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
  ackedAt: z.string().nullable(),
  /** The hub's sequence number from the verified receipt. */
  receiptSeq: z.number().int().nullable(),
  /** A signed envelope exists and can be saved to a file. */
  exportable: z.boolean(),
  /**
   * Refused for a reason the regional office can lift (period transferred to this computer, region
   * corrected, enrolled again): « Renvoyer » may send it again (`sync.retryRefused`). Additive.
   */
  retryable: z.boolean().optional(),
});
export type SyncQueueItem = z.infer<typeof SyncQueueItem>;

export const SyncStatus = z.object({
  hubUrl: z.string().nullable(),
  enrolment: z
    .object({
      deviceId: z.string(),
      deviceLabel: z.string(),
      structureId: z.string(),
      structureName: z.string(),
      regionCode: z.string(),
      enrolledAt: z.string(),
      reenrolRequired: z.boolean(),
      /** Last key rotation (additive). */
      keyRotatedAt: z.string().nullable().optional(),
      /** A rotation waits for the hub (additive): sending waits too. */
      keyRotationPending: z.boolean().optional(),
    })
    .nullable(),
  mode: z.enum(SYNC_MODES),
  /** null: not known yet (no contact attempted since start). */
  online: z.boolean().nullable(),
  connectionMessage: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  pendingCount: z.number().int(),
  refusedCount: z.number().int(),
  running: z.boolean(),
  progress: z.object({ done: z.number().int(), total: z.number().int(), label: z.string() }).nullable(),
  /** What the hub said in its last catalogue, kept for offline use (additive); null before the first one. */
  hubCatalog: z
    .object({
      checkedAt: z.string(),
      catalogueVersions: z.array(z.string()),
      minClientVersion: z.string().nullable(),
      closedPeriods: z.array(z.string()),
    })
    .nullable()
    .optional(),
  /** « Mise à jour requise »: the hub asks for a newer Jalons, or bundles wait for a format it reads (additive). */
  updateRequired: z.string().nullable().optional(),
  /** The quiet line shown in the navigation, e.g. « Hors ligne — 2 envois en attente ». */
  summary: z.string(),
  queue: z.array(SyncQueueItem),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const SyncEnrolInput = z
  .object({
    hubUrl: z
      .string()
      .trim()
      .min(1, { error: 'Indiquez l’adresse du siège régional.' })
      .max(300)
      .refine((s) => /^https?:\/\/[^\s/?#]+/i.test(s), { error: 'Adresse invalide : elle commence par https:// (par exemple https://siege.exemple.fr).' }),
    code: z
      .string()
      .trim()
      .min(8, { error: 'Code trop court : recopiez le code d’inscription complet fourni par le siège.' })
      .max(100, { error: 'Code trop long : vérifiez ce que vous avez collé.' }),
    deviceLabel: z.string().trim().min(1, { error: 'Donnez un nom à cet ordinateur (par exemple « Portable de Camille »).' }).max(100),
  })
  .strict();
export type SyncEnrolInput = z.infer<typeof SyncEnrolInput>;

export const SyncPassResult = z.object({
  acked: z.number().int(),
  refused: z.array(z.object({ periodLabel: z.string(), revision: z.number().int(), reason: z.string() })),
  pending: z.number().int(),
  online: z.boolean().nullable(),
  /** One French sentence summing up the pass (for a live region). */
  message: z.string(),
});
export type SyncPassResult = z.infer<typeof SyncPassResult>;

export const SyncExport = z.object({
  fileName: z.string(),
  /** The signed envelope, byte for byte as it is (or would be) sent. */
  content: z.string(),
  contentSha256: z.string(),
});
export type SyncExport = z.infer<typeof SyncExport>;

export const SyncRotateResult = z.object({
  /** True when the hub confirmed the new key and this computer uses it. */
  rotated: z.boolean(),
  /** One French sentence (done, or will finish at the next contact, or why not). */
  message: z.string(),
});
export type SyncRotateResult = z.infer<typeof SyncRotateResult>;

export const SyncRetryResult = z.object({
  /** The bundle's status after the new attempt (accusé de réception, still refused, en attente…). */
  state: z.enum(QUEUE_STATES),
  /** One French sentence for the result line. */
  message: z.string(),
});
export type SyncRetryResult = z.infer<typeof SyncRetryResult>;

export const syncContract = {
  'sync.status': method(Empty, SyncStatus),
  'sync.enrol': method(SyncEnrolInput, SyncStatus),
  'sync.setMode': method(z.object({ mode: z.enum(SYNC_MODES) }).strict(), SyncStatus),
  'sync.sendNow': method(Empty, SyncPassResult),
  'sync.exportEnvelope': method(z.object({ bundleId: z.string().min(1).max(100) }).strict(), SyncExport),
  'sync.rotateKey': method(Empty, SyncRotateResult),
  'sync.retryRefused': method(z.object({ bundleId: z.string().min(1).max(100) }).strict(), SyncRetryResult),
} as const;
