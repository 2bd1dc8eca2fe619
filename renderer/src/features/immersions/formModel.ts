import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { ImmersionObjective } from '../../../../shared/domain/immersions';
import type { FieldIssue } from '../../../../shared/ipc/errors';
import type { ImmersionInput, ImmersionView } from '../../../../shared/ipc/immersions';
import { parseTypedTime } from '../agenda/time';

/** The preparation form: what the CIP types, turned into the contract's ImmersionInput on save. */
export interface ImmersionFormValues {
  id: string | null;
  salarieId: string;
  objective: ImmersionObjective;
  rome: { code: string; label: string } | null;
  romeText: string;
  /** Host and tutor from the directory… */
  hostOrganisationId: string | null;
  tutorContactId: string | null;
  hostText: string;
  /** …or a tutor typed once (saved to the directory with the host). */
  hostMode: 'known' | 'new';
  newTutor: { organisationName: string; name: string; role: string; phone: string; email: string };
  prescriberMode: 'structure' | 'organisation';
  prescriberOrganisationId: string | null;
  prescriberText: string;
  startDate: string | null;
  endDate: string | null;
  schedule: { weekday: string; start: string; end: string }[];
  scheduleNote: string;
  place: string;
  activities: string;
  /** Undefined: not revealed, kept as stored. */
  notes: string | undefined;
}

export const emptyNewTutor = (): ImmersionFormValues['newTutor'] => ({ organisationName: '', name: '', role: '', phone: '', email: '' });

export function newImmersionValues(salarieId: string): ImmersionFormValues {
  return {
    id: null,
    salarieId,
    objective: 'skills_validation',
    rome: null,
    romeText: '',
    hostOrganisationId: null,
    tutorContactId: null,
    hostText: '',
    hostMode: 'known',
    newTutor: emptyNewTutor(),
    prescriberMode: 'structure',
    prescriberOrganisationId: null,
    prescriberText: '',
    startDate: null,
    endDate: null,
    schedule: [],
    scheduleNote: '',
    place: '',
    activities: '',
    notes: '',
  };
}

export function valuesFromView(view: ImmersionView): ImmersionFormValues {
  return {
    id: view.id,
    salarieId: view.salarieId,
    objective: view.objective,
    rome: view.romeCode ? { code: view.romeCode, label: view.romeLabel ?? '' } : null,
    romeText: view.romeCode ? `${view.romeCode} — ${view.romeLabel ?? ''}` : '',
    hostOrganisationId: view.host?.organisationId ?? null,
    tutorContactId: view.tutor?.contactId ?? null,
    hostText: view.host ? (view.tutor ? `${view.tutor.name} (${view.host.name})` : view.host.name) : '',
    hostMode: 'known',
    newTutor: emptyNewTutor(),
    prescriberMode: view.prescriber.organisationId ? 'organisation' : 'structure',
    prescriberOrganisationId: view.prescriber.organisationId,
    prescriberText: view.prescriber.organisationId ? view.prescriber.name : '',
    startDate: view.startDate,
    endDate: view.endDate,
    schedule: view.schedule.map((s) => ({ weekday: String(s.weekday), start: s.start, end: s.end })),
    scheduleNote: view.scheduleNote ?? '',
    place: view.place ?? '',
    activities: view.activities ?? '',
    notes: undefined,
  };
}

/** Typed times (`9h`, `9:30`, `13 h 30`) to `HH:MM`; anything else is kept for the contract to refuse in French. */
export function normaliseTime(text: string): string {
  return parseTypedTime(text) ?? '';
}

export function inputFromValues(v: ImmersionFormValues): ImmersionInput {
  return {
    ...(v.id ? { id: v.id } : {}),
    salarieId: v.salarieId,
    objective: v.objective,
    romeCode: v.rome?.code ?? null,
    romeLabel: v.rome?.label ?? null,
    hostOrganisationId: v.hostMode === 'known' ? v.hostOrganisationId : null,
    tutorContactId: v.hostMode === 'known' ? v.tutorContactId : null,
    newTutor:
      v.hostMode === 'new'
        ? { organisationId: null, organisationName: v.newTutor.organisationName, name: v.newTutor.name, role: v.newTutor.role, phone: v.newTutor.phone, email: v.newTutor.email }
        : null,
    prescriberOrganisationId: v.prescriberMode === 'organisation' ? v.prescriberOrganisationId : null,
    startDate: v.startDate,
    endDate: v.endDate,
    schedule: v.schedule.map((s) => ({ weekday: Number(s.weekday), start: normaliseTime(s.start), end: normaliseTime(s.end) })),
    scheduleNote: v.scheduleNote,
    place: v.place,
    activities: v.activities,
    ...(v.notes === undefined ? {} : { notes: v.notes }),
  };
}

/** Contract paths that are not form fields are shown on the closest field. */
const PATH_ALIASES: Record<string, string> = {
  romeCode: 'romeText',
  romeLabel: 'romeText',
  hostOrganisationId: 'hostText',
  tutorContactId: 'hostText',
  prescriberOrganisationId: 'prescriberText',
};

/** Puts the core's (or the contract's) field issues on the form's fields; returns the ones that found no field. */
export function applyIssues<T extends FieldValues>(form: UseFormReturn<T, unknown, unknown>, issues: readonly FieldIssue[], aliases: Record<string, string> = PATH_ALIASES): FieldIssue[] {
  const left: FieldIssue[] = [];
  for (const issue of issues) {
    const path = aliases[issue.path] ?? issue.path;
    if (path === '') {
      left.push(issue);
      continue;
    }
    form.setError(path as Path<T>, { type: 'server', message: issue.message });
  }
  return left;
}
