/**
 * Liveness under weak fairness, on the graph the exhaustive explorer explored.
 *
 * Fairness. The fair actions are the control actions (`Tick` among them) and the ops the
 * model marks as recovery: AWS's control loops and runbooks keep running; faults and other
 * ops (a client's writes) need never happen. Fairness is weak and per action, by its type and
 * arguments (`TargetHealthCheck(0)` and `TargetHealthCheck(1)` are two loops): a fair path
 * takes every fair action that stays enabled from some point on. A state in which no fair
 * action is enabled may last for ever (nothing is obliged to happen there; a deadlock is such
 * a state), as in TLA+, where a behaviour may stutter unless a fairness condition forbids it.
 *
 * The properties and their violations (X is the part of the graph a violation stays in):
 * - `eventually(p)`: a fair path from an initial state that never meets p: X = not p, from
 *   the initial states that do not satisfy p;
 * - `leadsTo(p, q)`: a state with p and not q, then a fair path that never meets q: X = not
 *   q, from the states with p and not q;
 * - `alwaysEventually(p)`: a fair path that from some point never meets p: X = not p, from
 *   every state;
 * - `eventuallyAlways(p)`: a fair path that meets not-p again and again: X = every state.
 * A fair path that stays in X ends, from some point, inside one strongly connected component
 * of X that it tours, or stutters in one state. Under weak fairness a component holds a fair
 * cycle exactly when its full tour (every state, every edge inside it) is fair: for every
 * fair action enabled in all of its states, some edge inside it takes that action (taking
 * more edges and visiting more states only helps). So: Tarjan's components of X reachable
 * from the starts (iterative, no recursion), each checked once; for `eventuallyAlways` the
 * component must also hold a state without p. A state of X where no fair action is enabled
 * (and, for `eventuallyAlways`, without p) is a violation by itself.
 *
 * The graph is recorded during the breadth-first search (`LivenessGraph`): per state the
 * range of its edges, per edge its target and its fair action's number (-1: not fair), in the
 * order of `actions(s)`, so an edge's position is the action's index and a lasso is rebuilt
 * by replaying indices, as the safety counterexamples are (a Tick that prompt control leaves
 * out keeps its position, with no target). That is 8 bytes a transition and 4 a state, paid
 * only when the model has a liveness property; nothing is decoded again, so fingerprinted
 * states work too. The predicates are evaluated once per state, when it is stored, into a
 * byte per state and property. Regenerating successors in a second pass instead would save
 * the edges' memory but cost about a second search (decode, actions, next, encode, probe per
 * transition); the recording costs one more table probe per transition to a known state.
 *
 * Symmetry reduction is not used for liveness (bfs.ts explores the full graph and says so):
 * on the quotient graph, an action's arguments are those of each state's representative, so
 * "the same action" is not the same loop from one state to the next (a cycle that takes
 * `Work(0)` of the representative may take a different worker's step each lap), and per-action
 * fairness read on the quotient would both miss fair cycles and accept unfair ones.
 */
import type { Action, Model } from '../model/core/model.js';
import type { LivenessProperty, Property } from '../model/core/property.js';
import { isLiveness } from '../model/core/property.js';
import { canonicalJson } from './trace-integrity.js';

/** Whether `a` is one of the actions weak fairness applies to: control (Tick included) and recovery ops. */
export function isFairAction<S, A extends Action>(model: Model<S, A>, a: A): boolean {
  return a.kind === 'control' || (a.kind === 'op' && model.isRecovery?.(a) === true);
}

/** The liveness properties of `props`, with their positions. */
export function livenessIndices<S>(props: readonly Property<S>[]): number[] {
  const out: number[] = [];
  props.forEach((p, i) => {
    if (isLiveness(p)) out.push(i);
  });
  return out;
}

