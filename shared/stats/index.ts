/**
 * Statistical disclosure control for the anonymised statistics bundle (laptop and regional hub).
 * See shared/docs/stats-privacy-and-sync.md, parts A and C(a).
 */
export { Rational } from './rational';

export {
  MARGIN,
  MAX_DIMENSIONS,
  TableError,
  allCoordinates,
  buildTable,
  buildTableFromRecords,
  checkCountTable,
  coordsKey,
  sensitiveDimensionOf,
  specOf,
  tableConstraints,
  validateTableSpec,
  type CountCell,
  type CountTable,
  type Dimension,
  type MarginConstraint,
  type TableSpec,
} from './table';

export {
  cellKey,
  containment,
  describeVariable,
  isAcyclic,
  linkTables,
  variableOf,
  type CellOccurrence,
  type LinearEquation,
  type LinkedSystem,
  type SystemVariable,
} from './system';

export { DEFAULT_PRIMARY_POLICY, primaryFlags, type PrimaryFlag, type PrimaryPolicy, type PrimaryReason } from './primary';
export { explainPrimaryReason, explainSecondarySuppression, explainWithheld } from './explain';

export { EchelonBasis, parametrise, sparseRref, type SparseVector } from './linear';
export { gaussSuppress, type GaussInput, type GaussResult, type GaussSpan } from './gauss';
export { maximise, minimise, variableBounds, integerLp, type EqualityLp, type LpResult, type VariableBounds } from './simplex';
export { attack, unknownComponents, type AttackProblem, type AttackResult, type TargetOutcome } from './attack';
export {
  DEFAULT_AUDIT_OPTIONS,
  applyWaivers,
  auditRelease,
  auditSystem,
  insiderKnowledge,
  planRevisionAudit,
  previousWaivers,
  requiredWidth,
  type AuditFailure,
  type AuditInput,
  type AuditOptions,
  type CellVerdict,
  type InsiderKnowledge,
  type InsiderModel,
  type PreviousWaivers,
  type ReleaseAuditInput,
  type RevisionPlan,
  type SystemAudit,
} from './audit';

export {
  attackerView,
  isPublishedCell,
  isWithheld,
  type AttackerView,
  type Release,
  type ReleaseEntry,
  type ReleasedCell,
  type ReleasedTable,
  type SuppressionKind,
  type WithheldReason,
  type WithheldTable,
} from './release';

export {
  protectBundle,
  type CellAuditReport,
  type CellReport,
  type ProtectOptions,
  type ProtectResult,
  type ProtectionReport,
  type TableReport,
} from './protect';

export { CanonicalJsonError, canonicalJson } from './canonical-json';
export { UUID_V7_PATTERN, createUuidV7Generator, formatUuidV7, isUuidV7, uuidV7Timestamp, type UuidV7Sources } from './uuid';

export {
  BUNDLE_SCHEMA_VERSION,
  DEFAULT_HUB_MINIMUM,
  INSIDER_MODELS,
  PROTECTION_ALGORITHM,
  REGION_CODES,
  SIAE_KINDS,
  auditReceivedBundle,
  bundlePolicy,
  bundleSchema,
  bundleToAttackerView,
  createBundle,
  parseBundle,
  serializeBundle,
  type Bundle,
  type BundleMetadata,
  type BundlePeriod,
  type BundlePolicy,
  type BundleTable,
  type HubMinimumPolicy,
  type ReceivedBundleAudit,
  type ReceivedCellAudit,
} from './bundle';
