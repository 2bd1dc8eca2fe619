import { describe, expect, it } from 'vitest';
import {
  computeProgression,
  DEFAULT_SCALE,
  GridContentSchema,
  gridKindByObjective,
  SAVOIR_ETRE_ITEMS,
  ScaleSchema,
  SHIPPED_TEMPLATES,
  suggestedTemplateId,
  type ProgressionItemInput,
} from '../../../shared/domain/grid-templates';
import { findIaeRome, isRomeCode } from '../../../shared/domain/rome';

const TRADES = SHIPPED_TEMPLATES.filter((t) => t.content.kind === 'competences');

describe('shipped grid library', () => {
  it('covers at least the twelve trades most common in IAE, each with its ROME code', () => {
    expect(TRADES.length).toBeGreaterThanOrEqual(12);
    const names = TRADES.map((t) => t.name).join(' | ');
    for (const trade of ['entretien', 'Gardien', 'accueil', 'espaces verts', 'Maraîch', 'logistique', 'Commis de cuisine', 'Aide à domicile', 'vente', 'tri', 'Peintre', 'propreté urbaine']) {
      expect(names).toContain(trade);
    }
    for (const t of TRADES) {
      expect(isRomeCode(t.romeCode)).toBe(true);
      // Codes from the shipped IAE short list, so `rome.search` finds them offline.
      expect(findIaeRome(t.romeCode!)?.label).toBe(t.romeLabel);
    }
    expect(new Set(TRADES.map((t) => t.romeCode)).size).toBe(TRADES.length);
  });

  it('gives each trade 5 to 8 professional competences and the shared savoir-être block', () => {
    for (const t of TRADES) {
      const pro = t.content.items.filter((i) => i.section === 'professionnel');
      expect(pro.length, t.name).toBeGreaterThanOrEqual(5);
      expect(pro.length, t.name).toBeLessThanOrEqual(8);
      expect(t.content.items.filter((i) => i.section === 'savoir_etre')).toEqual(SAVOIR_ETRE_ITEMS);
      expect(t.content.scale).toEqual(DEFAULT_SCALE);
    }
    expect(SAVOIR_ETRE_ITEMS.map((i) => i.label.split(' :')[0])).toEqual([
      'Ponctualité et assiduité',
      'Respect des consignes et de la sécurité',
      'Intégration dans l’équipe',
      'Relation client / usager',
      'Autonomie',
      'Intérêt pour le métier',
    ]);
  });

  it('ships valid contents with unique ids and item keys, and a satisfaction questionnaire for découvertes', () => {
    expect(new Set(SHIPPED_TEMPLATES.map((t) => t.id)).size).toBe(SHIPPED_TEMPLATES.length);
    for (const t of SHIPPED_TEMPLATES) {
      expect(GridContentSchema.safeParse(t.content).success, t.name).toBe(true);
      expect(new Set(t.content.items.map((i) => i.key)).size).toBe(t.content.items.length);
    }
    const discovery = SHIPPED_TEMPLATES.filter((t) => t.content.kind === 'satisfaction');
    expect(discovery).toHaveLength(1);
    expect(discovery[0]!.content.items.every((i) => i.section === 'integration')).toBe(true);
  });

  it('defaults to the scale non évalué, non acquis, en cours d’acquisition, acquis', () => {
    expect(DEFAULT_SCALE.map((l) => l.label)).toEqual(['Non évalué', 'Non acquis', 'En cours d’acquisition', 'Acquis']);
    expect(DEFAULT_SCALE.filter((l) => l.reached).map((l) => l.code)).toEqual(['acquis']);
  });

  it('refuses a scale without a reached level, with a reached lowest level, or with duplicate codes', () => {
    const base = DEFAULT_SCALE.map((l) => ({ ...l }));
    expect(ScaleSchema.safeParse(base).success).toBe(true);
    expect(ScaleSchema.safeParse(base.map((l) => ({ ...l, reached: false }))).success).toBe(false);
    expect(ScaleSchema.safeParse(base.map((l) => ({ ...l, reached: l.evaluated }))).success).toBe(false);
    expect(ScaleSchema.safeParse([...base, { ...base[3]! }]).success).toBe(false);
  });

  it('suggests the questionnaire for a découverte and the trade template of the ROME code otherwise', () => {
    const library = SHIPPED_TEMPLATES.map((t) => ({ id: t.id, kind: t.content.kind, romeCode: t.romeCode }));
    expect(gridKindByObjective.discovery).toBe('satisfaction');
    expect(suggestedTemplateId(library, 'discovery', 'K2204')).toBe('modele-decouverte');
    expect(suggestedTemplateId(library, 'skills_validation', 'K2204')).toBe('modele-agent-entretien');
    expect(suggestedTemplateId(library, 'recruitment', 'G1602')).toBe('modele-commis-cuisine');
    expect(suggestedTemplateId(library, 'skills_validation', 'Z9999')).toBeNull();
  });
});

