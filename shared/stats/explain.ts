/**
 * One French sentence per reason a cell or a table is hidden, for the counsellor's screen.
 * Sentences never contain the hidden value.
 */
import type { AuditOptions } from './audit';
import { DEFAULT_PRIMARY_POLICY, type PrimaryPolicy, type PrimaryReason } from './primary';
import type { WithheldReason } from './release';

export function explainPrimaryReason(reason: PrimaryReason, policy: PrimaryPolicy = DEFAULT_PRIMARY_POLICY): string {
  switch (reason) {
    case 'below_threshold':
      return `Case masquée : elle compte moins de ${policy.minCount} personnes, qui pourraient être reconnues.`;
    case 'below_sensitive_threshold':
      return `Case masquée : elle compte moins de ${policy.minCountSensitive} personnes concernées par une situation sensible (santé, justice, minima sociaux).`;
    case 'homogeneous_group':
      return `Case masquée : presque tout le groupe (tous sauf moins de ${policy.homogeneityMargin}) est dans cette case, la publier révélerait la situation de chacun.`;
    case 'manual':
      return 'Case masquée à la demande de la politique de diffusion.';
  }
}

export function explainSecondarySuppression(): string {
  return 'Case masquée en complément : sans cela, une case protégée pourrait être recalculée à partir des totaux.';
}

export function explainWithheld(reason: WithheldReason, options?: Pick<AuditOptions, 'minIntervalWidth'>): string {
  switch (reason) {
    case 'disclosure_risk':
      return options === undefined
        ? 'Tableau non diffusé : même en masquant des cases, il permettrait de déduire des informations sur des personnes.'
        : `Tableau non diffusé : même en masquant des cases, une case protégée resterait calculable à moins de ${options.minIntervalWidth} personnes près.`;
  }
}
