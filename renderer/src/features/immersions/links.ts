import { hrefFor } from '../../router';

/*
 * Where the immersion screens live (sub-routes of 'immersions'):
 *
 *   immersionsHref()                      #/immersions                          list (en cours, à venir, terminées)
 *   prepareHref([salarieId])              #/immersions/nouvelle[/<salarieId>]  « Préparer une immersion »
 *   immersionHref(id[, tab])              #/immersions/<id>[/<onglet>]          detail: suivi, preparation, grille, evaluations, bilan
 *   evaluationHref(id, evalId|'nouvelle') #/immersions/<id>/evaluation/<evalId>  evaluation entry form
 *   templatesHref() / templateHref(id)    #/immersions/modeles[/<id>|/nouveau]  grid templates library
 *   printGridHref(id) / printBilanHref(id) #/immersions/impression/grille|bilan/<id>  documents (no navigation around them)
 */

export const IMMERSION_TABS = [
  { slug: 'suivi', label: 'Suivi' },
  { slug: 'preparation', label: 'Préparation' },
  { slug: 'grille', label: 'Grille d’évaluation' },
  { slug: 'evaluations', label: 'Évaluations et progression' },
  { slug: 'bilan', label: 'Bilan' },
] as const;
export type ImmersionTab = (typeof IMMERSION_TABS)[number]['slug'];

export function immersionsHref(): string {
  return hrefFor('immersions');
}

export function prepareHref(salarieId?: string): string {
  return salarieId ? hrefFor('immersions', 'nouvelle', salarieId) : hrefFor('immersions', 'nouvelle');
}

export function immersionHref(id: string, tab?: ImmersionTab): string {
  return tab && tab !== 'suivi' ? hrefFor('immersions', id, tab) : hrefFor('immersions', id);
}

export function evaluationHref(immersionId: string, evaluationId: string | 'nouvelle'): string {
  return hrefFor('immersions', immersionId, 'evaluation', evaluationId);
}

export function templatesHref(): string {
  return hrefFor('immersions', 'modeles');
}

export function templateHref(id: string | 'nouveau'): string {
  return hrefFor('immersions', 'modeles', id);
}

export function printGridHref(immersionId: string): string {
  return hrefFor('immersions', 'impression', 'grille', immersionId);
}

export function printBilanHref(immersionId: string): string {
  return hrefFor('immersions', 'impression', 'bilan', immersionId);
}
