import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bilanIssues,
  CONVENTION_STATUSES,
  conventionFactsRefusal,
  firstNameAndInitial,
  IF_CONTRACT_TYPES,
  IMMERSION_OBJECTIVES,
  IMMERSION_RULES,
  IMMERSION_STATUSES,
  immersionObjectiveLabels,
  immersionTransitions,
  immersionWarnings,
  isFinalImmersionStatus,
  plannedEvaluationDates,
  renewalDates,
  renewalRefusal,
  scheduledHours,
  transitionImmersion,
  weeklyHours,
  type ImmersionObjective,
  type ImmersionRulesInput,
  type ImmersionStatus,
  type ScheduleSlot,
  type TransitionFacts,
} from '../../../shared/domain/immersions';
import { FC_OPTIONS } from './arbitraries';

const COMPLETE: TransitionFacts = { hostOrganisationId: 'org-1', romeCode: 'K2204', startDate: '2026-12-01', endDate: '2026-12-14' };
const EMPTY: TransitionFacts = { hostOrganisationId: null, romeCode: null, startDate: null, endDate: null };
/** Monday to Friday, 9 h–12 h and 13 h 30–17 h: 32,5 h a week. */
const WEEK: ScheduleSlot[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
  { weekday, start: '09:00', end: '12:00' },
  { weekday, start: '13:30', end: '17:00' },
]);

describe('PMSMP objectives and bilan vocabulary', () => {
  it('uses Immersion Facilitée’s three objectives and contract types verbatim', () => {
    expect(IMMERSION_OBJECTIVES.map((o) => immersionObjectiveLabels[o])).toEqual([
      "Découvrir un métier ou un secteur d'activité",
      'Confirmer un projet professionnel',
      'Initier une démarche de recrutement',
    ]);
    expect(IF_CONTRACT_TYPES).toEqual(['CDI', 'CDD > ou = 6 mois', 'CDD < 6 mois', 'Alternance', 'Contrat aidé', "Contrat d'insertion", 'Autre']);
  });

  it('shows the salarié on host documents by first name and initial only', () => {
    expect(firstNameAndInitial('Samir', 'durand')).toBe('Samir D.');
    expect(firstNameAndInitial('Léa', 'Éluard')).toBe('Léa É.');
  });
});

describe('immersion status transitions', () => {
  it('follows brouillon → convention à signer → signée → en cours → terminée', () => {
    let status: ImmersionStatus = 'brouillon';
    for (const to of ['convention_a_signer', 'signee', 'en_cours', 'terminee'] as const) {
      const result = transitionImmersion(status, to, COMPLETE);
      expect(result).toEqual({ ok: true, status: to });
      status = to;
    }
    expect(isFinalImmersionStatus(status)).toBe(true);
  });

  it('refuses a skipped step, a started immersion cancelled and anything after the end, in French', () => {
    expect(transitionImmersion('brouillon', 'en_cours', COMPLETE)).toEqual({ ok: false, message: 'Une immersion « Brouillon » ne peut pas passer à « En cours ».' });
    expect(transitionImmersion('en_cours', 'annulee', { ...COMPLETE, reason: 'abandon' })).toMatchObject({ ok: false });
    expect(transitionImmersion('terminee', 'en_cours', COMPLETE)).toMatchObject({ ok: false });
    expect(transitionImmersion('annulee', 'brouillon', COMPLETE)).toMatchObject({ ok: false });
    expect(transitionImmersion('signee', 'signee', COMPLETE)).toEqual({ ok: false, message: 'L’immersion est déjà « Convention signée ».' });
  });

  it('needs the host, the trade and the dates before the convention, and a reason to cancel', () => {
    expect(transitionImmersion('brouillon', 'convention_a_signer', { ...EMPTY, romeCode: 'K2204' })).toEqual({
      ok: false,
      message: 'Pour établir la convention, renseignez d’abord la structure d’accueil, la date de début et la date de fin.',
    });
    expect(transitionImmersion('brouillon', 'annulee', EMPTY)).toEqual({ ok: false, message: 'Indiquez le motif de l’annulation.' });
    expect(transitionImmersion('brouillon', 'annulee', { ...EMPTY, reason: 'Projet abandonné' })).toEqual({ ok: true, status: 'annulee' });
    expect(conventionFactsRefusal('signee', { ...COMPLETE, hostOrganisationId: null })).toBe('La convention est établie : la structure d’accueil reste obligatoire.');
    expect(conventionFactsRefusal('brouillon', EMPTY)).toBeNull();
  });

  it('renews once, from a started immersion, for the same duration right after', () => {
    expect(renewalRefusal({ status: 'terminee', renewalOfId: null }, [])).toBeNull();
    expect(renewalRefusal({ status: 'terminee', renewalOfId: null }, [{ status: 'annulee' }])).toBeNull();
    expect(renewalRefusal({ status: 'terminee', renewalOfId: null }, [{ status: 'brouillon' }])).toMatch(/déjà été renouvelée/);
    expect(renewalRefusal({ status: 'terminee', renewalOfId: 'x' }, [])).toMatch(/déjà un renouvellement/);
    expect(renewalRefusal({ status: 'signee', renewalOfId: null }, [])).toMatch(/commencée ou terminée/);
    expect(renewalDates({ startDate: '2026-12-01', endDate: '2026-12-14' })).toEqual({ startDate: '2026-12-15', endDate: '2026-12-28' });
  });
});

