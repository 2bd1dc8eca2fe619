import type { FieldErrors, Resolver } from 'react-hook-form';
import {
  defaultMomentByKind,
  type EntretienKind,
  type EntretienMoment,
  type EntretienStatus,
  type LinkType,
  type ParticipantRole,
  type PlaceKind,
} from '../../../../shared/domain/entretiens';
import { EntretienInput, type EntretienView } from '../../../../shared/ipc/entretiens';
import type { z } from 'zod';
import { parseTypedTime } from '../agenda/time';

/*
 * The entretien form works on strings (what is typed); `toEntretienInput` turns them into the
 * contract's input, dropping blank rows, and the resolver validates with the contract schema itself
 * so the form shows exactly the core's French messages, on the right field.
 */

export interface NewContactValue {
  organisationName: string;
  name: string;
  role: string;
  phone: string;
  email: string;
}

export interface ParticipantValue {
  role: ParticipantRole;
  salarieId: string | null;
  referentId: string | null;
  organisationId: string | null;
  contactId: string | null;
  /** The person (or the organisation alone); while searching, the text typed. */
  displayName: string;
  organisationName: string;
  /** 'known': the salarié, a référent or a contact picked from the directory; 'new': typed now, saved to the directory. */
  mode: 'known' | 'new';
  newContact: NewContactValue;
  /** A name-only participant recorded earlier (not in the directory): kept as it was unless edited. */
  nameOnly?: boolean;
}

export interface ObjectiveValue {
  text: string;
  deadline: string | null;
  conditions: string;
}

export interface DocumentValue {
  label: string;
  direction: 'remis' | 'a_produire';
}

export interface NextStepValue {
  label: string;
  dueDate: string | null;
  owner: string;
}

export interface EntretienFormValues {
  id: string | null;
  salarieId: string | null;
  kind: EntretienKind;
  moment: EntretienMoment;
  status: EntretienStatus;
  date: string | null;
  startTime: string;
  durationMinutes: string;
  placeKind: PlaceKind | '';
  placeDetail: string;
  title: string;
  participants: ParticipantValue[];
  objectives: ObjectiveValue[];
  decisions: string;
  freinIds: string[];
  documents: DocumentValue[];
  notes: string;
  nextSteps: NextStepValue[];
  nextAppointment: { date: string | null; startTime: string; kind: EntretienKind };
  /** `<type>:<id>` or ''. */
  link: string;
  missedReason: string;
}

export type EntretienSubmit = z.output<typeof EntretienInput>;

export const emptyNewContact = (): NewContactValue => ({ organisationName: '', name: '', role: '', phone: '', email: '' });
export const emptyObjective = (): ObjectiveValue => ({ text: '', deadline: null, conditions: '' });
export const emptyDocument = (): DocumentValue => ({ label: '', direction: 'remis' });
export const emptyNextStep = (): NextStepValue => ({ label: '', dueDate: null, owner: '' });

export function thirdPartyRow(role: ParticipantRole = 'employeur'): ParticipantValue {
  return {
    role,
    salarieId: null,
    referentId: null,
    organisationId: null,
    contactId: null,
    displayName: '',
    organisationName: '',
    mode: 'known',
    newContact: emptyNewContact(),
  };
}

export function salarieRow(salarieId: string, name: string): ParticipantValue {
  return { ...thirdPartyRow('salarie'), salarieId, displayName: name };
}

export function referentRow(referentId: string | null, name: string): ParticipantValue {
  return { ...thirdPartyRow('referent'), referentId, displayName: name };
}

export interface NewFormContext {
  salarieId: string;
  salarieName: string;
  referentId: string | null;
  referentName: string | null;
  today: string;
  kind?: EntretienKind | undefined;
}

/** A new entretien recorded from the fiche: most often one that just took place, today. */
export function newEntretienValues(ctx: NewFormContext): EntretienFormValues {
  const kind = ctx.kind ?? 'suivi_individuel';
  return {
    id: null,
    salarieId: ctx.salarieId,
    kind,
    moment: defaultMomentByKind[kind],
    status: 'tenu',
    date: ctx.today,
    startTime: '',
    durationMinutes: '',
    placeKind: 'structure',
    placeDetail: '',
    title: '',
    participants: [
      salarieRow(ctx.salarieId, ctx.salarieName),
      referentRow(ctx.referentId, ctx.referentName ?? ''),
      ...(kind === 'tripartite' ? [thirdPartyRow()] : []),
    ],
    objectives: [emptyObjective()],
    decisions: '',
    freinIds: [],
    documents: [emptyDocument()],
    notes: '',
    nextSteps: [emptyNextStep()],
    nextAppointment: { date: null, startTime: '', kind },
    link: '',
    missedReason: '',
  };
}

