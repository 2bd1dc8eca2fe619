import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../../shared/ipc/contract';
import { createTestCore } from '../../../helpers/core';
import { auditActions, call, callError, newSalarie, type TestCore } from '../../../helpers/parcours';

const STRUCTURE: MethodInput<'structure.save'> = {
  name: 'Jardins du Nord',
  siret: '732 829 320 00074',
  siaeKind: 'ACI',
  regionCode: '32',
  departementCode: '59',
  annexes: [
    { number: 'ACI059210001A0M0', measure: 'ACI_DC', startDate: '2026-01-01', endDate: '2026-12-31' },
    { number: 'ACI059210001A1M0', measure: 'ACI_DC', startDate: '2027-01-01', endDate: '2027-12-31' },
  ],
};

describe('structure settings and référents', () => {
  let core: TestCore;
  beforeEach(async () => {
    core = await createTestCore();
  });
  afterEach(() => core.cleanup());

  it('has no structure until one is saved, then returns it with its annexes', async () => {
    expect(await call(core, 'structure.get', {})).toBeNull();
    const saved = await call(core, 'structure.save', STRUCTURE);
    expect(saved).toMatchObject({ name: 'Jardins du Nord', siret: '73282932000074', siaeKind: 'ACI', departementCode: '59' });
    expect(saved.annexes.map((a) => a.number).sort()).toEqual(['ACI059210001A0M0', 'ACI059210001A1M0']);
    expect(await call(core, 'structure.get', {})).toEqual(saved);
    expect(await auditActions(core)).toEqual(['structure.save']);
  });

  it('refuses a SIRET whose check digit is wrong, in French', async () => {
    const error = await callError(core, 'structure.save', { ...STRUCTURE, siret: '73282932000075' });
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(/SIRET n’est pas valide/);
  });

  it('replaces the annexes list but keeps the ids of the annexes kept', async () => {
    const first = await call(core, 'structure.save', STRUCTURE);
    const kept = first.annexes.find((a) => a.number === 'ACI059210001A0M0')!;
    const second = await call(core, 'structure.save', {
      ...STRUCTURE,
      annexes: [
        { ...kept, number: 'ACI059210001A0M1' },
        { number: 'ACI059210001A2M0', measure: 'ACI_DC', startDate: '2028-01-01', endDate: '2028-12-31' },
      ],
    });
    expect(second.annexes).toHaveLength(2);
    expect(second.annexes.find((a) => a.id === kept.id)?.number).toBe('ACI059210001A0M1');
    expect(second.annexes.map((a) => a.number)).not.toContain('ACI059210001A1M0');
  });

  it('will not drop an annexe that a contract points to', async () => {
    const saved = await call(core, 'structure.save', STRUCTURE);
    const annexe = saved.annexes[0]!;
    const salarieId = await newSalarie(core, { lastName: 'Martin', firstName: 'Paul' });
    await call(core, 'contracts.save', {
      salarieId,
      kind: 'FIXED_TERM_I',
      siaeKind: null,
      annexeId: annexe.id,
      startDate: '2026-02-01',
      endDate: '2026-07-31',
      weeklyHours: 26,
      referentId: null,
    });
    const error = await callError(core, 'structure.save', { ...STRUCTURE, annexes: [] });
    expect(error).toMatchObject({ code: 'VALIDATION' });
    expect(error.message).toContain(annexe.number);
    expect((await call(core, 'structure.get', {}))!.annexes).toHaveLength(2);
  });

  it('creates, renames and deactivates référents; active ones are listed first', async () => {
    const zoe = await call(core, 'referents.save', { displayName: 'Zoé Leroy' });
    const anne = await call(core, 'referents.save', { displayName: 'Anne Roux' });
    expect(zoe).toEqual({ id: zoe.id, displayName: 'Zoé Leroy', active: true });
    await call(core, 'referents.save', { id: anne.id, displayName: 'Anne Roux-Petit', active: false });
    expect(await call(core, 'referents.list', {})).toEqual([
      { id: zoe.id, displayName: 'Zoé Leroy', active: true },
      { id: anne.id, displayName: 'Anne Roux-Petit', active: false },
    ]);
    expect(await callError(core, 'referents.save', { id: 'nope', displayName: 'X' })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await auditActions(core)).toEqual(['referents.save', 'referents.save', 'referents.save']);
  });
});
