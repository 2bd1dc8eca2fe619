import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../../../electron/core/app';
import { contract, type MethodName } from '../../../../shared/ipc/contract';
import { ERROR_CODES, type Envelope } from '../../../../shared/ipc/errors';
import { FixedClock, sequentialIds, TEST_KDF, tempDir } from '../../../helpers/fixtures';
import { TEST_PASSPHRASE } from '../../../helpers/core';
import { databaseDigest, deeplyNested, inputFor, type FuzzIds, MALICIOUS_STRINGS, prototypePolluted, technicalTextIn } from '../../../helpers/hostile';
import { call, type TestCore } from '../../../helpers/parcours';
import { arrangeRichSalarie, arrangeStructure } from '../../../helpers/rgpd-fixture';

/*
 * Every contract method, through the real dispatcher, with invalid, oversized, polluted and malicious
 * input. For each call: the promise resolves to an envelope; a refusal is a French message without
 * technical text, never INTERNAL, and writes nothing (digest of every table before/after).
 * Inputs that happen to be valid are allowed to succeed — except for the few methods whose success
 * reaches outside the database (network, backup files, locking the store), which only get invalid ones.
 */

/** Valid calls of these act outside the database (network, backup files, locking): only their refusals are fuzzed. */
const ONLY_INVALID: ReadonlySet<string> = new Set([
  'session.lock',
  'backups.create',
  'backups.setFolder',
  'backups.restore',
  'backups.restoreLatest',
  'sync.enrol',
  'sync.sendNow',
  'sync.setMode',
]);

/** Fixed cases every method gets, whatever the random runs draw. */
const FIXED_CASES: ReadonlyArray<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['tableau', []],
  ['nombre', 42],
  ['NaN', Number.NaN],
  ['chaîne SQL', "'; DROP TABLE salarie; --"],
  ['chaîne de 100 ko', 'x'.repeat(100_000)],
  ['tableau de 10 000', new Array<unknown>(10_000).fill({ id: 'x' })],
  ['objet très imbriqué', deeplyNested(10_000, 'object')],
  ['pollution du prototype', prototypePolluted({})],
  ['clés inconnues', { inconnu: true, constructor: { prototype: { polluted: 'oui' } } }],
];

const RUNS = Number(process.env.JALONS_FUZZ_RUNS ?? 20);

/**
 * Valid calls of these start a worker thread (seconds each on a loaded machine): here they get only
 * invalid input, so the file stays well under a minute; their own tests run them for real.
 */
const WORKER_METHODS: ReadonlySet<string> = new Set(['import.salaries.commit', 'import.rome.commit', 'stats.local', 'stats.preview', 'stats.aspReport', 'rgpd.apply']);

/** Destructive methods run last, so the others still find the fixture's salarié, entretien, immersion… */
const DESTRUCTIVE = /(\.delete|\.cancel|\.remove|Period$|deleteEvaluation)/;

function seedOf(method: string): number {
  const base = Number(process.env.JALONS_FUZZ_SEED ?? 20261123);
  return [...method].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, base);
}

function preview(input: unknown): string {
  try {
    const text = JSON.stringify(input) ?? String(input);
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return String(input);
  }
}

