/**
 * Checks a declared symmetry against the model, state by state: what symmetry reduction
 * (engine/bfs.ts with `canonical`) assumes and a schema declaration (model/core/symmetry.ts)
 * only promises.
 *
 * For every reachable state `s` (a plain breadth-first search, up to `maxStates`) and every
 * permutation `p` of the declared slots (all of them when there are at most `perState`, else
 * that many drawn with a fixed seed), with `t = p(s)`:
 * - `canonical(t)` is `canonical(s)` (one representative per orbit), and `canonical` is idempotent;
 * - when every permutation is tried, `canonical(s)` is one of the `p(s)` (it stays in the orbit);
 * - the successors of `s` and `t` are the same multiset of (kind, recovery op, may wait,
 *   representative of the successor): the quotient is a bisimulation, so `always`,
 *   `sometimes`, `recovers` (and the prompt-control rule) give the same verdicts on it, and a
 *   counterexample over representatives maps back to a concrete one (engine/path.ts);
 * - every property's predicates (and measure) agree on `s` and `t`.
 * A test helper more than an explorer: it keys states by strings.
 */
import type { Action, Model } from '../model/core/model.js';
import type { Property } from '../model/core/property.js';
import { allPermutations, type SlotSet, type Symmetry } from '../model/core/symmetry.js';
import { codecOf } from './codec.js';

export interface SymmetryCheckOptions {
  /** States to visit (breadth-first from the initial states); default 5,000. */
  readonly maxStates?: number;
  /** Permutations per state: all of them when there are at most this many, else this many drawn; default 24. */
  readonly perState?: number;
  /** Seed of the drawn permutations; default 1. */
  readonly seed?: number;
}

export interface SymmetryCheck {
  /** States visited and (state, permutation) pairs checked. */
  readonly states: number;
  readonly pairs: number;
  /** Whether every permutation of the sets was tried on each state (then orbit membership is checked too). */
  readonly exhaustive: boolean;
  /** What went wrong, one line each (at most 20). */
  readonly violations: readonly string[];
}

/** Checks `symmetry` (its sets and `permute`) and the model's `canonical` on the model's reachable states. */
export function checkSymmetry<S, A extends Action>(
  model: Model<S, A>,
  symmetry: Pick<Symmetry<S>, 'sets' | 'permute'>,
  options: SymmetryCheckOptions = {},
): SymmetryCheck {
  const canonical = model.canonical?.bind(model);
  if (!canonical) throw new Error('checkSymmetry: the model has no canonical(s)');
  const codec = codecOf(model);
  if (!codec) throw new Error('checkSymmetry: the model needs an exact codec (a schema)');
  const maxStates = options.maxStates ?? 5_000;
  const perState = options.perState ?? 24;
  const buf = new Uint32Array(codec.words);
  const key = (s: S): string => {
    codec.encode(s, buf, 0);
    return buf.join(',');
  };
  const all = allPermutations(symmetry.sets, perState);
  let seed = (options.seed ?? 1) >>> 0 || 1;
  const random = (): number => {
    // xorshift32: a fixed sequence per seed.
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    return seed / 0x100000000;
  };
  const violations: string[] = [];
  const fail = (line: string): void => {
    if (violations.length < 20) violations.push(line);
  };
  const successors = (s: S): string[] =>
    model
      .actions(s)
      .map((a) => `${a.kind}|${model.isRecovery?.(a) ? 'r' : ''}|${model.mayDefer?.(s, a) ? 'w' : ''}|${key(canonical(model.next(s, a)))}`)
      .sort();
  const observe = (s: S): string => model.properties.map((p) => observation(p, s)).join(';');

  const seen = new Set<string>();
  let frontier: S[] = [];
  for (const s of model.init()) {
    const k = key(s);
    if (!seen.has(k)) {
      seen.add(k);
      frontier.push(s);
    }
  }
  let states = 0;
  let pairs = 0;
  outer: while (frontier.length > 0) {
    const next: S[] = [];
    for (const s of frontier) {
      if (states >= maxStates) break outer;
      states++;
      const rep = key(canonical(s));
      if (key(canonical(canonical(s))) !== rep) fail(`canonical is not idempotent on ${key(s)}`);
      const succ = successors(s).join(' ');
      const seenHere = observe(s);
      const perms = all ?? Array.from({ length: perState }, () => randomPermutation(symmetry.sets, random));
      let inOrbit = false;
      for (const p of perms) {
        pairs++;
        const t = symmetry.permute(s, p);
        if (key(t) === rep) inOrbit = true;
        if (key(canonical(t)) !== rep) fail(`canonical differs on ${key(s)} and its permutation ${JSON.stringify(p)}`);
        if (successors(t).join(' ') !== succ) fail(`successors differ on ${key(s)} and its permutation ${JSON.stringify(p)}`);
        if (observe(t) !== seenHere) fail(`properties differ on ${key(s)} and its permutation ${JSON.stringify(p)}`);
      }
      if (all && !inOrbit) fail(`canonical(${key(s)}) is not a permutation of it`);
      for (const a of model.actions(s)) {
        const t = model.next(s, a);
        const k = key(t);
        if (!seen.has(k)) {
          seen.add(k);
          next.push(t);
        }
      }
    }
    frontier = next;
  }
  return { states, pairs, exhaustive: all !== undefined, violations };
}

/** What a property sees in `s`: each predicate's value, and the measure. */
function observation<S>(p: Property<S>, s: S): string {
  const parts: unknown[] = [p.pred(s)];
  if (p.kind === 'leadsTo') parts.push(p.from(s));
  if (p.kind === 'always' && p.measureOf) parts.push(p.measureOf(s));
  return parts.join(',');
}


/** A random permutation of each set within its groups (Fisher-Yates per group). */
function randomPermutation(sets: readonly SlotSet[], random: () => number): number[][] {
  return sets.map((set) => {
    const p = Array.from({ length: set.length }, (_, i) => i);
    for (const g of [...new Set(set.groups)]) {
      const pos = set.groups.flatMap((x, i) => (x === g ? [i] : []));
      for (let i = pos.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [p[pos[i]], p[pos[j]]] = [p[pos[j]], p[pos[i]]];
      }
    }
    return p;
  });
}
