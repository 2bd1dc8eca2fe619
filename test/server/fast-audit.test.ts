/**
 * The federation audit's attackers (server/services/fast-audit.ts): the fast pass only clears
 * what it can prove, and a structure's own contributions, or a lone respondent's own cell,
 * make a cell fail that the outsider cannot narrow.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIT_OPTIONS, type LinkedSystem } from '../../shared/stats/index';
import { OUTSIDER, exactScenarioAudit, fastAudit, type AttackerScenario } from '../../server/services/fast-audit';

/** `total = a + b + c`, one population, no tables (the audit only reads the equations). */
function oneEquation(): LinkedSystem {
  const variables = ['total', 'a', 'b', 'c'].map((key, i) => ({
    key,
    population: 'p',
    specified: i === 0 ? [] : ([['x', key]] as [string, string][]),
    occurrences: [],
  }));
  return { tables: [], variables, indexOf: new Map(variables.map((v, i) => [v.key, i])), equations: [{ terms: [[0, 1], [1, -1], [2, -1], [3, -1]] }], tableCells: new Map() };
}

const TOTAL = 0;
const A = 1;
const B = 2;
const C = 3;

function audit(truth: number[], published: number[], targets: number[], scenarios: AttackerScenario[]) {
  const system = oneEquation();
  const input = { system, published: new Set(published), truth, targets, options: DEFAULT_AUDIT_OPTIONS, scenarios };
  const fast = fastAudit(input);
  const failing = exactScenarioAudit({ ...input, scenarios: [OUTSIDER, ...scenarios], pending: fast.pending, componentLimit: 80 });
  return { fast, failing };
}

describe('federation audit attackers', () => {
  it('the outsider alone: a masked cell with a wide interval is cleared by the fast pass', () => {
    // total 10 published, c 0 published; a = 6 and b = 4 masked: b ∈ [0, 10].
    const { fast, failing } = audit([10, 6, 4, 0], [TOTAL, C], [B], []);
    expect(fast.cleared.has(B)).toBe(true);
    expect(failing.size).toBe(0);
  });

  it('a structure knowing its own contributions narrows the others’ part: the cell fails', () => {
    // The structure put 6 in a and 3 in b: it knows a ≥ 6 and b ≥ 3, so b ∈ [3, 4] — the other
    // structures' part of b (1) is within 1 of certain.
    const structure: AttackerScenario = { id: 'structure:0', own: new Map([[A, 6], [B, 3]]), lower: new Map([[A, 6], [B, 3]]) };
    const { fast, failing } = audit([10, 6, 4, 0], [TOTAL, C], [B], [structure]);
    expect(fast.cleared.has(B)).toBe(false);
    expect(fast.pending.get(B)).toEqual([1]);
    expect([...failing]).toEqual([B]);
  });

  it('a structure that holds all of a cell has nothing of anyone else to learn there', () => {
    const structure: AttackerScenario = { id: 'structure:0', own: new Map([[B, 4]]), lower: new Map([[B, 4]]) };
    const { failing } = audit([10, 6, 4, 0], [TOTAL, C], [B], [structure]);
    expect(failing.size).toBe(0);
  });

  it('an attacker who knows a cell exactly (alone in it, or the only structure of a level) recomputes its partner', () => {
    const insider: AttackerScenario = { id: 'personne:1', known: new Set([A]) };
    const { fast, failing } = audit([10, 1, 4, 5], [TOTAL, C], [A, B], [insider]);
    expect(fast.cleared.has(B)).toBe(false);
    expect(failing.has(B)).toBe(true);
    // Its own cell is not a target for it; the outsider still cannot pin a (1) or b (4) down
    // — but b's failure for the insider is enough to fail.
    const withThird = audit([10, 1, 4, 5], [TOTAL], [A, B], [insider]);
    expect(withThird.failing.size).toBe(0);
  });

  it('exact check: a published target always fails; a component above the limit counts as failing', () => {
    const system = oneEquation();
    const truth = [10, 6, 4, 0];
    const pending = new Map([[B, [0]]]);
    expect([...exactScenarioAudit({ system, published: new Set([TOTAL, B]), truth, options: DEFAULT_AUDIT_OPTIONS, scenarios: [OUTSIDER], pending, componentLimit: 80 })]).toEqual([B]);
    expect([...exactScenarioAudit({ system, published: new Set([TOTAL]), truth, options: DEFAULT_AUDIT_OPTIONS, scenarios: [OUTSIDER], pending, componentLimit: 2 })]).toEqual([B]);
    expect([...exactScenarioAudit({ system, published: new Set([TOTAL]), truth, options: DEFAULT_AUDIT_OPTIONS, scenarios: [OUTSIDER], pending, componentLimit: 80 })]).toEqual([]);
  });
});
