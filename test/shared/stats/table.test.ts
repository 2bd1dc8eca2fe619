import { describe, expect, it } from 'vitest';
import {
  MARGIN,
  TableError,
  allCoordinates,
  buildTable,
  buildTableFromRecords,
  checkCountTable,
  containment,
  coordsKey,
  isAcyclic,
  linkTables,
  parametrise,
  tableConstraints,
  variableOf,
  type TableSpec,
} from '../../../shared/stats/index';
import { Rational } from '../../../shared/stats/rational';
import { grid, oneWay } from './helpers';

const sexe = { code: 'sexe', categories: ['F', 'H'] };
const age = { code: 'age', categories: ['<26', '26-49', '>=50'] };
const sante = { code: 'sante', categories: ['oui', 'non'] };

describe('table model', () => {
  it('lists every category-or-margin combination, grand total last', () => {
    expect(allCoordinates([sexe])).toEqual([['F'], ['H'], [MARGIN]]);
    const coords = allCoordinates([sexe, age]);
    expect(coords).toHaveLength(3 * 4);
    expect(coords[0]).toEqual(['F', '<26']);
    expect(coords.at(-1)).toEqual([MARGIN, MARGIN]);
    expect(allCoordinates([sexe, age, sante])).toHaveLength(3 * 4 * 3);
  });

  it('builds 1-D, 2-D and 3-D tables with all margins from microdata', () => {
    const records = [
      { sexe: 'F', age: '<26', sante: 'oui' },
      { sexe: 'F', age: '<26', sante: 'non' },
      { sexe: 'H', age: '>=50', sante: 'non' },
    ];
    const t3 = buildTableFromRecords({ id: 'T7', population: 'p', sensitive: true, sensitiveDimension: 'sante', dimensions: [sexe, age, sante] }, records);
    const v = new Map(t3.cells.map((c) => [coordsKey(c.coords), c.value]));
    expect(v.get(coordsKey(['*', '*', '*']))).toBe(3);
    expect(v.get(coordsKey(['F', '<26', '*']))).toBe(2);
    expect(v.get(coordsKey(['*', '*', 'non']))).toBe(2);
    expect(v.get(coordsKey(['H', '26-49', 'oui']))).toBe(0);
    expect(() => checkCountTable(t3)).not.toThrow();

    const t1 = oneWay('T2', 'minima', { RSA: 2, aucun: 5 });
    expect(t1.cells).toEqual([
      { coords: ['RSA'], value: 2 },
      { coords: ['aucun'], value: 5 },
      { coords: ['*'], value: 7 },
    ]);
  });

  it('derives one margin equation per margin coordinate and dimension', () => {
    const spec: TableSpec = { id: 'T1', population: 'p', sensitive: false, dimensions: [sexe, age] };
    const eqs = tableConstraints(spec);
    // sexe margin along each of 3+1 age coordinates, age margin along each of 2+1 sexe coordinates.
    expect(eqs).toHaveLength(4 + 3);
    expect(eqs).toContainEqual({ parent: ['F', '*'], children: [['F', '<26'], ['F', '26-49'], ['F', '>=50']] });
  });

  it('rejects malformed specifications and inconsistent tables', () => {
    const base: TableSpec = { id: 'T', population: 'p', sensitive: false, dimensions: [sexe] };
    expect(() => buildTable({ ...base, dimensions: [sexe, age, sante, { code: 'x', categories: ['a'] }] }, [])).toThrow(TableError);
    expect(() => buildTable({ ...base, dimensions: [{ code: 'sexe', categories: ['F', 'F'] }] }, [])).toThrow(TableError);
    expect(() => buildTable({ ...base, dimensions: [{ code: 'sexe', categories: ['*'] }] }, [])).toThrow(TableError);
    expect(() => buildTable({ ...base, sensitive: true, dimensions: [sexe, age] }, [])).toThrow(/sensitiveDimension/);
    expect(() => buildTable(base, [{ coords: ['X'], count: 1 }])).toThrow(TableError);
    const t = oneWay('T', 'sexe', { F: 2, H: 3 });
    expect(() => checkCountTable({ ...t, cells: t.cells.map((c) => (c.coords[0] === '*' ? { ...c, value: 6 } : c)) })).toThrow(/margin/);
    expect(() => checkCountTable({ ...t, cells: t.cells.slice(1) })).toThrow(TableError);
  });
});

