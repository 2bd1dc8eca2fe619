import { useEffect, type ReactNode } from 'react';
import { Notices } from '../components/Notices';
import { SyncStatusLine } from '../features/synchronisation/SyncStatusLine';
import { ROUTES, hrefFor, useLocation } from '../router';
import { useSession } from '../state/session';
import { StorageBanner } from './StorageBanner';

export function Layout({ children }: { children: ReactNode }) {
  const location = useLocation();
  const lock = useSession((s) => s.lock);

  // Move focus to the page title on navigation so screen-reader and keyboard users land on the new page.
  useEffect(() => {
    document.getElementById('page-title')?.focus();
  }, [location.path]);

  return (
    <div className="shell">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <nav className="sidebar" aria-label="Navigation principale">
        <div className="brand" aria-hidden="true">
          Jalons
        </div>
        <ul>
          {ROUTES.map((route) => (
            <li key={route.path}>
              <a href={hrefFor(route.path)} aria-current={location.path === route.path ? 'page' : undefined}>
                {route.label}
              </a>
            </li>
          ))}
        </ul>
        <SyncStatusLine />
      </nav>
      <div className="main-column">
        <header className="topbar">
          <span className="topbar-title">Jalons</span>
          <button type="button" className="secondary" onClick={() => void lock()}>
            Verrouiller
          </button>
        </header>
        <StorageBanner />
        <main id="contenu" className="content">
          {children}
        </main>
        <Notices />
      </div>
    </div>
  );
}
