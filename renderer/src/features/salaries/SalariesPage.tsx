import { useCallback, useEffect, useMemo, useState } from 'react';
import { SIAE_KINDS, siaeKindLabels, type SiaeKind } from '../../../../shared/domain/siae';
import { call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { SelectField, optionsFrom } from '../../components/forms/SelectField';
import { todayIso } from '../../lib/dates';
import { formatCount } from '../../lib/format';
import { hrefFor, navigate } from '../../router';
import { referentOptions, useReferents } from '../settings/useReferents';
import { CaseloadTable } from './CaseloadTable';
import { isDefaultFilters, useCaseloadFilters, type CaseloadSort, type CaseloadStatus } from './caseloadFilters';
import { useCaseload } from './useCaseload';
import { useDebouncedValue } from './useDebouncedValue';

const STATUS_OPTIONS: Array<readonly [CaseloadStatus, string]> = [
  ['en_parcours', 'En parcours'],
  ['sorti', 'Sortis'],
  ['tous', 'Tous'],
];

// Codes only (ACI, AI, EI…): the words every CIP uses, short enough for the toolbar.
const SIAE_KIND_OPTIONS = optionsFrom(SIAE_KINDS, siaeKindLabels).map(([code]) => [code, code] as const);

const SORT_OPTIONS: Array<readonly [CaseloadSort, string]> = [
  ['nom', 'Nom'],
  ['entree', 'Date d’entrée'],
  ['fin_pass', 'Fin de PASS IAE'],
  ['fin_contrat', 'Fin de contrat'],
];

const statusWords: Record<CaseloadStatus, [string, string]> = {
  en_parcours: ['salarié en parcours', 'salariés en parcours'],
  sorti: ['salarié sorti', 'salariés sortis'],
  tous: ['salarié', 'salariés'],
};

/** Alt+N from anywhere on the list opens the creation form. */
function useNewSalarieShortcut() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyN') {
        event.preventDefault();
        navigate('salaries', 'nouveau');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

export function SalariesPage() {
  const filters = useCaseloadFilters();
  const setFilters = useCaseloadFilters((s) => s.set);
  const setView = useCaseloadFilters((s) => s.setView);
  const { referents } = useReferents();
  const debouncedQuery = useDebouncedValue(filters.query, 120);
  const today = useMemo(() => todayIso(), []);
  useNewSalarieShortcut();

  const query = useMemo(
    () => ({
      query: debouncedQuery.trim().slice(0, 100),
      status: filters.status,
      referentId: filters.referentId,
      siaeKind: filters.siaeKind,
      withAlerts: filters.withAlerts,
      sort: filters.sort,
    }),
    [debouncedQuery, filters.status, filters.referentId, filters.siaeKind, filters.withAlerts, filters.sort],
  );
  const viewKey = JSON.stringify(query);
  const caseload = useCaseload(query);

  // Whether the base holds no salarié at all (first-use empty state) or only this search finds nothing.
  const [baseEmpty, setBaseEmpty] = useState<boolean | null>(null);
  useEffect(() => {
    if (caseload.total === null) return undefined;
    if (caseload.total > 0) {
      setBaseEmpty(false);
      return undefined;
    }
    let cancelled = false;
    void call('salaries.list', { status: 'tous', limit: 1 })
      .then((r) => {
        if (!cancelled) setBaseEmpty(r.total === 0);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [caseload.total, caseload.generation]);

  const initialView = useMemo(() => {
    const saved = useCaseloadFilters.getState().view;
    return saved && saved.key === viewKey ? { scrollTop: saved.scrollTop, activeIndex: saved.activeIndex } : null;
    // Read once: the saved place only matters when the page opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const onViewChange = useCallback((view: { scrollTop: number; activeIndex: number }) => setView({ key: viewKey, ...view }), [setView, viewKey]);
  const openFiche = useCallback((id: string) => navigate('salaries', id), []);

  const total = caseload.total;
  const firstUse = baseEmpty === true && total === 0;
  const words = statusWords[filters.status];
  const countText = total === null ? 'Chargement de la liste…' : `${formatCount(total)} ${total > 1 ? words[1] : words[0]}`;
  const referentChoices = referentOptions(referents, filters.referentId, { includeInactive: true });

  return (
    <>
      <PageHeader
        title="Salariés"
        actions={
          firstUse ? undefined : (
            <>
              <a className="button" href={hrefFor('parametres', 'import')}>
                Importer
              </a>
              <a className="button primary" href={hrefFor('salaries', 'nouveau')} aria-keyshortcuts="Alt+N">
                Nouveau salarié <kbd className="kbd">Alt+N</kbd>
              </a>
            </>
          )
        }
      />
      {caseload.error ? (
        <p className="form-error" role="alert">
          {caseload.error}
        </p>
      ) : null}
      {firstUse ? (
        <EmptyState
          title="Aucun salarié pour l’instant"
          action={
            <div className="page-actions">
              <a className="button primary" href={hrefFor('salaries', 'nouveau')} aria-keyshortcuts="Alt+N">
                Créer une première fiche
              </a>
              <a className="button" href={hrefFor('parametres', 'import')}>
                Importer une liste (CSV)
              </a>
            </div>
          }
        >
          <p>Importez votre liste ou créez une première fiche.</p>
          <p className="field-hint">
            Vous retrouverez ici tous les salariés accompagnés, avec la recherche par nom, les filtres par référent et les
            alertes de chacun.
          </p>
        </EmptyState>
      ) : (
        <>
          <div role="search" className="caseload-toolbar" aria-label="Rechercher et filtrer les salariés">
            <div className="field search-field">
              <label htmlFor="caseload-search">Rechercher un salarié</label>
              <input
                id="caseload-search"
                type="search"
                autoComplete="off"
                spellCheck={false}
                maxLength={100}
                aria-describedby="caseload-search-hint"
                value={filters.query}
                onChange={(e) => setFilters({ query: e.target.value })}
              />
              <span id="caseload-search-hint" className="visually-hidden">
                Nom ou prénom&#8239;; les accents et les majuscules sont ignorés.
              </span>
            </div>
            <SelectField
              label="Référent"
              emptyLabel="Tous les référents"
              options={referentChoices}
              value={filters.referentId ?? ''}
              onChange={(e) => setFilters({ referentId: e.target.value || null })}
            />
            <SelectField
              label="Statut"
              options={STATUS_OPTIONS}
              value={filters.status}
              onChange={(e) => setFilters({ status: e.target.value as CaseloadStatus })}
            />
            <SelectField
              label="Type de SIAE"
              emptyLabel="Tous les types"
              options={SIAE_KIND_OPTIONS}
              value={filters.siaeKind ?? ''}
              onChange={(e) => setFilters({ siaeKind: (e.target.value || null) as SiaeKind | null })}
            />
            <SelectField
              label="Trier par"
              options={SORT_OPTIONS}
              value={filters.sort}
              onChange={(e) => setFilters({ sort: e.target.value as CaseloadSort })}
            />
            <div className="checkbox toolbar-checkbox">
              <input
                id="caseload-with-alerts"
                type="checkbox"
                checked={filters.withAlerts}
                onChange={(e) => setFilters({ withAlerts: e.target.checked })}
              />
              <label htmlFor="caseload-with-alerts">Avec alertes</label>
            </div>
          </div>
          <div className="caseload-status">
            <p role="status" className="count">
              {countText}
            </p>
            {!isDefaultFilters(filters) ? (
              <button type="button" className="link" onClick={() => useCaseloadFilters.getState().reset()}>
                Effacer la recherche et les filtres
              </button>
            ) : null}
          </div>
          {total === 0 ? (
            <div className="no-result">
              <p>
                {query.query
                  ? `Aucun salarié ne correspond à «\u00a0${query.query}\u00a0» avec ces filtres.`
                  : 'Aucun salarié ne correspond à ces filtres.'}{' '}
                Vérifiez l’orthographe, ou élargissez les filtres (par exemple le statut «&nbsp;Tous&nbsp;»).
              </p>
            </div>
          ) : total !== null ? (
            <CaseloadTable
              total={total}
              generation={caseload.generation}
              busy={caseload.pending}
              today={today}
              rowAt={caseload.rowAt}
              ensureRange={caseload.ensureRange}
              onOpen={openFiche}
              initialView={initialView}
              onViewChange={onViewChange}
            />
          ) : null}
        </>
      )}
    </>
  );
}
