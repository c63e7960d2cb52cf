/**
 * Partial-order reduction for compositions (issue 17): an ample-set method, as SPIN's, on the
 * breadth-first explorer. In a state where one component X's enabled actions E are
 * independent of everything the other components (and `Tick`) can do before one of E is
 * taken, the explorer expands E alone (the ample set) instead of every enabled action.
 *
 * Footprints. An action type writes the slices of its subscribers (and the fault count for
 * a budgeted fault): static, from compose's dispatch table. What a component's enabling code,
 * the `Tick` guard, an action's reducers and the properties *read* is not declared: it is
 * recorded on a proxy of every expanded state (model/compose/partial-order.ts), and the
 * footprints used are the unions of the reads recorded so far. A run that records a read it
 * had not seen before, after it already reduced some state, starts again with the wider
 * footprints (`PorRestart`); the footprints only grow, so this ends.
 *
 * The conditions, in state s, for the enabled actions E of component X (Tick not among them):
 * - C0: E is not empty, and is not every enabled action (else there is nothing to reduce).
 * - C1: no action type of another component, and no `Tick`, writes a slice that X's enabling
 *   code or E's reducers read (or E's own slices): on every path of other actions, X's
 *   enabled list stays E and each action of E has the same effect; and E writes no slice any
 *   other action type's enabling code or reducers read or write: taking an action of E first
 *   changes nothing of what they do. A `Tick` that does depend on E cannot come first under
 *   prompt control (`--prompt-control`, the default for compositions) when E holds a control
 *   action or recovery op that is due (the model has no `mayDefer`): it stays enabled, so
 *   `Tick` stays deferred, until one of E is taken.
 * - C2 (invisibility): E writes no slice a property reads.
 * - C3 (cycle proviso, for breadth-first search): a state whose ample set reaches a state
 *   already stored is expanded fully (engine/bfs.ts), so every cycle of the reduced graph holds
 *   a fully expanded state (the state of the cycle expanded last).
 *
 * Sound for `always` and `sometimes` given the footprints; the footprints are learned on the
 * states the reduced search expands, not proven for every reachable state (a read made only
 * in states the reduced search never reaches would be missed), so the reduction is opt-in
 * (`--por`, `ExhaustiveOptions.por`). Not applied with `recovers`, measured or liveness
 * properties (a recovery search or a fair cycle reads the whole state), with `--symmetry` or
 * checkpoints: the run is then unreduced, with a notice. A composition with packed transitions
 * is reduced on its object functions (the footprints are their recorded reads).
 *
 * A breadth-first search of the reduced graph does not always find a shortest
 * counterexample of the full graph (the one action that violates may be one the ample set
 * postponed): `exploreExhaustive` searches the full graph again for the properties it found
 * violated or reached (engine/bfs.ts), so verdicts and counterexample lengths are the
 * unreduced run's.
 */
import type { Action, Model } from '../model/core/model.js';
import type { Property } from '../model/core/property.js';
import { recordingWorld, type PartialOrderInfo, type SliceMask, type Slices as World } from '../model/core/partial-order.js';

/** Thrown by `observe` when a footprint grew after the run reduced a state: the run starts again. */
export class PorRestart extends Error {
  constructor() {
    super('partial-order reduction: footprints grew; restarting');
  }
}

/** Why a run asked for partial-order reduction is not reduced, or undefined when it can be. */
export function porUnsupported(model: Model<any, any>, given: object): string | undefined {
  const opts = given as { readonly symmetry?: boolean; readonly checkpoint?: unknown; readonly resume?: unknown };
  const info = partialOrderOf(model);
  if (info === undefined) return 'the model is not a composition (no partialOrder)';
  if (info.unsupported) return info.unsupported;
  if (opts.symmetry) return '--symmetry is on';
  if (opts.checkpoint || opts.resume) return 'checkpoints keep the unreduced search';
  for (const p of model.properties as readonly Property<unknown>[]) {
    if (p.kind !== 'always' && p.kind !== 'sometimes') return `property ${p.name} is ${p.kind} (a recovery search or a fair cycle reads the whole state)`;
    if ('measure' in p && p.measure !== undefined) return `property ${p.name} is measured (its worst value is over every reachable state)`;
  }
  return undefined;
}

