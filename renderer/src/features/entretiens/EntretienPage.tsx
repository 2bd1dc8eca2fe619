import { useEffect, useState } from 'react';
import { contractKindLabels } from '../../../../shared/domain/contracts';
import { ENTRETIEN_KINDS, entretienKindLabels, linkTypeLabels, type EntretienKind } from '../../../../shared/domain/entretiens';
import { immersionObjectiveShortLabels } from '../../../../shared/domain/immersions';
import type { EntretienView } from '../../../../shared/ipc/entretiens';
import type { ImmersionListRow } from '../../../../shared/ipc/immersions';
import type { SalarieFiche } from '../../../../shared/ipc/salaries';
import type { Referent } from '../../../../shared/ipc/structure';
import { BridgeError, call } from '../../bridge';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { todayIso } from '../../lib/dates';
import { formatDateLong, formatDateShort } from '../../lib/format';
import { hrefFor } from '../../router';
import { formatTime } from '../agenda/time';
import { EntretienForm, type LinkOption } from './EntretienForm';
import { newEntretienValues, valuesFromView, type EntretienFormValues } from './formModel';
import { entretienHref, printEntretienHref, salarieHref } from './links';

/** Warnings of the save that created the entretien, shown once the page reopens on its id. */
const flashWarnings = new Map<string, EntretienView['warnings']>();

interface Loaded {
  initial: EntretienFormValues;
  view: EntretienView | null;
  fiche: SalarieFiche | null;
  immersions: ImmersionListRow[];
  referents: Referent[];
  salarieName: string | null;
}

type Mode = { kind: 'new'; salarieId: string; entretienKind: EntretienKind | undefined } | { kind: 'edit'; id: string; markHeld: boolean };

export function parseEntretienParams(params: string[]): Mode | null {
  const [, first, second, third] = params;
  if (!first) return null;
  if (first === 'nouveau') {
    if (!second) return null;
    const kind = ENTRETIEN_KINDS.find((k) => k === third);
    return { kind: 'new', salarieId: second, entretienKind: kind };
  }
  return { kind: 'edit', id: first, markHeld: second === 'tenu' };
}

export function salarieDisplayName(fiche: SalarieFiche | null, fallback: string | null = null): string | null {
  return fiche ? `${fiche.identity.firstName} ${fiche.identity.lastName}` : fallback;
}

/** The salarié's immersions, to link the entretien to one (none when that feature is unavailable). */
function immersionsOf(salarieId: string | null): Promise<ImmersionListRow[]> {
  if (!salarieId) return Promise.resolve([]);
  return call('immersions.list', { salarieId, limit: 50 }).then(
    (r) => r.rows,
    () => [],
  );
}

async function load(mode: Mode): Promise<Loaded> {
  const referents = call('referents.list', {}).catch(() => [] as Referent[]);
  if (mode.kind === 'new') {
    const immersions = immersionsOf(mode.salarieId);
    const fiche = await call('salaries.get', { id: mode.salarieId });
    const name = salarieDisplayName(fiche) ?? '';
    return {
      initial: newEntretienValues({
        salarieId: mode.salarieId,
        salarieName: name,
        referentId: fiche.identity.referentId,
        referentName: fiche.identity.referentName,
        today: todayIso(),
        kind: mode.entretienKind,
      }),
      view: null,
      fiche,
      immersions: await immersions,
      referents: await referents,
      salarieName: name,
    };
  }
  let view: EntretienView;
  if (mode.markHeld) {
    // Reopening the link after the fact must still work: fall back to a plain read.
    view = await call('entretiens.markHeld', { id: mode.id }).catch((error: unknown) => {
      if (error instanceof BridgeError && error.payload.code === 'NOT_FOUND') throw error;
      return call('entretiens.get', { id: mode.id, includeNotes: false });
    });
  } else {
    view = await call('entretiens.get', { id: mode.id, includeNotes: false });
  }
  const fiche = view.salarieId ? await call('salaries.get', { id: view.salarieId }).catch(() => null) : null;
  const initial = valuesFromView(view);
  // Shown so it can be moved from here; once held, it is history (re-sending it would plan another one).
  const next = view.nextEntretienId ? await call('entretiens.get', { id: view.nextEntretienId, includeNotes: false }).catch(() => null) : null;
  if (next?.status === 'planifie') initial.nextAppointment = { date: next.date, startTime: next.startTime ?? '', kind: next.kind };
  if (mode.markHeld) {
    initial.status = 'tenu';
  }
  return { initial, view, fiche, immersions: await immersionsOf(view.salarieId), referents: await referents, salarieName: salarieDisplayName(fiche, view.salarieName) };
}

