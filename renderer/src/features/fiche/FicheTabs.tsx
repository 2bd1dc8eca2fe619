import { useRef, type KeyboardEvent } from 'react';
import { hrefFor, navigate } from '../../router';
import { FICHE_TABS, type FicheTab } from './labels';

export const tabId = (slug: FicheTab) => `fiche-tab-${slug}`;
export const panelId = (slug: FicheTab) => `fiche-panel-${slug}`;

/**
 * WAI-ARIA tabs with automatic activation: ←/→ (and Début/Fin) move and open the tab; each tab is
 * also a URL (`#/salaries/<id>/<onglet>`), so it can be bookmarked and the back button works.
 */
export function FicheTabs({ salarieId, active }: { salarieId: string; active: FicheTab }) {
  const refs = useRef(new Map<FicheTab, HTMLButtonElement>());

  function activate(slug: FicheTab, replace: boolean) {
    refs.current.get(slug)?.focus();
    if (slug === active) return;
    if (replace) window.location.replace(hrefFor('salaries', salarieId, slug));
    else navigate('salaries', salarieId, slug);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = FICHE_TABS.findIndex((t) => t.slug === active);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % FICHE_TABS.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + FICHE_TABS.length) % FICHE_TABS.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = FICHE_TABS.length - 1;
    const target = next === null ? undefined : FICHE_TABS[next];
    if (!target) return;
    event.preventDefault();
    activate(target.slug, true);
  }

  return (
    <div role="tablist" aria-label="Rubriques de la fiche" className="fiche-tabs" onKeyDown={onKeyDown}>
      {FICHE_TABS.map((tab) => {
        const selected = tab.slug === active;
        return (
          <button
            key={tab.slug}
            ref={(el) => {
              if (el) refs.current.set(tab.slug, el);
              else refs.current.delete(tab.slug);
            }}
            type="button"
            role="tab"
            id={tabId(tab.slug)}
            aria-selected={selected}
            aria-controls={panelId(tab.slug)}
            tabIndex={selected ? 0 : -1}
            className="fiche-tab"
            onClick={() => activate(tab.slug, false)}
          >
            {tab.label}
          </button>
        );
      })}
    </div>
  );
}