describe('fuzzing every contract method through the dispatcher', () => {
  const temp = tempDir();
  const logged: Array<{ method: string; error: unknown }> = [];
  const core = createCore({
    databaseFile: join(temp.dir, 'jalons.db'),
    host: 'browser-host',
    clock: new FixedClock(),
    ids: sequentialIds(),
    kdf: TEST_KDF,
    logError: (method, error) => logged.push({ method, error }),
  });
  let ids: FuzzIds = { all: [], byKey: {} };

  beforeAll(async () => {
    await core.vault.setup(TEST_PASSPHRASE);
    const test = { ...core, clock: new FixedClock(), dir: temp.dir, recoveryCode: null, cleanup: () => undefined } as TestCore;
    const referentId = await arrangeStructure(test);
    const rich = await arrangeRichSalarie(test, referentId, 'Fuzz', { exited: false });
    const partner = await call(test, 'partners.save', { name: 'Propreté Nord', kind: 'entreprise', siret: null, nafCode: null, communeInsee: null, address: null, sizeBand: null, notes: null });
    const immersion = rich.immersionId ? [rich.immersionId] : [];
    ids = {
      all: [referentId, rich.id, rich.entretienId, rich.healthFreinId, partner.id, ...immersion, 'modele-agent-entretien', 'id-999999'],
      byKey: {
        salarieId: [rich.id],
        referentId: [referentId],
        entretienId: [rich.entretienId],
        freinId: [rich.healthFreinId],
        freinIds: [rich.healthFreinId],
        immersionId: immersion,
        organisationId: [partner.id],
        hostOrganisationId: [partner.id],
        employerOrganisationId: [partner.id],
        templateId: ['modele-agent-entretien'],
        id: [rich.id, rich.entretienId, rich.healthFreinId, partner.id, ...immersion],
      },
    };
  }, 60_000);
  afterAll(() => {
    if (process.env.JALONS_FUZZ_REPORT) {
      for (const [method, row] of tally) console.log(method, JSON.stringify(Object.fromEntries(row)));
    }
    core.close();
    temp.cleanup();
  });

  const digest = () => databaseDigest(core.vault.store().sqlite);
  /** Digest after the last refused call; null once a call succeeded (it may have written). */
  let known: string | null = null;
  /** Outcome counts per method (printed with JALONS_FUZZ_REPORT=1, to see how deep the fuzz reaches). */
  const tally = new Map<string, Map<string, number>>();
  const count = (method: string, outcome: string) => {
    const row = tally.get(method) ?? new Map<string, number>();
    row.set(outcome, (row.get(outcome) ?? 0) + 1);
    tally.set(method, row);
  };

  async function check(method: MethodName, input: unknown): Promise<void> {
    // The dispatcher reads a missing input as `{}`.
    const valid = contract[method].input.safeParse(input ?? {}).success;
    if (valid && (ONLY_INVALID.has(method) || WORKER_METHODS.has(method))) {
      count(method, 'skipped-valid');
      return;
    }
    const before = known ?? digest();
    known = null;
    const loggedBefore = logged.length;
    const envelope = (await core.dispatch(method, input)) as Envelope<unknown>;
    const context = `${method}(${preview(input)})`;
    expect(typeof envelope.ok, context).toBe('boolean');
    if (!core.vault.isUnlocked) await core.vault.unlock({ passphrase: TEST_PASSPHRASE });
    expect(({} as Record<string, unknown>).polluted, `pollution after ${context}`).toBeUndefined();
    if (envelope.ok) {
      count(method, 'ok');
      return;
    }
    const { code, message, issues } = envelope.error;
    count(method, code);
    if (process.env.JALONS_FUZZ_REPORT && code !== 'VALIDATION') count('messages', `${code}: ${message}`);
    const technical = logged.slice(loggedBefore).map((l) => String((l.error as Error)?.stack ?? l.error));
    expect(ERROR_CODES, context).toContain(code);
    expect(code, `${context} → INTERNAL: ${technical.join('\n')}`).not.toBe('INTERNAL');
    expect(technicalTextIn(message), context).toBeNull();
    for (const issue of issues ?? []) expect(technicalTextIn(issue.message), `${context} issue ${issue.path}`).toBeNull();
    known = digest();
    expect(known, `${context} wrote despite ${code}: ${message}`).toBe(before);
  }

  const all = Object.keys(contract) as MethodName[];
  const methods = [...all.filter((m) => !DESTRUCTIVE.test(m)), ...all.filter((m) => DESTRUCTIVE.test(m))];

  it('covers every method of the contract', () => {
    expect(methods.length).toBeGreaterThan(80);
    expect(new Set(methods)).toEqual(new Set(all));
  });

  // Before the fuzz of each method: destructive ones may delete the fixture's records.
  it('answers an id of the wrong kind or an unknown id in French, never with a foreign-key failure', async () => {
    const salarie = ids.byKey.salarieId![0]!;
    const frein = ids.byKey.freinId![0]!;
    const immersion = ids.byKey.immersionId?.[0] ?? 'id-inconnu';
    const probes: Array<[MethodName, (x: string) => unknown]> = [
      ['contracts.save', (x) => ({ salarieId: salarie, kind: 'FIXED_TERM_I', siaeKind: null, annexeId: x, startDate: '2026-01-05', endDate: null, weeklyHours: 26, referentId: null })],
      ['contracts.save', (x) => ({ salarieId: salarie, kind: 'FIXED_TERM_I', siaeKind: null, annexeId: null, startDate: '2026-01-05', endDate: null, weeklyHours: 26, referentId: x })],
      ['entretiens.save', (x) => ({ salarieId: salarie, kind: 'suivi_individuel', moment: 'parcours', status: 'tenu', date: '2026-11-20', participants: [{ role: 'referent', referentId: x }] })],
      ['entretiens.save', (x) => ({ salarieId: salarie, kind: 'suivi_individuel', moment: 'parcours', status: 'tenu', date: '2026-11-20', participants: [{ role: 'salarie', salarieId: x }] })],
      ['entretiens.save', (x) => ({ salarieId: salarie, kind: 'tripartite', moment: 'parcours', status: 'tenu', date: '2026-11-20', participants: [{ role: 'employeur', organisationId: x, contactId: x }] })],
      ['entretiens.save', (x) => ({ salarieId: salarie, kind: 'suivi_individuel', moment: 'parcours', status: 'tenu', date: '2026-11-20', freinIds: [x] })],
      ['entretiens.save', (x) => ({ salarieId: salarie, kind: 'suivi_individuel', moment: 'parcours', status: 'tenu', date: '2026-11-20', link: { type: 'contrat', id: x } })],
      ['entretiens.save', (x) => ({ id: x, salarieId: salarie, kind: 'suivi_individuel', moment: 'parcours', status: 'tenu', date: '2026-11-20' })],
      ['entretiens.planPostHiring', (x) => ({ salarieId: salarie, hireDate: '2026-12-01', trialEndDate: null, organisationId: x })],
      ['immersions.save', (x) => ({ salarieId: salarie, objective: 'discovery', hostOrganisationId: x })],
      ['immersions.save', (x) => ({ salarieId: salarie, objective: 'discovery', tutorContactId: x })],
      ['immersions.save', (x) => ({ salarieId: salarie, objective: 'discovery', prescriberOrganisationId: x })],
      ['immersions.createGrid', (x) => ({ immersionId: immersion, templateId: x })],
      ['immersions.linkEntretien', (x) => ({ id: immersion, entretienId: x, linked: true })],
      ['immersions.saveGrid', (x) => ({ immersionId: immersion, items: [{ id: x, section: 'professionnel', label: 'Item' }] })],
      ['immersions.saveEvaluation', (x) => ({ immersionId: immersion, kind: 'hebdomadaire', status: 'realisee', date: '2026-11-20', ratings: [{ itemId: x, levelCode: 'acquis' }] })],
      ['freins.addAction', (x) => ({ freinId: x, date: '2026-11-20', mode: 'internal', partner: null, note: null })],
      ['passIae.removePeriod', (x) => ({ salarieId: salarie, id: x })],
      ['sortie.save', (x) => ({ salarieId: salarie, exitDate: '2026-12-01', motif: 'cdi_not_aided', note: null, employerOrganisationId: x })],
      ['salaries.create', (x) => ({ lastName: 'Essai', firstName: 'Id', birthName: null, sex: null, birthDate: null, communeInsee: null, qpv: false, zrr: false, phone: null, email: null, confidentialNote: null, entryDate: '2026-11-23', referentId: x })],
      ['partners.save', (x) => ({ id: x, name: 'Essai', kind: 'entreprise', siret: null, nafCode: null, communeInsee: null, address: null, sizeBand: null, notes: null })],
      [
        'grids.saveTemplate',
        (x) => ({
          id: x,
          name: 'Essai',
          kind: 'competences',
          scale: [
            { code: 'non_acquis', label: 'Non acquis', evaluated: true, reached: false },
            { code: 'acquis', label: 'Acquis', evaluated: true, reached: true },
          ],
          items: [{ section: 'professionnel', label: 'Item' }],
        }),
      ],
    ];
    const skipped: string[] = [];
    for (const [method, build] of probes) {
      for (const wrong of [method === 'freins.addAction' ? salarie : frein, 'id-inconnu']) {
        const input = build(wrong);
        if (!contract[method].input.safeParse(input).success) skipped.push(method);
        else await check(method, input);
      }
    }
    expect(skipped, 'probes whose base input is not valid any more').toEqual([]);
    // The sortie probe is the bug this test was written for: an unknown employer is a French validation error.
    const refused = (await core.dispatch('sortie.save', { salarieId: salarie, exitDate: '2026-12-01', motif: 'cdi_not_aided', note: null, employerOrganisationId: frein })) as Envelope<unknown>;
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ path: 'employerOrganisationId' }] } });
  });

  it.each(methods)('%s refuses hostile input in French and writes nothing', async (method) => {
    for (const [, input] of FIXED_CASES) await check(method, input);
    await fc.assert(
      fc.asyncProperty(inputFor(contract[method].input, ids), async (input) => {
        await check(method, input);
      }),
      { numRuns: RUNS, seed: seedOf(method), endOnFailure: true },
    );
  });

  it('keeps malicious strings as plain data when they are valid (search, names, notes)', async () => {
    known = null;
    const test = { ...core } as unknown as TestCore;
    for (const text of MALICIOUS_STRINGS.filter((s) => s.trim() !== '' && s.length < 1000 && !s.includes('\u0000'))) {
      const found = await call(test, 'salaries.list', { query: text.slice(0, 100), status: 'tous' });
      expect(found.total).toBeGreaterThanOrEqual(0);
    }
    const id = (await call(test, 'salaries.create', {
      lastName: "O'Brien'; DROP TABLE salarie; --",
      firstName: '</script><script>alert(1)</script>',
      birthName: '\u202Egnp.exe',
      sex: null,
      birthDate: null,
      communeInsee: null,
      qpv: false,
      zrr: false,
      phone: null,
      email: null,
      confidentialNote: 'a\u0000b',
      entryDate: '2026-11-23',
      referentId: null,
    })).id;
    const fiche = await call(test, 'salaries.get', { id });
    expect(fiche.identity).toMatchObject({ lastName: "O'Brien'; DROP TABLE salarie; --", firstName: '</script><script>alert(1)</script>', birthName: '\u202Egnp.exe' });
    expect((await call(test, 'salaries.revealConfidential', { id })).confidentialNote).toBe('a\u0000b');
    expect((await call(test, 'salaries.list', { query: "o'brien", status: 'tous' })).rows.map((r) => r.id)).toContain(id);
  });
});
