import { FichePage } from '../fiche/FichePage';
import { useLocation } from '../../router';
import { NewSalariePage } from './NewSalariePage';
import { SalariesPage } from './SalariesPage';

/** `#/salaries` (list), `#/salaries/nouveau` (creation form), `#/salaries/<id>[/<onglet>]` (fiche). */
export function SalariesRoute() {
  const { params } = useLocation();
  const [first, tab] = params;
  if (first === 'nouveau') return <NewSalariePage />;
  if (first) return <FichePage salarieId={first} tab={tab ?? null} />;
  return <SalariesPage />;
}