// ── Property: no sequence of actions reaches an invalid state ───────────────────

interface Imm {
  id: string;
  objective: ImmersionObjective;
  status: ImmersionStatus;
  facts: TransitionFacts;
  renewalOfId: string | null;
  cancelReason: string | null;
  /** Status of the source when this renewal was created. */
  sourceStatusAtRenewal: ImmersionStatus | null;
  history: ImmersionStatus[];
}

type Action =
  | { type: 'create'; objective: ImmersionObjective }
  | { type: 'fill'; at: number }
  | { type: 'clear'; at: number; field: keyof TransitionFacts }
  /** `to` null: one of the target's allowed next statuses (by `pick`), so long lifecycles are reached. */
  | { type: 'transition'; at: number; to: ImmersionStatus | null; pick: number; reason: boolean }
  | { type: 'renew'; at: number }
  /** Fill in the convention facts, then along the happy path up to « en cours » (each step through the domain). */
  | { type: 'start'; at: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ type: fc.constant('create' as const), objective: fc.constantFrom(...IMMERSION_OBJECTIVES) }),
  fc.record({ type: fc.constant('fill' as const), at: fc.nat(20) }),
  fc.record({ type: fc.constant('clear' as const), at: fc.nat(20), field: fc.constantFrom('hostOrganisationId', 'romeCode', 'startDate', 'endDate') as fc.Arbitrary<keyof TransitionFacts> }),
  { arbitrary: fc.record({ type: fc.constant('transition' as const), at: fc.nat(20), to: fc.constantFrom(...IMMERSION_STATUSES), pick: fc.constant(0), reason: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('transition' as const), at: fc.nat(20), to: fc.constant(null), pick: fc.nat(3), reason: fc.boolean() }), weight: 6 },
  { arbitrary: fc.record({ type: fc.constant('renew' as const), at: fc.nat(20) }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('start' as const), at: fc.nat(20) }), weight: 2 },
);

