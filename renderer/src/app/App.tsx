import { useEffect } from 'react';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { AgendaRoute } from '../features/agenda/AgendaRoute';
import { EntreprisesRoute } from '../features/entreprises/EntreprisesRoute';
import { ImmersionPrintRoute } from '../features/immersions/print/ImmersionPrintRoute';
import { ImmersionsRoute } from '../features/immersions/ImmersionsRoute';
import { PrintRoute } from '../features/print/PrintRoute';
import { RgpdExportRoute } from '../features/rgpd/RgpdExportPage';
import { SalariesRoute } from '../features/salaries/SalariesRoute';
import { StatistiquesPage } from '../features/statistiques/StatistiquesPage';
import { SynchronisationPage } from '../features/synchronisation/SynchronisationPage';
import { ChangePassphraseForm } from '../features/session/ChangePassphraseForm';
import { RecoveryCodeScreen, SetupScreen } from '../features/session/SetupScreen';
import { UnlockScreen } from '../features/session/UnlockScreen';
import { useAutoLock } from '../features/session/useAutoLock';
import { SettingsPage } from '../features/settings/SettingsPage';
import { useLocation, type RoutePath } from '../router';
import { useSession } from '../state/session';
import { Layout } from './Layout';

const PAGES: Record<RoutePath, () => React.JSX.Element> = {
  'tableau-de-bord': DashboardPage,
  salaries: SalariesRoute,
  agenda: AgendaRoute,
  immersions: ImmersionsRoute,
  entreprises: EntreprisesRoute,
  statistiques: StatistiquesPage,
  synchronisation: SynchronisationPage,
  parametres: SettingsPage,
};

export function App() {
  const { status, recoveryCode, refresh } = useSession();
  const location = useLocation();
  useAutoLock(status?.state === 'unlocked' ? status.autoLockMinutes : null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  if (recoveryCode) return <RecoveryCodeScreen code={recoveryCode} />;
  if (!status) {
    return (
      <main className="gate" aria-busy="true">
        <p>Ouverture de Jalons…</p>
      </main>
    );
  }
  if (status.state === 'setup-required') return <SetupScreen />;
  if (status.state === 'locked') return <UnlockScreen />;
  if (status.unlockedWithRecoveryCode) {
    return (
      <main className="gate">
        <div className="gate-card">
          <h1>Choisissez une nouvelle phrase de passe</h1>
          <p>Vous avez ouvert Jalons avec le code de secours. Choisissez maintenant une nouvelle phrase de passe.</p>
          <ChangePassphraseForm requireCurrent={false} onDone={() => void refresh()} />
        </div>
      </main>
    );
  }
  // Print views are documents, not app screens: no navigation around them (features/print).
  if (location.path === 'agenda' && location.params[0] === 'impression') return <PrintRoute />;
  if (location.path === 'immersions' && location.params[0] === 'impression') return <ImmersionPrintRoute />;
  // RGPD access export (features/rgpd), a document too: `#/parametres/rgpd/<salarieId>`.
  if (location.path === 'parametres' && location.params[0] === 'rgpd') return <RgpdExportRoute />;
  const Page = PAGES[location.path];
  return (
    <Layout>
      <Page />
    </Layout>
  );
}