describe('linked system', () => {
  const t1: TableSpec = { id: 'T1', population: 'salaries', sensitive: false, dimensions: [sexe, age] };
  const t5: TableSpec = { id: 'T5', population: 'salaries', sensitive: true, sensitiveDimension: 'minima', dimensions: [{ code: 'minima', categories: ['RSA', 'aucun'] }, sexe] };
  const t3: TableSpec = { id: 'T3', population: 'salaries', sensitive: true, dimensions: [sante] };
  const other: TableSpec = { id: 'X', population: 'sortants', sensitive: false, dimensions: [sexe] };

  it('identifies the same logical cell across tables of one population', () => {
    const s = linkTables([t1, t5, t3, other]);
    expect(variableOf(s, 'T1', ['F', '*'])).toBe(variableOf(s, 'T5', ['*', 'F']));
    expect(variableOf(s, 'T1', ['*', '*'])).toBe(variableOf(s, 'T3', ['*']));
    expect(variableOf(s, 'X', ['*'])).not.toBe(variableOf(s, 'T3', ['*']));
    // 12 + 9 + 3 + 3 cells, minus shared: sexe F/H and total (T1/T5), total (T3)
    expect(s.variables).toHaveLength(12 + 9 + 3 + 3 - 3 - 1);
    // the shared equation "total = F + H" appears once
    const total = variableOf(s, 'T1', ['*', '*']);
    const f = variableOf(s, 'T1', ['F', '*']);
    const h = variableOf(s, 'T1', ['H', '*']);
    const same = s.equations.filter((e) => JSON.stringify(e.terms) === JSON.stringify([[total, 1], [f, -1], [h, -1]].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))));
    expect(same).toHaveLength(1);
  });

  it('refuses a dimension with different categories in two tables of a population', () => {
    const t6: TableSpec = { id: 'T6', population: 'salaries', sensitive: false, dimensions: [{ code: 'sexe', categories: ['F', 'H', 'X'] }] };
    expect(() => linkTables([t1, t6])).toThrow(TableError);
    expect(() => linkTables([t1, t1])).toThrow(/duplicate/);
  });

  it('knows which cells contain which', () => {
    const s = linkTables([t1, t5]);
    const { descendants, ancestors } = containment(s);
    const f = variableOf(s, 'T1', ['F', '*']);
    const fYoung = variableOf(s, 'T1', ['F', '<26']);
    const fRsa = variableOf(s, 'T5', ['RSA', 'F']);
    expect(descendants[f]).toEqual(expect.arrayContaining([fYoung, fRsa]));
    expect(ancestors[fYoung]).toEqual(expect.arrayContaining([f, variableOf(s, 'T1', ['*', '*'])]));
  });

  it('parametrises a 2-D table by its inner cells', () => {
    const t = grid('G', [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const s = linkTables([t]);
    const { dimension, vectors } = parametrise(s.equations, s.variables.length);
    expect(dimension).toBe(6);
    // the grand total is the sum of the six parameters, each with coefficient 1
    const total = vectors[variableOf(s, 'G', ['*', '*'])];
    expect(total?.size).toBe(6);
    for (const a of total?.values() ?? []) expect(a.equals(Rational.ONE)).toBe(true);
  });
});

describe('catalogue shape', () => {
  it('accepts acyclic links and refuses cyclic ones', () => {
    expect(isAcyclic([['sexe', 'age'], ['minima', 'sexe'], ['sante'], ['age']])).toBe(true);
    expect(isAcyclic([['a', 'b', 'c'], ['a', 'b'], ['c']])).toBe(true);
    expect(isAcyclic([['a', 'b'], ['b', 'c'], ['a', 'c']])).toBe(false);
    expect(isAcyclic([['a', 'b'], ['b', 'c'], ['a', 'c'], ['a', 'b', 'c']])).toBe(true);
    const d = (code: string) => ({ code, categories: ['x', 'y'] });
    const cyclic: TableSpec[] = [
      { id: 'AB', population: 'p', sensitive: false, dimensions: [d('a'), d('b')] },
      { id: 'BC', population: 'p', sensitive: false, dimensions: [d('b'), d('c')] },
      { id: 'AC', population: 'p', sensitive: false, dimensions: [d('a'), d('c')] },
    ];
    expect(() => linkTables(cyclic)).toThrow(/cycle/);
    // the same shapes in different populations are independent
    expect(() => linkTables(cyclic.map((t, i) => ({ ...t, population: `p${i}` })))).not.toThrow();
  });
});
