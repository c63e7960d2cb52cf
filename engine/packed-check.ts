/**
 * `checkPacked`: does a model's hand-written `packed` agree with its object `actions`, `next` and
 * properties? The exhaustive explorer trusts packed transitions (it never runs the object ones
 * on the states it expands), so a packed `next` that forgets a field, or lists actions in
 * another order, would check another model than the one written, silently. This walks the
 * model's reachable states breadth-first with the object functions, up to `maxStates`, and on
 * each state compares, on its code: the enabled action numbers (the table's actions, in order,
 * against `actions(s)`), every successor's code (against the object successor's), every
 * predicate on codes (`packed.properties`) against its property's `pred`, and, where both
 * have it, `packed.mayDefer` against `mayDefer` for every enabled control action. What differs is
 * reported one line each (control characters flattened, never cut), with the path that reaches the state. Use it in a model's tests, as
 * `checkSymmetry` for a declared symmetry.
 */
import type { Action, Model, PackedTransitions } from '../model/core/model.js';
import { labelOf } from '../model/core/model.js';
import type { Property } from '../model/core/property.js';
import { codecOf, type ModelCodec } from './codec.js';
import { ModelError, thrown } from './model-error.js';
import { InputError } from './scenario.js';
import { StateStore } from './visited.js';

export interface PackedCheckOptions {
  /** Most distinct states to compare on (breadth-first from the initial states). Default 20,000. */
  readonly maxStates?: number;
}

export interface PackedCheck {
  /** States walked, and transitions (compared where packed lists the model's actions). */
  readonly states: number;
  readonly transitions: number;
  /** Every reachable state was compared (the walk ended before `maxStates`). */
  readonly complete: boolean;
  /** What differs, one line each (at most 20), each with the path to the state. */
  readonly mismatches: readonly string[];
}

/** Compares `model.packed` with the model's object `actions`, `next`, `mayDefer` and properties on its reachable states. */
export function checkPacked<S, A extends Action>(model: Model<S, A>, options: PackedCheckOptions = {}): PackedCheck {
  const packed: PackedTransitions<A> | undefined = model.packed;
  if (!packed) throw new InputError('checkPacked: the model has no packed transitions');
  const codec = codecOf(model);
  if (!codec) throw new InputError('checkPacked: the model has no exact codec (a schema)');
  const maxStates = options.maxStates ?? 20_000;
  if (!(Number.isInteger(maxStates) && maxStates >= 1)) throw new InputError(`checkPacked: maxStates must be a positive integer, got ${String(maxStates)}`);
  const words = codec.words;
  const props = model.properties as readonly Property<S>[];
  const onCodes = (packed.properties ?? []).map((e) => ({ prop: props.find((p) => p === e.property), pred: e.pred.bind(e) }));

  const mismatches: string[] = [];
  const fail = (path: readonly string[], what: string): void => {
    // One line each, not cut: the two lists of a long state are what the reader needs.
    if (mismatches.length < 20) mismatches.push(`${what} (after ${path.length === 0 ? 'the initial state' : path.join(', ')})`.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' '));
  };
  const code = new Uint32Array(words);
  const succ = new Uint32Array(words);
  const expected = new Uint32Array(words);
  let out = new Int32Array(Math.max(16, packed.table.length));
  // The states met, by code (exact): the explorer's own store.
  const seen = new StateStore(words);
  let frontier: { s: S; path: string[] }[] = [];
  for (const s of model.init()) {
    codec.encode(s, code, 0);
    if (seen.find(code, 0) < 0) {
      seen.insert(code, 0, -1, 0);
      frontier.push({ s, path: [] });
    }
  }
  let states = 0;
  let transitions = 0;
  let complete = true;
  walk: while (frontier.length > 0) {
    const next: { s: S; path: string[] }[] = [];
    for (const { s, path } of frontier) {
      states++;
      codec.encode(s, code, 0);
      for (const { prop, pred } of onCodes) {
        if (prop === undefined) continue;
        const onCode = Boolean(pred(code, 0));
        const onState = Boolean((prop as { pred(s: S): boolean }).pred(s));
        if (onCode !== onState) fail(path, `property ${prop.name}: ${String(onCode)} on the code, ${String(onState)} on the state`);
      }
      const acts = model.actions(s);
      let n = packed.actions(code, 0, out);
      if (n > out.length) {
        out = new Int32Array(2 * n);
        n = packed.actions(code, 0, out);
      }
      const listed = Array.from(out.subarray(0, n), (x) => packed.table[x]);
      const labels = (list: readonly (A | undefined)[]): string => list.map((a) => (a === undefined ? '(no such action number)' : labelOf(model, a))).join(', ');
      // The walk follows the object model; successors are compared where both list the same actions.
      const same = listed.length === acts.length && listed.every((a, k) => a !== undefined && sameData(a, acts[k]));
      if (!same) fail(path, `actions: packed lists [${labels(listed)}], the model [${labels(acts)}]`);
      // Ranged delays on codes: the same answer for every enabled control action.
      if (same && packed.mayDefer && model.mayDefer) {
        for (let k = 0; k < acts.length; k++) {
          if (acts[k].kind !== 'control') continue;
          const onCode = packed.mayDefer(code, 0, out[k]) === true;
          const onState = model.mayDefer(s, acts[k]) === true;
          if (onCode !== onState) fail(path, `mayDefer ${labelOf(model, acts[k])}: ${String(onCode)} on the code, ${String(onState)} on the state`);
        }
      }
      for (let k = 0; k < acts.length; k++) {
        transitions++;
        const t = model.next(s, acts[k]);
        codec.encode(t, expected, 0);
        if (same) {
          succ.set(code);
          packed.next(code, 0, out[k], succ, 0);
          if (!succ.every((w, i) => w === expected[i])) fail(path, `next ${labelOf(model, acts[k])}: ${differences(codec.decode(succ, 0), codec.decode(expected, 0))}`);
        }
        if (seen.find(expected, 0) >= 0) continue;
        if (seen.count >= maxStates) {
          complete = false;
          continue;
        }
        seen.insert(expected, 0, -1, 0);
        next.push({ s: t, path: [...path, labelOf(model, acts[k])] });
      }
      if (mismatches.length >= 20) break walk;
    }
    frontier = next;
  }
  return { states, transitions, complete: complete && mismatches.length < 20, mismatches };
}