/** The rules the services apply, through the pure domain functions only. */
function apply(world: Imm[], action: Action): void {
  if (action.type === 'create') {
    world.push({ id: `i${world.length}`, objective: action.objective, status: 'brouillon', facts: world.length % 2 === 0 ? { ...COMPLETE } : { ...EMPTY }, renewalOfId: null, cancelReason: null, sourceStatusAtRenewal: null, history: ['brouillon'] });
    return;
  }
  // Counted from the newest: recent immersions (renewals) are the interesting targets.
  const target = world[world.length - 1 - (action.at % Math.max(world.length, 1))];
  if (!target) return;
  if (action.type === 'start') {
    apply(world, { type: 'fill', at: action.at });
    for (const to of ['convention_a_signer', 'signee', 'en_cours'] as const) apply(world, { type: 'transition', at: action.at, to, pick: 0, reason: false });
    return;
  }
  if (action.type === 'fill' || action.type === 'clear') {
    const facts = action.type === 'fill' ? COMPLETE : { ...target.facts, [action.field]: null };
    if (target.status === 'annulee' || conventionFactsRefusal(target.status, facts) !== null) return;
    target.facts = { ...facts };
    return;
  }
  if (action.type === 'transition') {
    const reason = action.reason ? 'Motif' : null;
    const next = immersionTransitions[target.status];
    const to = action.to ?? next[action.pick % Math.max(next.length, 1)] ?? target.status;
    const result = transitionImmersion(target.status, to, { ...target.facts, reason });
    if (!result.ok) {
      expect(result.message.length).toBeGreaterThan(10);
      return;
    }
    expect(result.status).toBe(to);
    target.status = result.status;
    target.cancelReason = result.status === 'annulee' ? reason : null;
    target.history.push(result.status);
    return;
  }
  const renewals = world.filter((w) => w.renewalOfId === target.id);
  if (renewalRefusal(target, renewals) !== null) return;
  world.push({
    id: `i${world.length}`,
    objective: target.objective,
    status: 'brouillon',
    facts: { ...target.facts, ...renewalDates(target.facts) },
    renewalOfId: target.id,
    cancelReason: null,
    sourceStatusAtRenewal: target.status,
    history: ['brouillon'],
  });
}

function checkInvariants(world: readonly Imm[]): void {
  for (const imm of world) {
    expect(IMMERSION_STATUSES).toContain(imm.status);
    // Stated independently of the transition table: started only once signed, signed only once
    // sent for signature, finished only once started; nothing moves after a final status.
    const before: Partial<Record<ImmersionStatus, readonly ImmersionStatus[]>> = {
      convention_a_signer: ['brouillon', 'signee'],
      signee: ['convention_a_signer'],
      en_cours: ['signee'],
      terminee: ['en_cours'],
      brouillon: ['convention_a_signer'],
      annulee: ['brouillon', 'convention_a_signer', 'signee'],
    };
    for (let i = 1; i < imm.history.length; i += 1) {
      expect(before[imm.history[i]!]).toContain(imm.history[i - 1]);
    }
    // The convention always names the host, the trade and the dates.
    if (CONVENTION_STATUSES.includes(imm.status)) {
      expect(imm.facts.hostOrganisationId && imm.facts.romeCode && imm.facts.startDate && imm.facts.endDate).toBeTruthy();
    }
    if (imm.status === 'annulee') expect(imm.cancelReason).toBeTruthy();
    if (imm.renewalOfId !== null) {
      const source = world.find((w) => w.id === imm.renewalOfId)!;
      // Renewed once: never a renewal of a renewal, same objective, from a started immersion.
      expect(source.renewalOfId).toBeNull();
      expect(imm.objective).toBe(source.objective);
      expect(['en_cours', 'terminee']).toContain(imm.sourceStatusAtRenewal);
    }
    const alive = world.filter((w) => w.renewalOfId === imm.id && w.status !== 'annulee');
    expect(alive.length).toBeLessThanOrEqual(IMMERSION_RULES.maxRenewals);
  }
}

describe('immersion lifecycle (property)', () => {
  it('no sequence of transitions and renewals reaches an invalid state', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 80, size: 'max' }), (actions) => {
        const world: Imm[] = [];
        for (const action of actions) {
          apply(world, action);
          checkInvariants(world);
        }
      }),
      FC_OPTIONS,
    );
  });
});

// ── Rules as warnings ───────────────────────────────────────────────────────────