/** An existing entretien in the form; blank rows are offered where the lists are empty. */
export function valuesFromView(view: EntretienView): EntretienFormValues {
  return {
    id: view.id,
    salarieId: view.salarieId,
    kind: view.kind,
    moment: view.moment,
    status: view.status,
    date: view.date,
    startTime: view.startTime ?? '',
    durationMinutes: view.durationMinutes === null ? '' : String(view.durationMinutes),
    placeKind: view.placeKind ?? '',
    placeDetail: view.placeDetail ?? '',
    title: view.title ?? '',
    participants: view.participants.map((p) => ({
      role: p.role,
      salarieId: p.salarieId,
      referentId: p.referentId,
      organisationId: p.organisationId,
      contactId: p.contactId,
      displayName: p.displayName,
      organisationName: p.organisationName ?? '',
      mode: 'known' as const,
      newContact: emptyNewContact(),
      nameOnly: !p.salarieId && !p.referentId && !p.organisationId && !p.contactId,
    })),
    objectives: view.objectives.length ? view.objectives.map((o) => ({ text: o.text, deadline: o.deadline, conditions: o.conditions ?? '' })) : [emptyObjective()],
    decisions: view.decisions ?? '',
    freinIds: view.freins.map((f) => f.id),
    documents: view.documents.length ? view.documents.map((d) => ({ label: d.label, direction: d.direction })) : [emptyDocument()],
    notes: view.notes ?? '',
    // Open next steps only: done ones are history and stay as they are.
    nextSteps: view.nextSteps.length ? view.nextSteps.map((s) => ({ label: s.label, dueDate: s.dueDate, owner: s.owner ?? '' })) : [emptyNextStep()],
    nextAppointment: { date: null, startTime: '', kind: view.kind },
    link: view.link ? `${view.link.type}:${view.link.id}` : '',
    missedReason: view.missedReason ?? '',
  };
}

type Issue = { path: string; message: string };

const blank = (s: string | null | undefined) => (s ?? '').trim() === '';
const textOrNull = (s: string) => (s.trim() === '' ? null : s);

/** Keeps the form index of every row sent, so an issue on `objectives.1.text` lands on the right row. */
function keep<T>(rows: T[], isBlank: (row: T) => boolean): Array<{ row: T; formIndex: number }> {
  return rows.map((row, formIndex) => ({ row, formIndex })).filter(({ row }) => !isBlank(row));
}

export function isThirdParty(role: ParticipantRole): boolean {
  return role !== 'salarie' && role !== 'referent';
}

/** « Mme Durand — Boulangerie Martin », or the organisation alone. */
export function participantLabel(p: Pick<ParticipantValue, 'displayName' | 'organisationName'>): string {
  if (p.organisationName && p.displayName && p.displayName !== p.organisationName) return `${p.displayName} — ${p.organisationName}`;
  return p.displayName || p.organisationName;
}

export function isParticipantBlank(p: ParticipantValue): boolean {
  if (p.mode === 'new') return Object.values(p.newContact).every((v) => blank(v));
  return !p.salarieId && !p.referentId && !p.organisationId && !p.contactId && blank(p.displayName);
}

