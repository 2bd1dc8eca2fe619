import { PageHeader } from '../../components/PageHeader';
import { hrefFor } from '../../router';
import { RomeImport } from './RomeImport';
import { SalariesImport } from './SalariesImport';

/**
 * `#/parametres/import`: importing data is a settings-level task (done once, when starting with Jalons,
 * then rarely), reached from the « Importer » button of the Salariés list and from the Paramètres page.
 */
export function ImportPage() {
  return (
    <>
      <nav aria-label="Fil d’Ariane" className="breadcrumb">
        <a href={hrefFor('parametres')}>Paramètres</a> <span aria-hidden="true">›</span> <span aria-current="page">Importer des données</span>
      </nav>
      <PageHeader
        title="Importer des données"
        actions={
          <a className="button" href={hrefFor('salaries')}>
            Retour aux salariés
          </a>
        }
      />
      <SalariesImport />
      <RomeImport />
    </>
  );
}