function linkOptionsFor(fiche: SalarieFiche | null, immersions: ImmersionListRow[], view: EntretienView | null): LinkOption[] {
  const options: LinkOption[] = [];
  for (const i of immersions) {
    const where = i.hostName ? ` chez ${i.hostName}` : '';
    const when = i.startDate ? ` du ${formatDateShort(i.startDate)}` : '';
    options.push({ value: `immersion:${i.id}`, label: `Immersion${where}${when} (${immersionObjectiveShortLabels[i.objective]})` });
  }
  for (const c of fiche?.parcours.contracts ?? []) {
    options.push({ value: `contrat:${c.id}`, label: `Contrat ${contractKindLabels[c.kind]} du ${formatDateShort(c.startDate)}` });
  }
  for (const f of fiche?.parcours.formations ?? []) {
    options.push({ value: `formation:${f.id}`, label: `Formation : ${f.title}` });
  }
  const current = view?.link;
  if (current && !options.some((o) => o.value === `${current.type}:${current.id}`)) {
    options.push({ value: `${current.type}:${current.id}`, label: current.label ?? linkTypeLabels[current.type] });
  }
  return options;
}

/** `#/agenda/entretien/<id>[/tenu]` and `#/agenda/entretien/nouveau/<salarieId>[/<type>]`. */
export function EntretienPage({ params }: { params: string[] }) {
  const routeKey = params.join('/');
  const mode = parseEntretienParams(params);
  const [state, setState] = useState<{ key: string; data: Loaded | null; error: string | null }>({ key: '', data: null, error: null });

  useEffect(() => {
    if (!mode) return undefined;
    let cancelled = false;
    setState({ key: routeKey, data: null, error: null });
    load(mode).then(
      (data) => !cancelled && setState({ key: routeKey, data, error: null }),
      (error: unknown) =>
        !cancelled &&
        setState({
          key: routeKey,
          data: null,
          error: error instanceof BridgeError ? error.message : 'L’entretien n’a pas pu être ouvert. Réessayez.',
        }),
    );
    return () => {
      cancelled = true;
    };
    // The route string says everything `mode` says.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeKey]);

  useEffect(() => {
    document.getElementById('page-title')?.focus();
  }, [routeKey]);

  if (!mode) {
    return (
      <>
        <PageHeader title="Entretien introuvable" />
        <EmptyState title="Cette adresse ne correspond à aucun entretien">
          <p>
            Ouvrez un entretien depuis l’<a href={hrefFor('agenda')}>agenda</a> ou depuis la fiche d’un salarié.
          </p>
        </EmptyState>
      </>
    );
  }

  const data = state.key === routeKey ? state.data : null;
  const error = state.key === routeKey ? state.error : null;
  const view = data?.view ?? null;
  const salarieId = data?.initial.salarieId ?? (mode.kind === 'new' ? mode.salarieId : null);
  const title = data
    ? `${view ? entretienKindLabels[view.kind] : 'Nouvel entretien'}${data.salarieName ? ` — ${data.salarieName}` : ''}`
    : mode.kind === 'new'
      ? 'Nouvel entretien'
      : 'Entretien';

  return (
    <>
      <PageHeader
        title={title}
        actions={
          <>
            {view ? (
              <a className="button" href={printEntretienHref(view.id)}>
                Imprimer le compte-rendu
              </a>
            ) : null}
            {salarieId ? (
              <a className="button" href={salarieHref(salarieId)}>
                Fiche du salarié
              </a>
            ) : null}
            <a className="button" href={hrefFor('agenda')}>
              Agenda
            </a>
          </>
        }
      />
      {view ? (
        <p className="page-subtitle">
          {view.status === 'planifie' ? 'Rendez-vous prévu le ' : 'Entretien du '}
          {formatDateLong(view.date)}
          {view.startTime ? ` à ${formatTime(view.startTime)}` : ''}.
        </p>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {!data && !error ? <p aria-busy="true">Chargement de l’entretien…</p> : null}
      {data ? (
        <EntretienForm
          key={routeKey}
          initial={data.initial}
          draftKey={mode.kind === 'new' ? `entretien:nouveau:${mode.salarieId}` : `entretien:${mode.id}`}
          freins={data.fiche?.parcours.freins ?? []}
          referents={data.referents}
          linkOptions={linkOptionsFor(data.fiche, data.immersions, view)}
          notesHidden={Boolean(view?.hasNotes && view.notes === null)}
          focusObjectives={mode.kind === 'edit' && mode.markHeld}
          initialWarnings={view ? flashWarnings.get(view.id) : undefined}
          onSaved={(saved) => {
            const target = entretienHref(saved.id);
            if (window.location.hash !== target) {
              flashWarnings.set(saved.id, saved.warnings);
              // Replace: « Précédent » must not reopen a form that is already saved.
              window.location.replace(target);
            }
          }}
        />
      ) : null}
    </>
  );
}
