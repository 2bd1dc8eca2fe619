/**
 * Secondary suppression by Gaussian elimination (Langsrud; Statistics Norway GaussSuppression).
 *
 * Every cell is a vector over the free parameters of the bundle's margin equations (see
 * `parametrise`). Candidates are tried in "most wanted published first" order: a candidate is
 * published when adding its vector to the published span leaves every confidential vector
 * outside the span, otherwise it becomes a secondary suppression. Incrementally: we keep each
 * confidential vector's residual modulo the published span; adding residual `r` brings a
 * confidential cell into the span iff its residual is parallel to `r`.
 *
 * Several attackers at once (insider-aware variant, previous revision): each has its own span
 * and its own targets; a candidate must be safe in every span.
 */
import { EchelonBasis, eliminateInto, isParallel, type SparseVector } from './linear';

/** One attacker: what they know up front and which cells must stay outside their span. */
export interface GaussSpan {
  readonly known: readonly number[];
  readonly targets: readonly number[];
}

export interface GaussInput {
  /** Vector of each variable over the free parameters. */
  readonly vectors: readonly SparseVector[];
  /**
   * Attackers to protect against, e.g. the hub (published + previous revision), each lone
   * respondent (that plus their own cells), the current release alone. A candidate is
   * published only if it is safe for all of them.
   */
  readonly spans: readonly GaussSpan[];
  /** Publishable variables, most wanted published first. */
  readonly candidates: readonly number[];
}

export interface GaussResult {
  readonly published: readonly number[];
  readonly secondary: readonly number[];
  /** Targets already in some attacker's initial span: nothing Gauss can do about them. */
  readonly exposed: readonly number[];
}

class Span {
  private readonly basis = new EchelonBasis();
  private readonly residuals = new Map<number, SparseVector>();
  readonly exposed: number[] = [];

  constructor(
    private readonly vectors: readonly SparseVector[],
    targets: readonly number[],
  ) {
    for (const t of targets) this.residuals.set(t, new Map(this.vectorOf(t)));
  }

  private vectorOf(v: number): SparseVector {
    const x = this.vectors[v];
    if (x === undefined) throw new Error(`gauss: no vector for variable ${v}`);
    return x;
  }

  /** Adds a variable unconditionally; targets that fall into the span are recorded as exposed. */
  force(v: number): void {
    const r = this.basis.reduce(this.vectorOf(v));
    if (r.size === 0) return;
    this.commit(r);
    for (const [t, res] of this.residuals) {
      if (res.size === 0) {
        this.exposed.push(t);
        this.residuals.delete(t);
      }
    }
  }

  /** The reduced candidate, or `undefined` when publishing it would reveal a target. */
  test(v: number): SparseVector | undefined {
    const r = this.basis.reduce(this.vectorOf(v));
    if (r.size === 0) return r;
    for (const res of this.residuals.values()) if (isParallel(res, r)) return undefined;
    return r;
  }

  commit(residual: SparseVector): void {
    if (residual.size === 0) return;
    this.basis.addResidual(residual);
    const last = this.basis.lastRow();
    if (last === undefined) return;
    for (const res of this.residuals.values()) {
      const f = res.get(last.pivot);
      if (f !== undefined) eliminateInto(res, f, last.row);
    }
  }
}

export function gaussSuppress(input: GaussInput): GaussResult {
  const spans = input.spans.map((def) => {
    const span = new Span(input.vectors, def.targets);
    for (const v of def.known) span.force(v);
    return span;
  });

  const published: number[] = [];
  const secondary: number[] = [];
  for (const v of input.candidates) {
    const residuals: SparseVector[] = [];
    let safe = true;
    for (const s of spans) {
      const r = s.test(v);
      if (r === undefined) {
        safe = false;
        break;
      }
      residuals.push(r);
    }
    if (!safe) {
      secondary.push(v);
      continue;
    }
    spans.forEach((s, i) => s.commit(residuals[i] ?? new Map()));
    published.push(v);
  }
  const exposed = [...new Set(spans.flatMap((s) => s.exposed))].sort((a, b) => a - b);
  return { published, secondary, exposed };
}
