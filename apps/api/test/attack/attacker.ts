import solver, { type Model } from 'javascript-lp-solver';

/**
 * The attacker of the attacker test. It knows how every published table is built (which cells
 * count which people, which totals are sums, which periods contain which) and the method's
 * public parameters, but not the record keys. From published values it derives bounds on each
 * true count, writes every known relation as a linear equation or inequality, and then:
 *  1. differencing: propagates bounds through the equations until nothing changes;
 *  2. linear programming: minimises and maximises each target in its connected system;
 *  3. integer programming: where the LP range holds at most three integers, solves it again
 *     with all counts integral.
 * A target is recovered when its feasible integer range is a single value.
 */

export type Shown = number | 'suppressed' | 'secondary';

/** How a published value bounds the true count (method-specific). */
export type BoundsOf = (shown: Shown) => [number, number];

export interface Relation {
  terms: [string, number][];
  op: '=' | '>=';
  rhs: number;
}

const BIG = 1e6;

export class Attack {
  lo = new Map<string, number>();
  hi = new Map<string, number>();
  truth = new Map<string, number>();
  relations: Relation[] = [];
  /** Variables that are not published themselves (differences between two periods). */
  derived = new Set<string>();

  constructor(readonly boundsOf: BoundsOf) {}

  private ensure(key: string) {
    if (!this.lo.has(key)) {
      this.lo.set(key, 0);
      this.hi.set(key, BIG);
    }
  }

  /** A published value of a variable and its true value (for scoring only). */
  observe(key: string, shown: Shown, truth: number) {
    this.ensure(key);
    const known = this.truth.get(key);
    if (known !== undefined && known !== truth) {
      throw new Error(`Attacker model wrong: ${key} has truths ${known} and ${truth}`);
    }
    this.truth.set(key, truth);
    const [l, h] = this.boundsOf(shown);
    this.lo.set(key, Math.max(this.lo.get(key)!, l));
    this.hi.set(key, Math.min(this.hi.get(key)!, h));
  }

  relate(terms: [string, number][], op: '=' | '>=' = '=', rhs = 0) {
    for (const [k] of terms) this.ensure(k);
    this.relations.push({ terms, op, rhs });
  }

  /** d = a − b ≥ 0 (b's people are a subset of a's): the difference is a target too. */
  difference(a: string, b: string) {
    if (!this.truth.has(a) || !this.truth.has(b)) return;
    const d = `diff(${a} − ${b})`;
    if (this.truth.has(d)) return;
    this.ensure(d);
    this.derived.add(d);
    this.truth.set(d, this.truth.get(a)! - this.truth.get(b)!);
    this.relate([
      [a, 1],
      [b, -1],
      [d, -1],
    ]);
  }

  /** Checks that every relation holds on the true values (else the model, not the method, is wrong). */
  checkModel() {
    for (const r of this.relations) {
      const v = r.terms.reduce((s, [k, c]) => s + c * this.truth.get(k)!, 0);
      const ok = r.op === '=' ? v === r.rhs : v >= r.rhs;
      if (!ok) throw new Error(`Relation does not hold on the truth: ${JSON.stringify(r)}`);
    }
    for (const [k, t] of this.truth) {
      if (t < this.lo.get(k)! || t > this.hi.get(k)!) {
        throw new Error(`Truth ${t} of ${k} outside [${this.lo.get(k)}, ${this.hi.get(k)}]`);
      }
    }
  }

  /** Differencing: bound propagation through the equations, to a fixed point. */
  propagate() {
    for (let round = 0; round < 200; round++) {
      let changed = false;
      for (const r of this.relations) {
        for (const [k, c] of r.terms) {
          // c·x_k = rhs − Σ others (for '=': both ways; for '>=': c·x_k ≥ rhs − Σ others).
          let minRest = 0;
          let maxRest = 0;
          for (const [o, co] of r.terms) {
            if (o === k) continue;
            const a = co * this.lo.get(o)!;
            const b = co * this.hi.get(o)!;
            minRest += Math.min(a, b);
            maxRest += Math.max(a, b);
          }
          const lowRhs = r.rhs - maxRest; // c·x ≥ lowRhs (always for '=' and '>=')
          const highRhs = r.rhs - minRest; // c·x ≤ highRhs (only for '=')
          let l = this.lo.get(k)!;
          let h = this.hi.get(k)!;
          if (c > 0) {
            l = Math.max(l, Math.ceil(lowRhs / c - 1e-9));
            if (r.op === '=') h = Math.min(h, Math.floor(highRhs / c + 1e-9));
          } else {
            h = Math.min(h, Math.floor(lowRhs / c + 1e-9));
            if (r.op === '=') l = Math.max(l, Math.ceil(highRhs / c - 1e-9));
          }
          if (l > this.lo.get(k)! || h < this.hi.get(k)!) {
            if (l > h) throw new Error(`Infeasible bounds for ${k}`);
            this.lo.set(k, l);
            this.hi.set(k, h);
            changed = true;
          }
        }
      }
      if (!changed) return;
    }
  }

