/**
 * States are plain data: numbers, strings, booleans, null and undefined, arrays and plain
 * objects (prototype Object.prototype or null), nested at most MAX_DEPTH deep (deeper is
 * taken for a cycle). Two states are the same state when their leaves are `===`, so `-0`
 * and `0` are one value: every explorer and replay sees states with `-0` replaced by `0`,
 * the form every codec decodes to, so every storage path and both explorers agree. A model
 * with an exact codec (a schema's, or its own encode/decode) is seen through it: its states
 * are what their codes hold, as the explorers that keep only codes see them.
 *
 * `plainState(t, parent)` checks and normalises a successor: it walks only the parts `t`
 * does not share (by reference) with its parent, which was checked already, and allocates
 * nothing unless `t` holds a `-0`. A value that is not plain data (a function, symbol,
 * bigint, Map, Set, class instance) or a cycle is an `UnplainState` naming where it is.
 * `stateNormalizer` puts a compiled fast path in front of it for the hot loops.
 */
import type { Action, Model } from '../model/core/model.js';
import { codecOf } from './codec.js';
import { compiledStateCheck, inferShape } from './inferred.js';
import { describe, oneLine, UnplainState } from './model-error.js';

/** The deepest nesting of a state; a deeper one is taken for a cycle. */
export const MAX_DEPTH = 1000;

/** Thrown inside a walk; the entry point names the part (a slow path, taken once). */
const BAD = new Error('not plain data');

/** `t` checked, with every `-0` (outside the parts shared with `parent`) replaced by `0`. */
export function plainState<S>(t: S, parent?: unknown): S {
  try {
    return clean(t, parent, 0) as S;
  } catch (e) {
    if (e === BAD) throw new UnplainState(unplainPart(t) ?? 'a value that is not plain data');
    throw e;
  }
}

/** A successor as every explorer sees it (see above); `parent` is a state already seen so. */
export type Normalizer = <S>(t: S, parent?: unknown) => S;

/**
 * The normalizer of `model`'s states, inferred from `sample` (an initial state; throws if it
 * is no plain state itself). A successor that fits the sample's shape field by field and holds
 * no -0 is returned as it is, after straight-line checks of what it does not share with its
 * parent; any other takes the slow path: a round trip through the model's codec when it has
 * one (which drops what the codec does not hold and rejects what it cannot), else the walk.
 */
export function stateNormalizer<S, A extends Action>(model: Model<S, A>, sample: S): Normalizer {
  const { fits, slow } = normalizerParts(model, sample);
  return <T>(t: T, parent?: unknown): T => (fits(t, parent) ? t : slow(t, parent));
}

/** The two paths of `stateNormalizer`, for a hot loop to call without a wrapper: `fits(t, parent) ? t : slow(t, parent)`. */
export function normalizerParts<S, A extends Action>(model: Model<S, A>, sample: S): { fits: (t: unknown, parent: unknown) => boolean; slow: Normalizer } {
  const codec = codecOf(model);
  let slow: Normalizer = plainState;
  if (codec) {
    const code = new Uint32Array(codec.words);
    slow = <T>(t: T): T => {
      codec.encode(t as unknown as S, code, 0);
      return codec.decode(code, 0) as unknown as T;
    };
  }
  const shape = inferShape(slow(sample));
  return { fits: shape ? compiledStateCheck(shape) : () => false, slow };
}

function clean(v: unknown, p: unknown, depth: number): unknown {
  if (typeof v !== 'object') {
    leaf(v);
    return v === 0 ? 0 : v;
  }
  if (v === p || v === null) return v;
  if (depth >= MAX_DEPTH) throw BAD;
  if (Array.isArray(v)) {
    const ps = Array.isArray(p) ? p : undefined;
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (typeof x === 'object') {
        if (x === null) continue;
        const y = clean(x, ps === undefined ? undefined : ps[i], depth + 1);
        if (y !== x) (out ??= v.slice())[i] = y;
      } else if (x === 0) {
        if (1 / x < 0) (out ??= v.slice())[i] = 0;
      } else leaf(x);
    }
    return out ?? v;
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) throw BAD;
  const o = v as Record<string, unknown>;
  const ps = typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : undefined;
  let out: Record<string, unknown> | undefined;
  for (const k in o) {
    const x = o[k];
    if (typeof x === 'object') {
      if (x === null) continue;
      const y = clean(x, ps === undefined ? undefined : ps[k], depth + 1);
      if (y !== x) setOwn((out ??= copyOf(o)), k, y);
    } else if (x === 0) {
      if (1 / x < 0) setOwn((out ??= copyOf(o)), k, 0);
    } else leaf(x);
  }
  return out ?? v;
}

function leaf(x: unknown): void {
  const t = typeof x;
  if (t === 'function' || t === 'symbol' || t === 'bigint') throw BAD;
}

/** A copy with the same prototype and own keys, in order (`__proto__` stays an own key). */
function copyOf(o: Record<string, unknown>): Record<string, unknown> {
  const out = Object.create(Object.getPrototypeOf(o)) as Record<string, unknown>;
  for (const k in o) setOwn(out, k, o[k]);
  return out;
}

function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Where `v` first holds what is not plain data (`a Map at .queue[2]`), or undefined. */
export function unplainPart(v: unknown): string | undefined {
  const found = locate(v, '', new Set());
  return found === undefined ? undefined : oneLine(found);
}

/** The walk behind `unplainPart`; `above` holds the objects on the path, to name a cycle where it closes. */
function locate(v: unknown, path: string, above: Set<unknown>): string | undefined {
  const at = path === '' ? 'in the state itself' : `at ${path}`;
  const t = typeof v;
  if (t === 'function' || t === 'symbol' || t === 'bigint') return `${describe(v)} ${at}`;
  if (t !== 'object' || v === null) return undefined;
  if (above.has(v)) return `a cycle ${at}`;
  if (above.size >= MAX_DEPTH) return `nesting deeper than ${MAX_DEPTH} levels ${at}`;
  if (!Array.isArray(v)) {
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return `${describe(v)} ${at}`;
  }
  above.add(v);
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const step = Array.isArray(v) ? `[${k}]` : /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(k)}]`;
    const bad = locate(o[k], path + step, above);
    if (bad) return bad;
  }
  above.delete(v);
  return undefined;
}