function input(overrides: Partial<ImmersionRulesInput['immersion']> = {}, rest: Partial<Omit<ImmersionRulesInput, 'immersion'>> = {}): ImmersionRulesInput {
  return {
    immersion: { id: 'a', objective: 'skills_validation', startDate: '2026-12-01', endDate: '2026-12-14', hostOrganisationId: 'org-1', schedule: WEEK, status: 'brouillon', ...overrides },
    renewalOf: null,
    others: [],
    contracts: [],
    prescriberOrganisationId: null,
    siaeKind: 'ACI',
    ...rest,
  };
}

const codes = (i: ImmersionRulesInput) => immersionWarnings(i).map((w) => w.code);

describe('immersion warnings (rules as versioned data)', () => {
  it('a two-week immersion of an ACI salarié under contract raises nothing', () => {
    expect(immersionWarnings(input({}, { contracts: [{ startDate: '2026-06-01', endDate: '2027-05-31' }] }))).toEqual([]);
  });

  it('lasts at most one month, date to date', () => {
    expect(codes(input({ startDate: '2026-03-01', endDate: '2026-03-31' }))).toEqual([]);
    const [warning] = immersionWarnings(input({ startDate: '2026-03-01', endDate: '2026-04-01' }));
    expect(warning).toEqual({
      code: 'duree_max',
      message: 'Du 01/03/2026 au 01/04/2026, l’immersion dépasse un mois : elle devrait se terminer au plus tard le 31/03/2026.',
      rule: 'Une PMSMP dure au plus un mois, de date à date.',
    });
  });

  it('warns past two months over twelve with the same host, not with another host', () => {
    const earlier = [
      { id: 'b', hostOrganisationId: 'org-1', startDate: '2026-03-02', endDate: '2026-04-01', status: 'terminee' as const },
      { id: 'c', hostOrganisationId: 'org-1', startDate: '2026-06-01', endDate: '2026-06-30', status: 'terminee' as const },
    ];
    expect(codes(input({}, { others: earlier }))).toContain('cumul_structure');
    expect(codes(input({ hostOrganisationId: 'org-2' }, { others: earlier }))).not.toContain('cumul_structure');
    expect(codes(input({}, { others: earlier.map((o) => ({ ...o, status: 'annulee' as const })) }))).not.toContain('cumul_structure');
    // More than twelve months before: outside the window.
    expect(codes(input({}, { others: earlier.map((o) => ({ ...o, startDate: o.startDate.replace('2026', '2025'), endDate: o.endDate.replace('2026', '2025') })) }))).not.toContain('cumul_structure');
  });

  it('flags an immersion starting within 30 days of the contract end, or outside the contract', () => {
    const ending = [{ startDate: '2026-06-01', endDate: '2026-12-20' }];
    const warnings = immersionWarnings(input({}, { contracts: ending }));
    expect(warnings.map((w) => w.code)).toEqual(['fin_de_contrat']);
    expect(warnings[0]?.message).toBe('L’immersion commence 19 jours avant la fin du contrat (20/12/2026) : moins de 30 jours.');
    expect(codes(input({ endDate: '2026-12-28' }, { contracts: ending }))).toEqual(['hors_contrat', 'fin_de_contrat']);
    expect(codes(input({}, { contracts: [{ startDate: '2026-01-01', endDate: '2026-06-30' }] }))).toEqual(['hors_contrat']);
    // A renewal without gap covers the immersion.
    expect(codes(input({}, { contracts: [...ending, { startDate: '2026-12-21', endDate: '2027-06-20' }] }))).toEqual([]);
  });

  it('checks a renewal against the first period, the weekly hours and who prescribes', () => {
    expect(codes(input({}, { renewalOf: { objective: 'discovery', renewalOfId: null, startDate: '2026-11-17', endDate: '2026-11-30' } }))).toEqual(['renouvellement_objectif']);
    expect(codes(input({ endDate: '2026-12-20' }, { renewalOf: { objective: 'skills_validation', renewalOfId: 'z', startDate: '2026-11-24', endDate: '2026-11-30' } }))).toEqual([
      'renouvellement_unique',
      'renouvellement_duree',
    ]);
    const long = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '17:00' }));
    expect(codes(input({ schedule: long }))).toEqual(['horaires']);
    expect(codes(input({}, { siaeKind: 'ETTI' }))).toEqual(['prescripteur']);
    expect(codes(input({}, { siaeKind: 'ETTI', prescriberOrganisationId: 'ft' }))).toEqual([]);
    expect(codes(input({ status: 'annulee', startDate: '2026-03-01', endDate: '2026-05-01' }))).toEqual([]);
  });

  it('keeps its rules as versioned data with their wording', () => {
    expect(IMMERSION_RULES.version).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(IMMERSION_RULES.wording.cumul_structure).toMatch(/deux mois de PMSMP sur douze mois/);
    const lax = { ...IMMERSION_RULES, contractEndMarginDays: 10 };
    expect(immersionWarnings(input({}, { contracts: [{ startDate: '2026-06-01', endDate: '2026-12-20' }] }), lax)).toEqual([]);
  });
});

