import { describe, expect, it } from 'vitest';
import {
  emptyDocument,
  emptyNextStep,
  emptyObjective,
  entretienResolver,
  newEntretienValues,
  thirdPartyRow,
  toEntretienInput,
  type EntretienFormValues,
} from '../../../../renderer/src/features/entretiens/formModel';

function form(patch: Partial<EntretienFormValues> = {}): EntretienFormValues {
  return {
    ...newEntretienValues({ salarieId: 's1', salarieName: 'Samir Durand', referentId: 'r1', referentName: 'Claire Martin', today: '2026-11-23', kind: 'tripartite' }),
    ...patch,
  };
}

async function resolve(values: EntretienFormValues) {
  return entretienResolver(values, undefined, { fields: {}, shouldUseNativeValidation: false });
}

describe('entretien form → contract input', () => {
  it('prefills a new tripartite entretien: salarié, référent and an empty third party; moment from the kind', () => {
    const values = form();
    expect(values.moment).toBe('parcours');
    expect(values.status).toBe('tenu');
    expect(values.participants.map((p) => p.role)).toEqual(['salarie', 'referent', 'employeur']);
  });

  it('drops blank rows and converts typed text (time, duration, empty texts)', () => {
    const values = form({
      startTime: '14h30',
      durationMinutes: '45',
      objectives: [emptyObjective(), { text: 'Obtenir le permis B', deadline: '2027-01-07', conditions: '' }, emptyObjective()],
      documents: [emptyDocument(), { label: 'CV', direction: 'remis' }],
      nextSteps: [emptyNextStep()],
      participants: form().participants.slice(0, 2),
    });
    const { input } = toEntretienInput(values);
    expect(input.startTime).toBe('14:30');
    expect(input.durationMinutes).toBe(45);
    expect(input.objectives).toEqual([{ text: 'Obtenir le permis B', deadline: '2027-01-07', conditions: null }]);
    expect(input.documents).toEqual([{ label: 'CV', direction: 'remis' }]);
    expect(input.nextSteps).toEqual([]);
    expect(input.participants?.map((p) => p.role)).toEqual(['salarie', 'referent']);
    expect(input.nextAppointment).toBeNull();
  });

  it('puts a contract error on the row the user sees, even after blank rows were dropped', async () => {
    const values = form({
      participants: form().participants.slice(0, 2),
      objectives: [emptyObjective(), { text: '', deadline: '2026-12-01', conditions: '' }],
    });
    const result = await resolve(values);
    const errors = result.errors as { objectives?: Record<string, { text?: { message: string } }> };
    expect(errors.objectives?.['1']?.text?.message).toBe('Objectif : champ obligatoire.');
    expect(errors.objectives?.['0']).toBeUndefined();
  });

  it('refuses a third party typed but neither chosen nor created, and an invalid duration, in French', async () => {
    const typed = { ...thirdPartyRow('employeur'), displayName: 'Boulangerie' };
    const result = await resolve(form({ participants: [...form().participants.slice(0, 2), typed], durationMinutes: '1 h' }));
    const errors = result.errors as { participants?: Record<string, { displayName?: { message: string } }>; durationMinutes?: { message: string } };
    expect(errors.participants?.['2']?.displayName?.message).toMatch(/Choisissez ce participant dans la liste/);
    expect(errors.durationMinutes?.message).toMatch(/Durée invalide/);
  });

  it('sends a new contact typed once with its organisation, and an unparsed time to be refused by the contract', async () => {
    const contact = { ...thirdPartyRow('employeur'), mode: 'new' as const, newContact: { organisationName: 'Boulangerie Martin', name: 'Julie Lefort', role: 'Gérante', phone: '', email: '' } };
    const values = form({ participants: [...form().participants.slice(0, 2), contact] });
    const { input } = toEntretienInput(values);
    expect(input.participants?.[2]).toMatchObject({
      role: 'employeur',
      organisationId: null,
      contactId: null,
      displayName: 'Julie Lefort',
      newContact: { organisationId: null, organisationName: 'Boulangerie Martin', name: 'Julie Lefort', role: 'Gérante', phone: null, email: null },
    });
    expect(Object.keys((await resolve(values)).errors)).toEqual([]);
    const late = await resolve({ ...values, startTime: '25h' });
    expect((late.errors as { startTime?: { message: string } }).startTime?.message).toBe('Heure invalide (ex. 14:30).');
  });

  it('keeps a name-only participant recorded earlier, unless the user edits it', async () => {
    const old = { ...thirdPartyRow('autre'), displayName: 'M. Petit (voisin)', nameOnly: true };
    const result = await resolve(form({ participants: [...form().participants.slice(0, 2), old] }));
    expect(Object.keys(result.errors)).toEqual([]);
  });
});