/** Numbers the fair actions by their content (type and arguments); -1 for an action that is not fair. */
export class FairActions<S, A extends Action> {
  private readonly byObject = new Map<A, number>();
  private readonly byKey = new Map<string, number>();
  /** One action object per number (for messages). */
  readonly actions: A[] = [];

  constructor(private readonly model: Model<S, A>) {}

  idOf(a: A): number {
    if (!isFairAction(this.model, a)) return -1;
    // Models that build their action objects once (as the AWS components do) are looked up
    // by identity; others by their canonical JSON, and only the first 64 Ki objects are cached.
    const known = this.byObject.get(a);
    if (known !== undefined) return known;
    const key = canonicalJson(a);
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.actions.length;
      this.byKey.set(key, id);
      this.actions.push(a);
    }
    if (this.byObject.size < 1 << 16) this.byObject.set(a, id);
    return id;
  }

  get count(): number {
    return this.actions.length;
  }
}

/** Predicate bits per state: bit 0 `pred`, bit 1 `from` (leadsTo's trigger). */
const PRED = 1;
const FROM = 2;

/** The explored graph and the liveness predicates' values, recorded by the breadth-first search. */
export class LivenessGraph<S, A extends Action> {
  /** Per state id: where its edges start (its successor's entry is where they end). */
  offsets = new Int32Array(1024);
  targets = new Int32Array(4096);
  fair = new Int32Array(4096);
  edges = 0;
  /** States whose edges are recorded (every stored one, once the search is complete). */
  states = 0;
  readonly fairActions: FairActions<S, A>;
  /** Per liveness property (by its position in `indices`): a byte per state. */
  private bits: Uint8Array[];
  readonly indices: readonly number[];
  private readonly props: readonly LivenessProperty<S>[];
  /** Packed action numbers to fair numbers. */
  private packedFair: Int32Array | undefined;

  constructor(model: Model<S, A>) {
    this.fairActions = new FairActions(model);
    this.indices = livenessIndices(model.properties);
    this.props = this.indices.map((i) => model.properties[i] as LivenessProperty<S>);
    this.bits = this.props.map(() => new Uint8Array(1024));
    if (model.packed) this.packedFair = Int32Array.from(model.packed.table, (a) => this.fairActions.idOf(a));
  }

  /** Starts the edges of state `id` (states are expanded in id order). */
  begin(id: number): void {
    if (id + 1 >= this.offsets.length) this.offsets = grown(this.offsets, id + 2);
    this.offsets[id] = this.edges;
    this.states = id + 1;
  }

  /** One transition of the state being expanded, to stored state `target`, by `a`. */
  edge(target: number, a: A): void {
    this.add(target, this.fairActions.idOf(a));
  }

  /** An enabled action the search left out (a Tick deferred by prompt control): no edge, kept so positions stay action indices. */
  omittedEdge(): void {
    this.add(-1, -1);
  }

  /** One transition by packed action number `action`. */
  packedEdge(target: number, action: number): void {
    this.add(target, this.packedFair![action]);
  }

  private add(target: number, fair: number): void {
    const e = this.edges;
    if (e >= this.targets.length) {
      this.targets = grown(this.targets, e + 1);
      this.fair = grown(this.fair, e + 1);
    }
    this.targets[e] = target;
    this.fair[e] = fair;
    this.edges = e + 1;
  }

  /** Evaluates the liveness predicates on stored state `id` (throws what a predicate throws, with the property). */
  label(id: number, s: S, onError: (p: Property<S>, e: unknown) => never): void {
    for (let k = 0; k < this.props.length; k++) {
      const prop = this.props[k];
      let b = 0;
      try {
        if (prop.pred(s)) b |= PRED;
        if (prop.kind === 'leadsTo' && prop.from(s)) b |= FROM;
      } catch (e) {
        onError(prop, e);
      }
      let bits = this.bits[k];
      if (id >= bits.length) bits = this.bits[k] = grown(bits, id + 1);
      bits[id] = b;
    }
  }

