import { useEffect, useRef } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { todayIso } from '../../lib/dates';
import { hrefFor } from '../../router';
import { FicheHeader } from './FicheHeader';
import { FicheTabs, panelId, tabId } from './FicheTabs';
import { tabFromSlug, type FicheTab } from './labels';
import { useFiche } from './store';
import { ActionsTab } from './tabs/ActionsTab';
import { ContratsTab } from './tabs/ContratsTab';
import { FormationsTab } from './tabs/FormationsTab';
import { FreinsTab } from './tabs/FreinsTab';
import { ParcoursTab } from './tabs/ParcoursTab';
import { ProjetTab } from './tabs/ProjetTab';
import { SituationTab } from './tabs/SituationTab';
import { SortieTab } from './tabs/SortieTab';

const PANELS: Record<FicheTab, () => React.JSX.Element> = {
  parcours: ParcoursTab,
  situation: SituationTab,
  contrats: ContratsTab,
  freins: FreinsTab,
  projet: ProjetTab,
  formations: FormationsTab,
  sortie: SortieTab,
  actions: ActionsTab,
};

/** The fiche salarié: header with the essentials, then one tab per part of the parcours. */
export function FichePage({ salarieId, tab }: { salarieId: string; tab: string | null }) {
  const fiche = useFiche((s) => s.fiche);
  const structure = useFiche((s) => s.structure);
  const error = useFiche((s) => s.error);
  const notFound = useFiche((s) => s.notFound);
  const load = useFiche((s) => s.load);
  const active = tabFromSlug(tab);
  const today = todayIso();
  const focusedFor = useRef<string | null>(null);

  useEffect(() => {
    void load(salarieId);
  }, [salarieId, load]);

  const ready = fiche !== null && fiche.identity.id === salarieId;

  // Land keyboard and screen-reader users on the name once the fiche is there (not on every tab change).
  useEffect(() => {
    if (ready && focusedFor.current !== salarieId) {
      focusedFor.current = salarieId;
      document.getElementById('page-title')?.focus();
    }
  }, [ready, salarieId]);

  useSaveShortcut();

  if (!ready) {
    if (error) {
      return (
        <>
          <PageHeader title={notFound ? 'Fiche introuvable' : 'Fiche indisponible'} />
          <EmptyState
            title={notFound ? 'Cette fiche n’existe pas ou a été supprimée' : 'La fiche n’a pas pu être chargée'}
            action={
              <a className="button" href={hrefFor('salaries')}>
                Revenir à la liste des salariés
              </a>
            }
          >
            <p>{error}</p>
          </EmptyState>
        </>
      );
    }
    return (
      <p className="fiche-loading" aria-busy="true">
        Chargement de la fiche…
      </p>
    );
  }

  const Panel = PANELS[active];
  return (
    <div className="fiche">
      <FicheHeader fiche={fiche} structure={structure} today={today} />
      <FicheTabs salarieId={salarieId} active={active} />
      <div role="tabpanel" id={panelId(active)} aria-labelledby={tabId(active)} tabIndex={0} className="fiche-panel">
        <Panel key={`${salarieId}:${active}`} />
      </div>
    </div>
  );
}

/**
 * Ctrl+S (⌘S) saves the form being edited: the one holding the focus, else the one in the open
 * dialog, else the only form of the tab. The browser's « enregistrer la page » is never wanted here.
 */
function useSaveShortcut() {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 's') return;
      event.preventDefault();
      const focused = document.activeElement instanceof HTMLElement ? document.activeElement.closest('form') : null;
      const inDialog = document.querySelector<HTMLFormElement>('dialog[open] form');
      const inPanel = document.querySelectorAll<HTMLFormElement>('[role="tabpanel"] form');
      const target = focused ?? inDialog ?? (inPanel.length === 1 ? inPanel[0] : null);
      target?.requestSubmit();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