/** The model's partial-order view, when it has one. */
export function partialOrderOf(model: Model<any, any>): PartialOrderInfo | undefined {
  const info = (model as { readonly partialOrder?: PartialOrderInfo }).partialOrder;
  return typeof info === 'object' && info !== null && typeof info.writes === 'function' ? info : undefined;
}

/** Counts of one reduced run, for reports and tests. */
export interface PorStats {
  /** States whose expansion was reduced to an ample set. */
  reduced: number;
  /** States whose ample set reached a stored state and were expanded fully (C3). */
  proviso: number;
  /** Runs started again because a footprint grew. */
  restarts: number;
}

/**
 * Ample sets for one model: learned footprints (kept across restarts) and the choice per state.
 */
export class AmpleSets<S, A extends Action> {
  private readonly info: PartialOrderInfo;
  private readonly groups: number;
  private readonly index: ReadonlyMap<string, number>;
  private readonly all: SliceMask;
  private readonly faultsBit: SliceMask;
  private readonly props: readonly Property<S>[];
  /** Learned reads: per group's enabling, the Tick guard, per action type's reducers, the properties. */
  private readonly enRead: SliceMask[];
  private tickRead: SliceMask = 0;
  private readonly redRead = new Map<string, SliceMask>();
  private propRead: SliceMask = 0;
  /** Derived per group: every slice its action types may write, and every slice they (or its enabling) read or write. */
  private groupWrites: SliceMask[] = [];
  private groupTouches: SliceMask[] = [];
  private tickWrites: SliceMask = 0;
  private tickTouches: SliceMask = 0;
  private dirty = true;
  /** Whether this run has reduced a state yet (a footprint growing after that restarts it). */
  private used = false;
  readonly stats: PorStats = { reduced: 0, proviso: 0, restarts: 0 };
  private readonly due: (s: S, a: A) => boolean;

  constructor(private readonly model: Model<S, A>, private readonly promptControl: boolean) {
    const info = partialOrderOf(model);
    if (info === undefined) throw new Error('partial-order reduction needs a composition');
    this.info = info;
    this.groups = info.groups.length;
    this.index = new Map(info.slices.map((k, i) => [k, i]));
    this.all = info.slices.length >= 31 ? -1 : (1 << info.slices.length) - 1;
    this.faultsBit = info.slices.length > this.groups ? 1 << this.groups : 0;
    this.props = model.properties;
    this.enRead = new Array<SliceMask>(this.groups).fill(0);
    const mayDefer = model.mayDefer;
    const isRecovery = model.isRecovery;
    // Due: a control action or recovery op that defers Tick under prompt control (engine/recovery.ts deferredTick).
    this.due = (_s, a) => mayDefer === undefined && (a.kind === 'control' || (a.kind === 'op' && (isRecovery?.(a) ?? false)));
  }

  /** A new run (after a restart): footprints are kept; the counts start again (they are of one run), but for restarts. */
  begin(): void {
    this.used = false;
    this.stats.reduced = 0;
    this.stats.proviso = 0;
  }

  /**
   * Records the reads of every component's enabling code, the Tick guard, the reducers of
   * every enabled action and every property in `s`; throws PorRestart when one grew after
   * this run reduced a state.
   */
  observe(s: S, acts: readonly A[]): void {
    const info = this.info;
    const w = s as unknown as World;
    let grew = false;
    for (let g = 0; g < this.groups; g++) {
      const r = info.enablingReads(g, w);
      if ((r & ~this.enRead[g]) !== 0) {
        this.enRead[g] |= r;
        grew = true;
      }
    }
    const t = info.tickReads(w);
    if ((t & ~this.tickRead) !== 0) {
      this.tickRead |= t;
      grew = true;
    }
    for (let k = 0; k < acts.length; k++) {
      const a = acts[k];
      const r = info.reducerReads(a, w);
      const old = this.redRead.get(a.type);
      if (old === undefined || (r & ~old) !== 0) {
        this.redRead.set(a.type, (old ?? 0) | r);
        grew = true;
      }
    }
    const seen = { mask: 0 };
    const rec = recordingWorld(w, this.index, this.all, seen);
    for (const p of this.props) {
      try {
        (p as { readonly pred: (s: unknown) => unknown }).pred(rec);
      } catch {
        seen.mask |= this.all; // the explorer reports the throw itself
      }
    }
    if ((seen.mask & ~this.propRead) !== 0) {
      this.propRead |= seen.mask;
      grew = true;
    }
    if (grew) {
      this.dirty = true;
      if (this.used) {
        this.stats.restarts++;
        throw new PorRestart();
      }
    }
  }

