import { useLocation } from '../../router';
import { EntretienPage } from '../entretiens/EntretienPage';
import { AgendaPage } from './AgendaPage';

/**
 * Everything under `#/agenda`: the week (`/semaine/<date>`, default) and day (`/jour/<date>`) views,
 * and the entretien form (`/entretien/…`). The print views (`/impression/…`) are rendered by App
 * without the layout (features/print/PrintRoute).
 */
export function AgendaRoute() {
  const { params } = useLocation();
  if (params[0] === 'entretien') return <EntretienPage params={params} />;
  return <AgendaPage view={params[0] === 'jour' ? 'jour' : 'semaine'} date={params[1]} />;
}