export function toEntretienInput(v: EntretienFormValues): { input: EntretienInput; issues: Issue[]; formPath(path: PropertyKey[]): string } {
  const issues: Issue[] = [];
  const participants = keep(v.participants, isParticipantBlank);
  const objectives = keep(v.objectives, (o) => blank(o.text) && !o.deadline && blank(o.conditions));
  const documents = keep(v.documents, (d) => blank(d.label));
  const nextSteps = keep(v.nextSteps, (s) => blank(s.label) && !s.dueDate && blank(s.owner));

  let durationMinutes: number | null = null;
  if (!blank(v.durationMinutes)) {
    const n = Number(v.durationMinutes.trim().replace(',', '.'));
    if (!Number.isInteger(n) || n < 5 || n > 600) issues.push({ path: 'durationMinutes', message: 'Durée invalide : indiquez un nombre de minutes entre 5 et 600 (ex. 45).' });
    else durationMinutes = n;
  }

  const [linkType, ...linkId] = v.link.split(':');
  const link = v.link ? { type: linkType as LinkType, id: linkId.join(':') } : null;

  for (const { row, formIndex } of participants) {
    if (row.mode === 'new' && blank(row.newContact.name)) {
      issues.push({ path: `participants.${formIndex}.newContact.name`, message: 'Nom du contact : champ obligatoire.' });
    }
    if (row.mode === 'known' && isThirdParty(row.role) && !row.organisationId && !row.contactId && !row.nameOnly) {
      issues.push({
        path: `participants.${formIndex}.displayName`,
        message: 'Choisissez ce participant dans la liste, ou « Nouveau contact » pour l’ajouter au répertoire.',
      });
    }
  }

  const input: EntretienInput = {
    ...(v.id ? { id: v.id } : {}),
    salarieId: v.salarieId,
    kind: v.kind,
    moment: v.moment,
    status: v.status,
    date: v.date as string,
    startTime: parseTypedTime(v.startTime),
    durationMinutes,
    placeKind: v.placeKind === '' ? null : v.placeKind,
    placeDetail: textOrNull(v.placeDetail),
    title: textOrNull(v.title),
    participants: participants.map(({ row }) => ({
      role: row.role,
      salarieId: row.mode === 'known' ? row.salarieId : null,
      referentId: row.mode === 'known' ? row.referentId : null,
      organisationId: row.mode === 'known' ? row.organisationId : null,
      contactId: row.mode === 'known' ? row.contactId : null,
      newContact:
        row.mode === 'new'
          ? {
              organisationId: null,
              organisationName: textOrNull(row.newContact.organisationName),
              name: row.newContact.name,
              role: textOrNull(row.newContact.role),
              phone: textOrNull(row.newContact.phone),
              email: textOrNull(row.newContact.email),
            }
          : null,
      displayName: row.mode === 'new' ? textOrNull(row.newContact.name) : textOrNull(row.displayName),
    })),
    objectives: objectives.map(({ row }) => ({ text: row.text, deadline: row.deadline, conditions: textOrNull(row.conditions) })),
    decisions: textOrNull(v.decisions),
    freinIds: v.freinIds,
    documents: documents.map(({ row }) => ({ label: row.label, direction: row.direction })),
    notes: textOrNull(v.notes),
    nextSteps: nextSteps.map(({ row }) => ({ label: row.label, dueDate: row.dueDate as string, owner: textOrNull(row.owner), kind: 'suivi' as const })),
    nextAppointment: v.nextAppointment.date
      ? { date: v.nextAppointment.date, startTime: parseTypedTime(v.nextAppointment.startTime), kind: v.nextAppointment.kind }
      : null,
    link,
    missedReason: v.status === 'manque' ? textOrNull(v.missedReason) : null,
  };

  const rowMaps: Record<string, Array<{ formIndex: number }>> = { participants, objectives, documents, nextSteps };
  function formPath(path: PropertyKey[]): string {
    const parts = path.map(String);
    const map = parts[0] ? rowMaps[parts[0]] : undefined;
    if (map && parts[1] !== undefined) {
      const row = map[Number(parts[1])];
      if (row) parts[1] = String(row.formIndex);
    }
    if (parts[0] === 'link') return 'link';
    if (parts[0] === 'participants' && parts[2] === 'displayName') return `participants.${parts[1]}.displayName`;
    return parts.join('.') || 'root';
  }
  return { input, issues, formPath };
}

function nest(flat: Record<string, { type: string; message: string }>): Record<string, unknown> {
  const nested: Record<string, unknown> = {};
  for (const [path, error] of Object.entries(flat)) {
    const keys = path.split('.');
    let node = nested;
    keys.forEach((key, index) => {
      if (index === keys.length - 1) node[key] = error;
      else node = (node[key] ??= {}) as Record<string, unknown>;
    });
  }
  return nested;
}

/** Validates with the contract's own schema; issues go back onto the form's rows. */
export const entretienResolver: Resolver<EntretienFormValues, unknown, EntretienSubmit> = async (values) => {
  const { input, issues, formPath } = toEntretienInput(values);
  const flat: Record<string, { type: string; message: string }> = {};
  for (const issue of issues) flat[issue.path] ??= { type: 'custom', message: issue.message };
  const result = EntretienInput.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) flat[formPath(issue.path)] ??= { type: issue.code, message: issue.message };
  }
  if (Object.keys(flat).length === 0 && result.success) return { values: result.data, errors: {} };
  return { values: {}, errors: nest(flat) as FieldErrors<EntretienFormValues> };
};

/** Server-side issue path → form field name (the same mapping as the resolver). */
export function serverIssuePath(values: EntretienFormValues, path: string): string {
  return toEntretienInput(values).formPath(path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
}