/**
 * States an exploration confirms its packed transitions on (`shouldConfirm`): the first
 * CONFIRM_FIRST it expands, then one in CONFIRM_EVERY.
 */
export const CONFIRM_FIRST = 64;
export const CONFIRM_EVERY = 4096;

/** Whether the explorer confirms the packed transitions of the state it expands as number `id`. */
export function shouldConfirm(id: number): boolean {
  // Ids are below 2^31 (the store's limit), so the mask is the remainder, without a division.
  return id < CONFIRM_FIRST || (id & (CONFIRM_EVERY - 1)) === 0;
}

/**
 * The explorer's net under packed transitions (which it otherwise trusts): on the state `code`
 * at `off`, whose packed actions are `acts[0..n)`, the model's object functions must list the
 * same actions in the same order, give every successor (but the deferred Tick, `skip`) the
 * same code, and (where both have it) the same `mayDefer`. Called after the state's expansion
 * (so that a packed call that throws is reported where the explorer takes it) on the states
 * `shouldConfirm` picks, serially and on workers, so a packed form that disagrees with its model on a configuration its tests never
 * met stops the run in one line instead of checking another model. Decodes the state and runs
 * the object functions once: a sample, not a proof (`checkPacked` walks every state).
 */
export function confirmTransitions<S, A extends Action>(model: Model<S, A>, packed: PackedTransitions<A>, codec: ModelCodec<S>, code: Uint32Array, off: number, acts: Int32Array, n: number, skip = -1): void {
  const s = codec.decode(code, off);
  // The object functions failing where the packed ones ran is a disagreement too, in one line.
  const objectCall = <T>(what: string, call: () => T): T => {
    try {
      return call();
    } catch (e) {
      throw new ModelError(`${what} threw ${thrown(e)} on a state the packed transitions expand (the object functions must work wherever the packed ones do)`);
    }
  };
  const objects = objectCall('actions(s)', () => model.actions(s));
  if (!Array.isArray(objects)) throw new ModelError('actions(s) returned no array on a state the packed transitions expand');
  const same = objects.length === n && objects.every((a, k) => sameData(packed.table[acts[k]], a));
  const hint = 'packed transitions must agree with the object functions; checkPacked(model) lists every difference';
  if (!same) {
    const labels = (list: readonly A[]): string => list.map((a) => labelOf(model, a)).join(', ');
    throw new ModelError(`packed actions [${labels(Array.from(acts.subarray(0, n), (k) => packed.table[k]))}] where actions(s) gives [${labels(objects)}] (${hint})`);
  }
  const words = codec.words;
  const fromPacked = new Uint32Array(words);
  const fromObjects = new Uint32Array(words);
  for (let k = 0; k < n; k++) {
    const a = objects[k];
    if (packed.mayDefer && model.mayDefer && a.kind === 'control' && (packed.mayDefer(code, off, acts[k]) === true) !== (objectCall('mayDefer(s, a)', () => model.mayDefer!(s, a)) === true)) {
      throw new ModelError(`packed mayDefer of ${labelOf(model, a)} differs from mayDefer (${hint})`);
    }
    // The Tick prompt control defers is neither taken nor computed.
    if (k === skip) continue;
    for (let w = 0; w < words; w++) fromPacked[w] = code[off + w];
    packed.next(code, off, acts[k], fromPacked, 0);
    codec.encode(objectCall(`next(s, ${labelOf(model, a)})`, () => model.next(s, a)), fromObjects, 0);
    if (!fromPacked.every((x, w) => x === fromObjects[w])) {
      throw new ModelError(`packed next ${labelOf(model, a)} differs from next: ${differences(codec.decode(fromPacked, 0), codec.decode(fromObjects, 0))} (${hint})`);
    }
  }
}

/**
 * Whether two actions (plain data) have the same fields, in the same order, leaf by leaf
 * (`Object.is`). Stricter than trace.ts's `deepEqual`, which replay uses to find an action: a
 * packed table whose action lists its fields in another order labels it differently
 * (`Receive(1, 0)`), and the check is there to catch that.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k, i) => k === kb[i] && sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Where two decoded states differ, leaf by leaf (the first three): `msgs[0].done: packed false, the model true`. */
export function differences(packed: unknown, model: unknown): string {
  const found: string[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (found.length >= 3 || Object.is(a, b)) return;
    if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
      for (const key of Object.keys(b)) walk((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], Array.isArray(b) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`);
      return;
    }
    found.push(`${path || 'the state'}: packed ${JSON.stringify(a)}, the model ${JSON.stringify(b)}`);
  };
  walk(packed, model, '');
  return found.join('; ');
}
