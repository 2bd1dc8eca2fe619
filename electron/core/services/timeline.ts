import { contractKindLabels } from '../../../shared/domain/contracts';
import { entretienKindLabels, entretienStatusLabels, type EntretienKind, type EntretienStatus } from '../../../shared/domain/entretiens';
import { formatFrenchDate } from '../../../shared/domain/calendar';
import { SENSITIVE_EXIT_MOTIFS, type ExitMotif } from '../../../shared/domain/exits';
import { freinKinds, freinStatusLabels, supportModeLabels } from '../../../shared/domain/freins';
import {
  PASS_IAE_RULES,
  prolongationReasonLabels,
  suspensionReasonLabels,
} from '../../../shared/domain/pass-iae';
import type { ContractView, FreinView, PassIaeView, SalarieParcours, SortieView } from '../../../shared/ipc/parcours';
import { projetStatusLabels } from '../../../shared/ipc/parcours';
import type { TimelineEvent } from '../../../shared/ipc/salaries';

/*
 * The fiche's history: one event per dated fact of the parcours, newest first. Confidential facts
 * (health/justice freins, sensitive PASS reasons and exit motifs) keep their date and kind but
 * lose their text.
 */

type Event = TimelineEvent;

function ev(
  date: string,
  kind: Event['kind'],
  title: string,
  detail: string | null,
  ref: Event['ref'],
  confidential = false,
): Event {
  return { date, kind, title, detail, ref, confidential };
}

function passEvents(pass: PassIaeView): Event[] {
  const ref = { type: 'pass_iae', id: pass.number ?? 'pass_iae' };
  const out = [ev(pass.startDate, 'pass_iae', 'Début du PASS IAE', `Fin prévue le ${formatFrenchDate(pass.effectiveEndDate)}`, ref)];
  for (const s of pass.suspensions) {
    const sensitive = PASS_IAE_RULES.suspensionReasons[s.reason].sensitive;
    out.push(
      ev(
        s.startDate,
        'pass_iae',
        'Suspension du PASS IAE',
        `Du ${formatFrenchDate(s.startDate)} au ${formatFrenchDate(s.endDate)}${sensitive ? '' : ` — ${suspensionReasonLabels[s.reason]}`}`,
        { type: 'pass_iae_suspension', id: s.id },
        sensitive,
      ),
    );
  }
  for (const p of pass.prolongations) {
    const sensitive = PASS_IAE_RULES.prolongationReasons[p.reason].sensitive;
    out.push(
      ev(
        p.startDate,
        'pass_iae',
        'Prolongation du PASS IAE',
        `Jusqu’au ${formatFrenchDate(p.endDate)}${sensitive ? '' : ` — ${prolongationReasonLabels[p.reason]}`}`,
        { type: 'pass_iae_prolongation', id: p.id },
        sensitive,
      ),
    );
  }
  return out;
}

function contractEvents(c: ContractView, today: string): Event[] {
  const ref = { type: 'contract', id: c.id };
  const label = contractKindLabels[c.kind];
  const out = [
    ev(
      c.startDate,
      'contrat',
      c.isRenewal ? `Renouvellement : ${label}` : `Début de contrat : ${label}`,
      c.endDate ? `Jusqu’au ${formatFrenchDate(c.endDate)}` : 'Sans date de fin',
      ref,
    ),
  ];
  if (c.endDate !== null && c.endDate <= today) out.push(ev(c.endDate, 'contrat', `Fin de contrat : ${label}`, null, ref));
  return out;
}

function freinEvents(f: FreinView): Event[] {
  const ref = { type: 'frein', id: f.id };
  const name = f.confidential ? 'frein confidentiel' : `frein « ${freinKinds[f.kind].label} »`;
  const out = [ev(f.identifiedDate, 'frein', `Identification d’un ${name}`, f.details, ref, f.confidential)];
  if (f.closedDate !== null) {
    out.push(ev(f.closedDate, 'frein', `${freinStatusLabels[f.status]} : ${name}`, null, ref, f.confidential));
  }
  for (const a of f.actions) {
    const detail = [a.partner, a.note].filter((x): x is string => x !== null && x !== '').join(' — ');
    out.push(
      ev(a.date, 'frein_action', `${supportModeLabels[a.mode]} (${name})`, detail === '' ? null : detail, { type: 'frein_action', id: a.id }, f.confidential),
    );
  }
  return out;
}

