import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore } from '../../../helpers/core';
import { call, callError, type TestCore } from '../../../helpers/parcours';

describe('offline referentials', () => {
  let core: TestCore;
  beforeAll(async () => {
    core = await createTestCore();
  });
  afterAll(() => core.cleanup());

  it('finds communes by name prefix, accents and case ignored, exact name first', async () => {
    const lille = await call(core, 'communes.search', { query: 'lille' });
    expect(lille[0]).toEqual({ code: '59350', name: 'Lille', departement: '59', postcodes: expect.arrayContaining(['59000']) });
    expect(lille.every((c) => c.name.toLowerCase().startsWith('lille'))).toBe(true);
    const etienne = await call(core, 'communes.search', { query: 'saint etienne', limit: 3 });
    expect(etienne[0]).toMatchObject({ code: '42218', name: 'Saint-Étienne' });
  });

  it('finds communes by postcode prefix, and arrondissements municipaux', async () => {
    expect((await call(core, 'communes.search', { query: '59000' })).map((c) => c.code)).toEqual(['59350']);
    const marseille = await call(core, 'communes.search', { query: '13001' });
    expect(marseille.map((c) => c.name)).toContain('Marseille 1er Arrondissement');
    expect((await call(core, 'communes.search', { query: '5935', limit: 50 })).length).toBeGreaterThan(1);
  });

  it('reads one commune by INSEE code', async () => {
    expect(await call(core, 'communes.get', { code: '59350' })).toEqual({ code: '59350', name: 'Lille', departement: '59' });
    expect(await call(core, 'communes.get', { code: '2A004' })).toMatchObject({ name: 'Ajaccio', departement: '2A' });
    expect(await call(core, 'communes.get', { code: '00000' })).toBeNull();
  });

  it('searches ROME trades by code or words, and includes imported fiches', async () => {
    expect((await call(core, 'rome.search', { query: 'K2204' }))[0]).toEqual({ code: 'K2204', label: 'Nettoyage de locaux' });
    expect((await call(core, 'rome.search', { query: 'nett loc' })).map((e) => e.code)).toEqual(['K2204']);
    expect((await call(core, 'rome.search', { query: '' })).length).toBe(15);
    expect(await call(core, 'rome.search', { query: 'apiculture' })).toEqual([]);

    await core.ctx
      .db()
      .insertInto('rome_entry')
      .values({ code: 'A1407', label: 'Apiculture et élevage', imported_at: '2026-11-23T09:00:00.000Z' })
      .execute();
    expect(await call(core, 'rome.search', { query: 'élev' })).toEqual([{ code: 'A1407', label: 'Apiculture et élevage' }]);
    expect(await callError(core, 'communes.search', { query: '' })).toMatchObject({ code: 'VALIDATION' });
  });
});
