import type { ScaleLevel } from '../../../../shared/domain/grid-templates';

/** The scale explained: each level with what it means. */
export function ScaleLegend({ scale, title = 'Échelle d’évaluation' }: { scale: readonly ScaleLevel[]; title?: string }) {
  return (
    <dl className="scale-legend" aria-label={title}>
      {scale.map((level) => (
        <div key={level.code} className="scale-level">
          <dt>
            {level.label}
            {level.reached ? <span className="visually-hidden"> (niveau atteint)</span> : null}
          </dt>
          <dd>{level.description || (level.evaluated ? '' : 'Pas observé pendant la période.')}</dd>
        </div>
      ))}
    </dl>
  );
}