  /** The footprints learned so far, by slice name: what each component's enabling code, the Tick guard, each action type's reducers and the properties read. */
  footprints(): { readonly enabling: Record<string, string[]>; readonly tick: string[]; readonly reducers: Record<string, string[]>; readonly properties: string[] } {
    const names = (m: SliceMask): string[] => this.info.slices.filter((_, i) => (m & (1 << i)) !== 0);
    const enabling: Record<string, string[]> = {};
    this.info.groups.forEach((g, i) => (enabling[g] = names(this.enRead[i])));
    const reducers: Record<string, string[]> = {};
    for (const [type, m] of this.redRead) reducers[type] = names(m);
    return { enabling, tick: names(this.tickRead), reducers, properties: names(this.propRead) };
  }

  private derive(): void {
    const info = this.info;
    this.groupWrites = [];
    this.groupTouches = [];
    for (let g = 0; g < this.groups; g++) {
      let w = 0;
      let r = this.enRead[g] | (info.budgeted[g] ? this.faultsBit : 0);
      for (const type of info.types[g]) {
        const wt = info.writes(type);
        w |= wt;
        // A type never seen enabled has no recorded reads yet: its slices written, until it is.
        r |= wt | (this.redRead.get(type) ?? 0);
      }
      this.groupWrites.push(w);
      this.groupTouches.push(r | w);
    }
    this.tickWrites = info.writes('Tick');
    this.tickTouches = this.tickWrites | this.tickRead | (this.redRead.get('Tick') ?? 0);
    this.dirty = false;
  }

  /**
   * The indices into `acts` of an ample set in `s` (`skip`: a deferred Tick, not a
   * transition), or undefined to expand every action.
   */
  ample(s: S, acts: readonly A[], skip: number): number[] | undefined {
    if (this.dirty) this.derive();
    const info = this.info;
    const n = acts.length;
    const effective = skip >= 0 ? n - 1 : n;
    if (effective < 2) return undefined;
    // Each group's enabled actions, by first appearance (compose lists them by component).
    const origin: number[] = new Array<number>(n);
    for (let k = 0; k < n; k++) origin[k] = k === skip ? -2 : info.origin(acts[k].type) ?? -3;
    for (let g = 0; g < this.groups; g++) {
      let count = 0;
      let reads = this.enRead[g] | (info.budgeted[g] ? this.faultsBit : 0);
      let writes = 0;
      let due = false;
      for (let k = 0; k < n; k++) {
        if (origin[k] !== g) continue;
        count++;
        const type = acts[k].type;
        const wt = info.writes(type);
        writes |= wt;
        reads |= wt | (this.redRead.get(type) ?? this.all);
        if (!due && this.due(s, acts[k])) due = true;
      }
      if (count === 0 || count === effective) continue;
      if ((writes & this.propRead) !== 0) continue; // C2
      let independent = true;
      for (let h = 0; h < this.groups && independent; h++) {
        if (h === g) continue;
        if ((this.groupWrites[h] & reads) !== 0 || (writes & this.groupTouches[h]) !== 0) independent = false;
      }
      if (!independent) continue;
      // Tick: independent of E, or held back until one of E is taken (prompt control, a due action in E).
      if ((this.tickWrites & reads) !== 0 || (writes & this.tickTouches) !== 0) {
        if (!(this.promptControl && due)) continue;
      }
      const out: number[] = [];
      for (let k = 0; k < n; k++) if (origin[k] === g) out.push(k);
      this.used = true;
      return out;
    }
    return undefined;
  }
}
