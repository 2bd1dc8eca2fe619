import { useLocation } from '../../router';
import { EntreprisesPage } from './EntreprisesPage';
import { OrganisationPage } from './OrganisationPage';

/** `#/entreprises` (directory), `#/entreprises/nouvelle`, `#/entreprises/<id>` (fiche organisation). */
export function EntreprisesRoute() {
  const { params } = useLocation();
  const [first] = params;
  if (first === 'nouvelle') return <OrganisationPage id={null} />;
  if (first) return <OrganisationPage id={first} />;
  return <EntreprisesPage />;
}