function sortieEvents(s: SortieView): Event[] {
  const sensitive = SENSITIVE_EXIT_MOTIFS.includes(s.motif as ExitMotif);
  const out = [
    ev(
      s.exitDate,
      'sortie',
      'Sortie du parcours',
      sensitive ? s.categoryLabel : `${s.motifLabel} (${s.categoryLabel})`,
      { type: 'sortie', id: s.exitDate },
      sensitive,
    ),
  ];
  for (const f of s.followUps) {
    if (f.doneDate === null) continue;
    out.push(ev(f.doneDate, 'suivi', `Suivi à ${f.offsetMonths} mois après la sortie`, f.situation, { type: 'suivi', id: f.id }));
  }
  return out;
}

export interface TimelineEntretien {
  id: string;
  date: string;
  kind: string;
  status: string;
  title: string | null;
}

function entretienEvent(e: TimelineEntretien): Event {
  const kind = entretienKindLabels[e.kind as EntretienKind] ?? e.kind;
  const status = e.status === 'tenu' ? null : (entretienStatusLabels[e.status as EntretienStatus] ?? e.status);
  // Notes stay out of the timeline: they are confidential and read only on request.
  return ev(e.date, 'entretien', status ? `${kind} (${status.toLowerCase()})` : kind, e.title, { type: 'entretien', id: e.id });
}

export interface TimelineImmersion {
  id: string;
  date: string;
  title: string;
  detail: string | null;
}

export function buildTimeline(input: {
  entryDate: string | null;
  parcours: SalarieParcours;
  today: string;
  entretiens?: readonly TimelineEntretien[];
  immersions?: readonly TimelineImmersion[];
}): Event[] {
  const { parcours, today } = input;
  const events: Event[] = [];
  for (const e of input.entretiens ?? []) events.push(entretienEvent(e));
  // Immersions and their bilans; notes and grids stay on the immersion's own page.
  for (const i of input.immersions ?? []) events.push(ev(i.date, 'immersion', i.title, i.detail, { type: 'immersion', id: i.id }));
  if (input.entryDate) events.push(ev(input.entryDate, 'entree', 'Entrée en parcours', null, null));
  if (parcours.passIae) events.push(...passEvents(parcours.passIae));
  for (const c of parcours.contracts) events.push(...contractEvents(c, today));
  for (const f of parcours.freins) events.push(...freinEvents(f));
  for (const f of parcours.formations) {
    events.push(ev(f.startDate, 'formation', `Formation : ${f.title}`, f.organisme, { type: 'formation', id: f.id }));
  }
  if (parcours.projet) {
    const targets = parcours.projet.targets.map((t) => t.label).join(', ');
    events.push(
      ev(
        parcours.projet.updatedAt.slice(0, 10),
        'projet',
        `Projet professionnel : ${projetStatusLabels[parcours.projet.status]}`,
        targets === '' ? null : targets,
        { type: 'projet', id: 'projet' },
      ),
    );
  }
  if (parcours.sortie) events.push(...sortieEvents(parcours.sortie));
  for (const a of parcours.actions) {
    events.push(
      ev(a.doneDate ?? a.dueDate, 'action', a.doneDate ? `Action réalisée : ${a.label}` : `Action prévue : ${a.label}`, a.owner, {
        type: 'action',
        id: a.id,
      }),
    );
  }
  // Newest first; same day: keep the order above (entry before contract, etc.) reversed consistently.
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => b.e.date.localeCompare(a.e.date) || b.i - a.i)
    .map(({ e }) => e);
}
