import { immersionStatusLabels, type ImmersionStatus } from '../../../../shared/domain/immersions';

const tone: Record<ImmersionStatus, string> = {
  brouillon: 'badge-muted',
  convention_a_signer: 'badge-warning',
  signee: 'badge-info',
  en_cours: 'badge-ok',
  terminee: 'badge-muted',
  annulee: 'badge-muted',
};

/** The status as a word with its colour, never colour alone. */
export function StatusBadge({ status }: { status: ImmersionStatus }) {
  return <span className={`badge ${tone[status]}`}>{immersionStatusLabels[status]}</span>;
}