  private solve(
    vars: Set<string>,
    relations: Relation[],
    target: string,
    dir: 'min' | 'max',
    ints: boolean,
  ) {
    const model: Model = {
      optimize: 'objective',
      opType: dir,
      constraints: {},
      variables: {},
      ints: {},
    };
    const idx = new Map<string, string>();
    let n = 0;
    for (const k of vars) {
      const id = `v${n++}`;
      idx.set(k, id);
      model.variables[id] = { objective: k === target ? 1 : 0 };
      model.constraints[`lo_${id}`] = { min: this.lo.get(k)! };
      model.constraints[`hi_${id}`] = { max: this.hi.get(k)! };
      model.variables[id]![`lo_${id}`] = 1;
      model.variables[id]![`hi_${id}`] = 1;
      if (ints) model.ints![id] = 1;
    }
    relations.forEach((r, i) => {
      model.constraints[`r${i}`] = r.op === '=' ? { equal: r.rhs } : { min: r.rhs };
      for (const [k, c] of r.terms) {
        const v = model.variables[idx.get(k)!]!;
        v[`r${i}`] = (v[`r${i}`] ?? 0) + c;
      }
    });
    const res = solver.Solve(model) as { feasible: boolean; result: number };
    if (!res.feasible) throw new Error(`Infeasible system around ${target}`);
    return res.result;
  }

  /**
   * Attacks every target (true value 1..4; published cells and derived differences). Returns
   * counts and the recovered keys.
   */
  run() {
    this.checkModel();
    this.propagate();
    const targets = [...this.truth].filter(([, t]) => t >= 1 && t <= 4).map(([k]) => k);
    const byDifferencing = targets.filter((k) => this.lo.get(k) === this.hi.get(k));
    const recovered = new Set(byDifferencing);
    let lpSolved = 0;
    const relationsOf = new Map<string, Relation[]>();
    for (const r of this.relations) {
      for (const [k] of r.terms) relationsOf.set(k, [...(relationsOf.get(k) ?? []), r]);
    }
    for (const k of targets) {
      if (recovered.has(k)) continue;
      // The target's system: relations up to two steps away; other variables keep the bounds
      // that differencing gave them (sound: fewer constraints can only widen the range).
      const rels = new Set<Relation>();
      const vars = new Set<string>([k]);
      for (let hop = 0; hop < 2; hop++) {
        for (const v of [...vars]) {
          for (const r of relationsOf.get(v) ?? []) {
            if (rels.size >= 60) break;
            rels.add(r);
            for (const [o] of r.terms) vars.add(o);
          }
        }
      }
      if (rels.size === 0) continue; // bounds alone: already as tight as they get
      const relations = [...rels];
      lpSolved++;
      const min = Math.ceil(this.solve(vars, relations, k, 'min', false) - 1e-6);
      const max = Math.floor(this.solve(vars, relations, k, 'max', false) + 1e-6);
      if (min === max) recovered.add(k);
      else if (max - min <= 2) {
        const imin = Math.round(this.solve(vars, relations, k, 'min', true));
        const imax = Math.round(this.solve(vars, relations, k, 'max', true));
        if (imin === imax) recovered.add(k);
      }
    }
    for (const k of recovered) {
      const [l, h] = [this.lo.get(k)!, this.hi.get(k)!];
      if (l === h && l !== this.truth.get(k)) throw new Error(`Recovered a wrong value for ${k}`);
    }
    return {
      attacked: targets.length,
      recovered: [...recovered],
      byDifferencing: byDifferencing.length,
      lpSolved,
      variables: this.lo.size,
      relations: this.relations.length,
    };
  }
}