describe('progression', () => {
  const items: ProgressionItemInput[] = [
    { id: 'a', section: 'professionnel', label: 'Prépare son chariot', removed: false },
    { id: 'b', section: 'professionnel', label: 'Respecte les dosages', removed: false },
    { id: 'c', section: 'savoir_etre', label: 'Ponctualité', removed: false },
    { id: 'd', section: 'savoir_etre', label: 'Autonomie', removed: false },
    { id: 'x', section: 'professionnel', label: 'Retiré sans note', removed: true },
  ];
  const evaluations = [
    // Given out of order: the progression sorts by date.
    { id: 'e3', date: '2026-12-14', kind: 'finale' as const, ratings: [{ itemId: 'a', levelCode: 'acquis' }, { itemId: 'b', levelCode: 'en_cours' }, { itemId: 'c', levelCode: 'non_acquis' }] },
    { id: 'e1', date: '2026-12-04', kind: 'hebdomadaire' as const, ratings: [{ itemId: 'a', levelCode: 'non_acquis' }, { itemId: 'b', levelCode: 'non_acquis' }, { itemId: 'c', levelCode: 'non_evalue' }] },
    { id: 'e2', date: '2026-12-11', kind: 'hebdomadaire' as const, ratings: [{ itemId: 'a', levelCode: 'en_cours' }, { itemId: 'c', levelCode: 'non_acquis' }] },
  ];

  it('lists each item’s level at every evaluation, oldest first, with what is reached and what remains', () => {
    const p = computeProgression(DEFAULT_SCALE, items, evaluations);
    expect(p.evaluations.map((e) => e.id)).toEqual(['e1', 'e2', 'e3']);
    expect(p.levels.map((l) => l.code)).toEqual(['non_acquis', 'en_cours', 'acquis']);
    const a = p.rows.find((r) => r.itemId === 'a')!;
    expect(a.points.map((pt) => pt.rank)).toEqual([0, 1, 2]);
    expect(a.points.map((pt) => pt.levelLabel)).toEqual(['Non acquis', 'En cours d’acquisition', 'Acquis']);
    expect(a).toMatchObject({ outcome: 'atteint', delta: 2 });
    expect(p.rows.find((r) => r.itemId === 'b')).toMatchObject({ outcome: 'en_progres', delta: 1 });
    // « Non évalué » is a mark, not a level: it stays out of the chart and of the comparison.
    const c = p.rows.find((r) => r.itemId === 'c')!;
    expect(c.points.map((pt) => [pt.levelCode, pt.rank])).toEqual([['non_evalue', null], ['non_acquis', 0], ['non_acquis', 0]]);
    expect(c).toMatchObject({ outcome: 'non_atteint', delta: 0 });
    expect(p.rows.find((r) => r.itemId === 'd')).toMatchObject({ outcome: 'non_evalue', latest: null, delta: null });
    expect(p.reached).toEqual(['a']);
    expect(p.remaining).toEqual(['b', 'c']);
    expect(p.notEvaluated).toEqual(['d']);
    // A removed item never rated does not appear; a removed item that was rated does, set apart.
    expect(p.rows.some((r) => r.itemId === 'x')).toBe(false);
    const withRemoved = computeProgression(DEFAULT_SCALE, [items[0]!, { ...items[1]!, removed: true }, items[2]!, items[3]!], evaluations);
    expect(withRemoved.remaining).toEqual(['c']);
    expect(withRemoved.rows.find((r) => r.itemId === 'b')).toMatchObject({ removed: true, outcome: 'en_progres' });
  });

  it('is empty but well formed before any evaluation', () => {
    const p = computeProgression(DEFAULT_SCALE, items, []);
    expect(p.evaluations).toEqual([]);
    expect(p.notEvaluated).toEqual(['a', 'b', 'c', 'd']);
  });
});
