import { EmptyState } from '../../../components/EmptyState';
import { useLocation } from '../../../router';
import '../immersions.css';
import { immersionsHref } from '../links';
import { PrintBilan } from './PrintBilan';
import { PrintGrid } from './PrintGrid';

/**
 * `#/immersions/impression/grille/<id>` (blank grid for the host tutor) and
 * `#/immersions/impression/bilan/<id>`: documents rendered by App WITHOUT the layout.
 */
export function ImmersionPrintRoute() {
  const { params } = useLocation();
  const [, what, id] = params;
  if (what === 'grille' && id) return <PrintGrid id={id} />;
  if (what === 'bilan' && id) return <PrintBilan id={id} />;
  return (
    <main className="print-page">
      <EmptyState title="Document introuvable">
        <p>
          Cette adresse ne correspond à aucun document à imprimer. Revenez aux <a href={immersionsHref()}>immersions</a>.
        </p>
      </EmptyState>
    </main>
  );
}