  /** Closes the edges of the last expanded state. */
  finish(): void {
    if (this.states >= this.offsets.length) this.offsets = grown(this.offsets, this.states + 1);
    this.offsets[this.states] = this.edges;
  }

  /** Bytes held by the recording. */
  bytes(): number {
    return this.offsets.byteLength + this.targets.byteLength + this.fair.byteLength + this.bits.reduce((n, b) => n + b.byteLength, 0);
  }

  /** The predicate bits of the liveness property at model position `p`. */
  bitsOf(p: number): Uint8Array {
    return this.bits[this.indices.indexOf(p)];
  }
}

function grown<T extends Int32Array | Uint8Array>(a: T, atLeast: number): T {
  let n = Math.max(16, Math.ceil(a.length * 1.5));
  while (n < atLeast) n = Math.ceil(n * 1.5);
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

/** A violation as a lasso of the recorded graph: from stored state `start`, `steps` (action indices), the last `steps.length - loop` of which repeat. */
export interface GraphLasso {
  /** Where the path from an initial state (the search's own shortest) ends and the stem begins. */
  readonly start: number;
  /** Action indices from `start`: the stem, then the cycle. */
  readonly steps: readonly number[];
  /** Index into `steps` where the cycle begins; `steps.length`: the last state lasts for ever (no fair action is enabled in it). */
  readonly loop: number;
}

/**
 * Decides one liveness property on a complete recorded graph of `count` states: undefined
 * when it holds, else a lasso. `initial(id)` tells the initial states.
 */
export function findLasso<S, A extends Action>(graph: LivenessGraph<S, A>, p: number, prop: LivenessProperty<S>, count: number, initial: (id: number) => boolean): GraphLasso | undefined {
  const { offsets, targets, fair } = graph;
  const bits = graph.bitsOf(p);
  const kind = prop.kind;
  // X: the states a violation stays in; bad: the states a violating cycle must visit.
  const everywhere = kind === 'eventuallyAlways';
  const inX = (v: number): boolean => everywhere || (bits[v] & PRED) === 0;
  const bad = (v: number): boolean => (bits[v] & PRED) === 0;
  const isRoot = (v: number): boolean =>
    kind === 'eventually' ? initial(v) && inX(v) : kind === 'leadsTo' ? (bits[v] & (FROM | PRED)) === FROM : inX(v);
  const nFair = graph.fairActions.count;

  // Tarjan over X from the roots, on explicit stacks. index 0: not visited.
  const index = new Int32Array(count);
  const low = new Int32Array(count);
  const comp = new Int32Array(count).fill(-1);
  const cursor = new Int32Array(count);
  const sccStack = new Int32Array(count);
  const calls = new Int32Array(count);
  /** 1: in a fair component that violates; 2: stutters for ever (no fair action) and violates. */
  const viol = new Uint8Array(count);
  let sp = 0;
  let cp = 0;
  let counter = 0;
  let comps = 0;
  let found = false;
  // Per fair action, for the component being checked: in how many members it is enabled, and whether an inside edge takes it.
  const enabledIn = new Int32Array(nFair);
  const enabledStamp = new Int32Array(nFair).fill(-1);
  const takenStamp = new Int32Array(nFair).fill(-1);
  const memberStamp = new Int32Array(nFair).fill(-1);
  const touched: number[] = [];
  let memberTags = 0;

  const open = (v: number): void => {
    index[v] = low[v] = ++counter;
    cursor[v] = offsets[v];
    sccStack[sp++] = v;
    calls[cp++] = v;
    let fairEnabled = false;
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      if (fair[e] >= 0) {
        fairEnabled = true;
        break;
      }
    }
    if (!fairEnabled && bad(v)) {
      viol[v] = 2;
      found = true;
    }
  };

  /** Checks the component just popped (sccStack[from..sp)) and marks it when it violates. */
  const checkComponent = (from: number, c: number): void => {
    const size = sp - from;
    let selfLoop = false;
    let hasBad = false;
    touched.length = 0;
    for (let i = from; i < sp; i++) {
      const u = sccStack[i];
      if (bad(u)) hasBad = true;
      const tag = ++memberTags; // counts each member once per action
      for (let e = offsets[u]; e < offsets[u + 1]; e++) {
        const f = fair[e];
        const v = targets[e];
        if (v < 0) continue;
        if (v === u) selfLoop = true;
        if (f < 0) continue;
        if (enabledStamp[f] !== c) {
          enabledStamp[f] = c;
          enabledIn[f] = 0;
          touched.push(f);
        }
        if (memberStamp[f] !== tag) {
          memberStamp[f] = tag;
          enabledIn[f]++;
        }
        if (comp[v] === c && inX(v)) takenStamp[f] = c;
      }
    }
    if (size === 1 && !selfLoop) return;
    if (!hasBad) return;
    for (const f of touched) if (enabledIn[f] === size && takenStamp[f] !== c) return;
    for (let i = from; i < sp; i++) if (viol[sccStack[i]] === 0) viol[sccStack[i]] = 1;
    found = true;
  };

  for (let r = 0; r < count; r++) {
    if (index[r] !== 0 || !isRoot(r)) continue;
    open(r);
    while (cp > 0) {
      const v = calls[cp - 1];
      const e = cursor[v];
      if (e < offsets[v + 1]) {
        cursor[v] = e + 1;
        const w = targets[e];
        if (w < 0 || !inX(w)) continue;
        if (index[w] === 0) open(w);
        else if (comp[w] < 0 && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      cp--;
      if (low[v] === index[v]) {
        let from = sp;
        const c = comps++;
        do {
          from--;
          comp[sccStack[from]] = c;
        } while (sccStack[from] !== v);
        checkComponent(from, c);
        sp = from;
      }
      if (cp > 0) {
        const parent = calls[cp - 1];
        if (low[v] < low[parent]) low[parent] = low[v];
      }
    }
  }
  if (!found) return undefined;
  return lassoTo(graph, count, viol, comp, inX, bad, isRoot, everywhere);
}

/**
 * The lasso to the violation nearest the roots: a breadth-first search within X from the
 * roots (in id order, so shallow ones first) to a marked state, then a cycle through its
 * component that is fair (it takes every fair action enabled in all the states it visits)
 * and, for eventuallyAlways, visits a state without p.
 */
function lassoTo<S, A extends Action>(
  graph: LivenessGraph<S, A>,
  count: number,
  viol: Uint8Array,
  comp: Int32Array,
  inX: (v: number) => boolean,
  bad: (v: number) => boolean,
  isRoot: (v: number) => boolean,
  needsBad: boolean,
): GraphLasso {
  const { offsets, targets } = graph;
  const parent = new Int32Array(count).fill(-2);
  const via = new Int32Array(count);
  const queue = new Int32Array(count);
  let head = 0;
  let tail = 0;
  for (let r = 0; r < count; r++) {
    if (!isRoot(r)) continue;
    parent[r] = -1;
    queue[tail++] = r;
  }
  let entry = -1;
  while (head < tail) {
    const u = queue[head++];
    if (viol[u] !== 0) {
      entry = u;
      break;
    }
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = targets[e];
      if (v < 0 || parent[v] !== -2 || !inX(v)) continue;
      parent[v] = u;
      via[v] = e - offsets[u];
      queue[tail++] = v;
    }
  }
  if (entry < 0) throw new Error('liveness: a violation was marked but is not reachable from the roots');
  const stem: number[] = [];
  let start = entry;
  while (parent[start] >= 0) {
    stem.push(via[start]);
    start = parent[start];
  }
  stem.reverse();
  if (viol[entry] === 2) return { start, steps: stem, loop: stem.length };
  const cycle = fairCycle(graph, entry, comp, needsBad ? bad : undefined);
  return { start, steps: [...stem, ...cycle], loop: stem.length };
}

/** A cycle from `entry` back to it inside its component, fair as explained above. */
function fairCycle<S, A extends Action>(graph: LivenessGraph<S, A>, entry: number, comp: Int32Array, mustVisit: ((v: number) => boolean) | undefined): number[] {
  const { offsets, targets, fair } = graph;
  const c = comp[entry];
  const inside = (v: number) => comp[v] === c;
  // The fair actions enabled in every state of the component must be taken; others need a state where they are disabled.
  const members: number[] = [];
  const enabledCount = new Map<number, number>();
  for (let u = 0; u < comp.length; u++) {
    if (comp[u] !== c) continue;
    members.push(u);
    for (const f of fairEnabled(graph, u)) enabledCount.set(f, (enabledCount.get(f) ?? 0) + 1);
  }
  const steps: number[] = [];
  let cur = entry;
  const visited = new Set<number>([entry]);
  const taken = new Set<number>();
  const go = (path: { state: number; index: number }[]): void => {
    for (const st of path) {
      const e = offsets[cur] + st.index;
      if (fair[e] >= 0) taken.add(fair[e]);
      steps.push(st.index);
      cur = st.state;
      visited.add(cur);
    }
  };
  if (mustVisit && !mustVisit(cur)) go(pathWithin(graph, cur, inside, (v) => mustVisit(v), false));
  for (const [f, n] of enabledCount) {
    if (taken.has(f)) continue;
    const disabledSeen = [...visited].some((u) => !fairEnabled(graph, u).has(f));
    if (disabledSeen) continue;
    if (n < members.length) {
      go(pathWithin(graph, cur, inside, (v) => !fairEnabled(graph, v).has(f), false));
      continue;
    }
    // Enabled everywhere: take an inside edge with it.
    const from = pathWithin(graph, cur, inside, (v) => insideEdgeWith(graph, v, f, inside) >= 0, false);
    go(from);
    const k = insideEdgeWith(graph, cur, f, inside);
    go([{ state: targets[offsets[cur] + k], index: k }]);
  }
  go(pathWithin(graph, cur, inside, (v) => v === entry, steps.length === 0));
  return steps;
}

function fairEnabled<S, A extends Action>(graph: LivenessGraph<S, A>, u: number): Set<number> {
  const out = new Set<number>();
  for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) if (graph.fair[e] >= 0) out.add(graph.fair[e]);
  return out;
}