describe('schedule, planned evaluations and bilan checks', () => {
  it('counts weekly and scheduled hours from the weekly slots', () => {
    expect(weeklyHours(WEEK)).toBe(32.5);
    // 2026-12-01 is a Tuesday: Tue–Fri then Mon–Fri then Mon = 10 working days.
    expect(scheduledHours(WEEK, '2026-12-01', '2026-12-14')).toBe(65);
    expect(scheduledHours(WEEK, '2026-12-05', '2026-12-06')).toBe(0);
    expect(scheduledHours([], '2026-12-01', '2026-12-14')).toBe(0);
  });

  it('plans a weekly evaluation at the end of each week for a skills immersion, the final one on the last day', () => {
    expect(plannedEvaluationDates('skills_validation', '2026-12-01', '2026-12-21')).toEqual([
      { kind: 'hebdomadaire', date: '2026-12-07' },
      { kind: 'hebdomadaire', date: '2026-12-14' },
      { kind: 'finale', date: '2026-12-21' },
    ]);
    expect(plannedEvaluationDates('discovery', '2026-12-01', '2026-12-14')).toEqual([{ kind: 'finale', date: '2026-12-14' }]);
  });

  it('applies Immersion Facilitée’s refinements to the bilan', () => {
    const immersion = { startDate: '2026-12-01', endDate: '2026-12-14', schedule: WEEK };
    const base = { status: 'COMPLETED' as const, lastDayOfPresence: null, numberOfMissedHours: null, endedWithAJob: false, typeOfContract: null, contractStartDate: null };
    expect(bilanIssues(base, immersion)).toEqual([]);
    expect(bilanIssues({ ...base, status: 'PARTIALLY_COMPLETED' }, immersion).map((i) => i.path)).toEqual(['lastDayOfPresence', 'numberOfMissedHours']);
    // Up to 04/12 (Tue–Fri): 4 days × 6,5 h = 26 h scheduled.
    expect(bilanIssues({ ...base, status: 'PARTIALLY_COMPLETED', lastDayOfPresence: '2026-12-04', numberOfMissedHours: 26 }, immersion)).toEqual([]);
    expect(bilanIssues({ ...base, status: 'PARTIALLY_COMPLETED', lastDayOfPresence: '2026-12-04', numberOfMissedHours: 27 }, immersion)[0]?.message).toBe(
      'Les heures manquées (27 h) dépassent les heures prévues jusqu’au 04/12/2026 (26 h).',
    );
    expect(bilanIssues({ ...base, status: 'PARTIALLY_COMPLETED', lastDayOfPresence: '2026-12-20', numberOfMissedHours: 0 }, immersion)[0]?.path).toBe('lastDayOfPresence');
    expect(bilanIssues({ ...base, endedWithAJob: true }, immersion).map((i) => i.path)).toEqual(['typeOfContract', 'contractStartDate']);
    expect(bilanIssues({ ...base, endedWithAJob: true, typeOfContract: 'CDI', contractStartDate: '2026-11-01' }, immersion)[0]?.path).toBe('contractStartDate');
  });
});
