/**
 * Test helpers for one component alone: a tiny local model around it (its own actions plus
 * `Tick` while it ticks; `next` reduces only subscribed types), step-by-step runs that refuse
 * actions that are not enabled, and a fast-check property runner that checks the component
 * contract (purity on deep-frozen input, determinism, stable action order, schema validity
 * and an exact codec).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Component, World } from '../../../model/compose/component.js';
import { formatAction, type Action, type Model } from '../../../model/core/model.js';
import { deepFreeze } from '../../../engine/checked.js';
import { deepEqual } from '../../../engine/trace.js';
import { azOutage, azRecover, type AzOutage } from '../../../model/aws/az/index.js';
import type { Property } from '../../../model/core/property.js';


/** `Tick`, as compose originates it. */
export const TICK = Object.freeze({ type: 'Tick', kind: 'control' } as const);

/** Foreign actions for a solo model: enabled in a world, and what they do to the other slices. */
export interface Surroundings {
  /** Fixed slices of other components (`{ az: { up: [true, true] } }`). */
  readonly others?: Record<string, unknown>;
  /** Foreign actions enabled in `world` (an `AzOutage`), reduced by the component if it subscribes. */
  readonly extra?: (world: World) => readonly Action[];
  /** What a foreign action does to the other slices. */
  readonly applyExtra?: (world: World, a: Action) => World;
}

/**
 * A model of `component` alone: its actions, the `extra` foreign ones, and `Tick` while it
 * ticks; `next` reduces subscribed types only (from the same old world, as compose does).
 */
export function solo<S, A extends Action>(
  component: Component<S, A>,
  opts: Surroundings & { properties?: readonly Property<World>[] } = {},
): Model<World, Action> {
  const name = component.name;
  const subscribed = new Set(component.subscribes);
  const makeWorld = (slice: unknown, base: World): World => ({ ...base, [name]: slice });
  return {
    init: () => [makeWorld(component.init(), opts.others ?? {})],
    actions(s: World): Action[] {
      const out: Action[] = [];
      component.actions(s, out);
      if (opts.extra) out.push(...opts.extra(s));
      if (component.ticking?.(s[name] as S, s)) out.push(TICK);
      return out;
    },
    next(s: World, a: Action): World {
      const own = component.catalog.op.includes(a.type) || component.catalog.fault.includes(a.type) || component.catalog.control.includes(a.type);
      const base = !own && a.type !== 'Tick' && opts.applyExtra ? opts.applyExtra(s, a) : s;
      if (!subscribed.has(a.type)) return base;
      const before = s[name] as S;
      const after = component.reduce(before, a as A, s);
      return after === before && base === s ? s : makeWorld(after, base);
    },
    properties: opts.properties ?? [],
  };
}

/**
 * Zones around a solo component, as the az component would have them: `AzOutage(z)` while
 * fewer than `maxDown` zones are down, `AzRecover(z)` for a down zone (when `recover`).
 */
export function zones(azs: number, maxDown = 1, recover = true): Surroundings {
  const up = (w: World) => (w.az as { up: boolean[] }).up;
  return {
    others: { az: { up: new Array<boolean>(azs).fill(true) } },
    extra(w) {
      const out: Action[] = [];
      const down = up(w).filter((x) => !x).length;
      up(w).forEach((isUp, z) => {
        if (isUp && down < maxDown) out.push(azOutage(z));
        if (!isUp && recover) out.push(azRecover(z));
      });
      return out;
    },
    applyExtra(w, a) {
      const next = [...up(w)];
      next[(a as AzOutage).az] = a.type === 'AzRecover';
      return { ...w, az: { up: next } };
    },
  };
}

/** The label of `a` for messages. */
export function label(a: Action): string {
  return formatAction(a);
}

/** Applies `steps` from `start` (default: the initial state), each required to be enabled; returns every state. */
export function runSteps(model: Model<World, Action>, steps: readonly Action[], start?: World): World[] {
  let s = start ?? model.init()[0];
  const states = [s];
  for (const a of steps) {
    const enabled = model.actions(s);
    if (!enabled.some((b) => deepEqual(a, b))) {
      throw new Error(`step ${label(a)} is not enabled; enabled: ${enabled.map(label).join(' ')}`);
    }
    s = model.next(s, a);
    states.push(s);
  }
  return states;
}

/** The last state of `runSteps`. */
export function after(model: Model<World, Action>, steps: readonly Action[], start?: World): World {
  const states = runSteps(model, steps, start);
  return states[states.length - 1];
}

/** Whether `a` is enabled in `s`. */
export function enabled(model: Model<World, Action>, s: World, a: Action): boolean {
  return model.actions(s).some((b) => deepEqual(a, b));
}

/** Action labels enabled in `s`. */
export function enabledLabels(model: Model<World, Action>, s: World): string[] {
  return model.actions(s).map(label);
}

/**
 * fast-check over random enabled-action sequences of `model`: on every step the input is
 * deep-frozen (a mutating reducer throws), `actions` is listed twice and must agree, `next`
 * runs twice and must agree, `validate` must accept the new slice, the schema's codec must
 * round-trip it, and `invariant(prev, next, action)` must hold. Fixed seed.
 */
export function checkContract(
  model: Model<World, Action>,
  component: Component<any, any>,
  invariant: (prev: World, next: World, a: Action) => void,
  opts: { seed?: number; numRuns?: number; maxSteps?: number } = {},
): void {
  const name = component.name;
  const codec = component.schema.codec();
  const code = new Uint32Array(codec.words);
  fc.assert(
    fc.property(fc.array(fc.nat(), { maxLength: opts.maxSteps ?? 40 }), (choices) => {
      let s = deepFreeze(model.init()[0]);
      component.schema.validate(s[name]);
      for (const c of choices) {
        const first = model.actions(s);
        const second = model.actions(s);
        expect(second).toEqual(first);
        if (first.length === 0) return;
        const a = first[c % first.length];
        const t = model.next(s, a);
        const again = model.next(s, a);
        if (!deepEqual(t, again)) throw new Error(`next(s, ${label(a)}) is not deterministic`);
        component.schema.validate(t[name]);
        codec.encode(t[name], code, 0);
        if (!deepEqual(codec.decode(code, 0), t[name])) throw new Error(`the codec does not round-trip the slice after ${label(a)}`);
        invariant(s, t, a);
        s = deepFreeze(t);
      }
    }),
    { seed: opts.seed ?? 42, numRuns: opts.numRuns ?? 300 },
  );
}