/** The index (in `u`'s actions) of an edge taking fair action `f` to a state inside, or -1. */
function insideEdgeWith<S, A extends Action>(graph: LivenessGraph<S, A>, u: number, f: number, inside: (v: number) => boolean): number {
  for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) if (graph.fair[e] === f && inside(graph.targets[e])) return e - graph.offsets[u];
  return -1;
}

/**
 * A shortest path of edges inside the component from `from` to a state satisfying `goal`
 * (`from` itself when it does, unless `nonEmpty`): each step's target and action index.
 */
function pathWithin<S, A extends Action>(graph: LivenessGraph<S, A>, from: number, inside: (v: number) => boolean, goal: (v: number) => boolean, nonEmpty: boolean): { state: number; index: number }[] {
  if (!nonEmpty && goal(from)) return [];
  const { offsets, targets } = graph;
  const back = new Map<number, { prev: number; index: number }>();
  const queue: number[] = [from];
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h];
    for (let e = offsets[u]; e < offsets[u + 1]; e++) {
      const v = targets[e];
      if (v < 0 || !inside(v) || back.has(v)) continue;
      back.set(v, { prev: u, index: e - offsets[u] });
      if (goal(v)) {
        const path: { state: number; index: number }[] = [];
        for (let x = v; ; ) {
          const b = back.get(x)!;
          path.push({ state: x, index: b.index });
          if (b.prev === from) break;
          x = b.prev;
        }
        return path.reverse();
      }
      queue.push(v);
    }
  }
  throw new Error('liveness: no path inside a strongly connected component');
}
