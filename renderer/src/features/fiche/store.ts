import { create } from 'zustand';
import type { SalarieFiche } from '../../../../shared/ipc/salaries';
import type { Referent, Structure } from '../../../../shared/ipc/structure';
import { BridgeError, call } from '../../bridge';
import { notifyError } from '../../state/notices';

/** Confidential details the CIP chose to display (each reveal is logged by the core). */
export interface RevealedConfidential {
  confidentialNote: string | null;
  freinDetails: Record<string, string | null>;
}

interface FicheStore {
  salarieId: string | null;
  fiche: SalarieFiche | null;
  /** Structure and référents: needed for the SIAE kind (allowed reasons and contracts) and selects. */
  structure: Structure | null;
  referents: Referent[];
  loading: boolean;
  error: string | null;
  notFound: boolean;
  revealed: RevealedConfidential | null;
  /** A form to focus once its tab is shown (« Modifier l’identité » from the header). */
  focusRequest: string | null;
  requestFocus(target: string | null): void;
  load(salarieId: string): Promise<void>;
  /** Re-reads the fiche after a write so no view stays stale. */
  refresh(): Promise<void>;
  reveal(): Promise<RevealedConfidential>;
  hideConfidential(): void;
  rememberFreinDetails(freinId: string, details: string | null): void;
}

// Each read gets a ticket so a slow answer (or one for a previous salarié) never overwrites a newer one.
let ticket = 0;

export const useFiche = create<FicheStore>((set, get) => {
  async function fetchFiche(salarieId: string): Promise<void> {
    const mine = ++ticket;
    set({ loading: true, error: null, notFound: false });
    try {
      const fiche = await call('salaries.get', { id: salarieId });
      if (mine === ticket) set({ fiche, loading: false });
    } catch (reason) {
      if (mine !== ticket) return;
      set({
        loading: false,
        notFound: reason instanceof BridgeError && reason.payload.code === 'NOT_FOUND',
        error: reason instanceof BridgeError ? reason.message : 'La fiche n’a pas pu être chargée. Réessayez dans un instant.',
      });
    }
  }

  return {
    salarieId: null,
    fiche: null,
    structure: null,
    referents: [],
    loading: false,
    error: null,
    notFound: false,
    revealed: null,
    focusRequest: null,

    requestFocus(target) {
      set({ focusRequest: target });
    },

    async load(salarieId) {
      const sameSalarie = get().salarieId === salarieId;
      // Opening a fiche (again, e.g. after a lock) always starts with confidential details hidden.
      set({ salarieId, revealed: null, ...(sameSalarie ? {} : { fiche: null }) });
      // Structure and référents are read on opening a fiche (they may have changed in the settings).
      const [structure, referents] = await Promise.allSettled([call('structure.get', {}), call('referents.list', {}), fetchFiche(salarieId)]);
      if (get().salarieId !== salarieId) return;
      set({
        structure: structure.status === 'fulfilled' ? structure.value : get().structure,
        referents: referents.status === 'fulfilled' ? referents.value : get().referents,
      });
    },

    async refresh() {
      const { salarieId } = get();
      if (!salarieId) return;
      await fetchFiche(salarieId);
      // The write went through; say so if the fresh view could not be read, rather than show stale data silently.
      const { error } = get();
      if (error) notifyError(error);
    },

    async reveal() {
      const { salarieId } = get();
      if (!salarieId) throw new Error('Aucune fiche ouverte.');
      const result = await call('salaries.revealConfidential', { id: salarieId });
      const revealed: RevealedConfidential = {
        confidentialNote: result.confidentialNote,
        freinDetails: Object.fromEntries(result.freinDetails.map((d) => [d.freinId, d.details])),
      };
      set({ revealed });
      return revealed;
    },

    hideConfidential() {
      set({ revealed: null });
    },

    rememberFreinDetails(freinId, details) {
      const { revealed } = get();
      if (revealed) set({ revealed: { ...revealed, freinDetails: { ...revealed.freinDetails, [freinId]: details } } });
    },
  };
});
