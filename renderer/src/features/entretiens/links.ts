import type { EntretienKind } from '../../../../shared/domain/entretiens';
import { hrefFor } from '../../router';

/*
 * Where the entretien screens live, for links from other screens (fiche salarié, tableau de bord…).
 * They are sub-routes of the existing 'agenda' route (hash segments; the router keeps them in `params`):
 *
 *   entretienHref(id)                 #/agenda/entretien/<id>                      open / edit a recorded or planned entretien
 *   newEntretienHref(salarieId[, k])  #/agenda/entretien/nouveau/<salarieId>[/<k>] record a new entretien for this salarié
 *   markHeldHref(id)                  #/agenda/entretien/<id>/tenu                 a planned appointment took place: form pre-filled
 *   printEntretienHref(id)            #/agenda/impression/entretien/<id>          compte-rendu to print (no navigation around it)
 *   printWeekHref(monday[, ref])      #/agenda/impression/semaine/<YYYY-MM-DD>[/<referentId>]  agenda of the week, printable
 *   weekHref(date) / dayHref(date)    #/agenda/semaine/<date>, #/agenda/jour/<date>
 */

export function entretienHref(entretienId: string): string {
  return hrefFor('agenda', 'entretien', entretienId);
}

/** A new entretien for a salarié; `kind` pre-selects the type (and its usual moment). */
export function newEntretienHref(salarieId: string, kind?: EntretienKind): string {
  return kind ? hrefFor('agenda', 'entretien', 'nouveau', salarieId, kind) : hrefFor('agenda', 'entretien', 'nouveau', salarieId);
}

/** « Marquer tenu »: the form asks the core to mark the appointment held and opens pre-filled. */
export function markHeldHref(entretienId: string): string {
  return hrefFor('agenda', 'entretien', entretienId, 'tenu');
}

export function printEntretienHref(entretienId: string): string {
  return hrefFor('agenda', 'impression', 'entretien', entretienId);
}

/** `referentId` limits the printed week to one référent's appointments. */
export function printWeekHref(monday: string, referentId?: string | null): string {
  return referentId ? hrefFor('agenda', 'impression', 'semaine', monday, referentId) : hrefFor('agenda', 'impression', 'semaine', monday);
}

export function weekHref(date: string): string {
  return hrefFor('agenda', 'semaine', date);
}

export function dayHref(date: string): string {
  return hrefFor('agenda', 'jour', date);
}

export function salarieHref(salarieId: string): string {
  return hrefFor('salaries', salarieId);
}

export function organisationHref(organisationId: string): string {
  return hrefFor('entreprises', organisationId);
}
