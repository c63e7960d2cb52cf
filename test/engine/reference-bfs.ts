/**
 * A naive reference BFS for cross-checking the explorers: states keyed by JSON.stringify in
 * a Set, nothing clever. Slow, obviously correct.
 */
import type { Action, Model } from '../../model/core/model.js';

export interface ReferenceCounts {
  states: number;
  transitions: number;
  maxDepth: number;
  /** Depth of the first state violating each always property (or -1). */
  firstViolation: Record<string, number>;
}

export function referenceBfs<S, A extends Action>(model: Model<S, A>, canonical?: (s: S) => S): ReferenceCounts {
  const key = (s: S) => JSON.stringify(canonical ? canonical(s) : s);
  const seen = new Set<string>();
  let level: S[] = [];
  const firstViolation: Record<string, number> = {};
  for (const p of model.properties) if (p.kind === 'always') firstViolation[p.name] = -1;
  const visit = (s: S, depth: number) => {
    for (const p of model.properties) if (p.kind === 'always' && firstViolation[p.name] < 0 && !p.pred(s)) firstViolation[p.name] = depth;
  };
  for (const s of model.init()) {
    const k = key(s);
    if (!seen.has(k)) {
      seen.add(k);
      level.push(canonical ? canonical(s) : s);
      visit(s, 0);
    }
  }
  let transitions = 0;
  let depth = 0;
  while (level.length > 0) {
    const next: S[] = [];
    for (const s of level) {
      for (const a of model.actions(s)) {
        const t = model.next(s, a);
        transitions++;
        const k = key(t);
        if (seen.has(k)) continue;
        seen.add(k);
        next.push(canonical ? canonical(t) : t);
        visit(t, depth + 1);
      }
    }
    if (next.length > 0) depth++;
    level = next;
  }
  return { states: seen.size, transitions, maxDepth: depth, firstViolation };
}
