/**
 * Test support for components and compositions: step-by-step runs that refuse actions that are
 * not enabled, following the control loop, a tiny model around one component alone (`solo`,
 * with `zones` around it), and a fast-check contract check over random walks.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { checked } from '../../engine/checked.js';
import { deepEqual } from '../../engine/trace.js';
import { azOutage, azRecover, type AzOutage } from '../../model/aws/az/index.js';
import type { Component, World } from '../../model/compose/component.js';
import { formatAction, type Action, type Model } from '../../model/core/model.js';
import type { Property } from '../../model/core/property.js';

export { deepFreeze } from '../../engine/checked.js';

/** `Tick`, as compose originates it. */
export const TICK = Object.freeze({ type: 'Tick', kind: 'control' } as const);

const label = <W,>(model: Model<W, Action>, a: Action): string => (model.format ? model.format(a) : formatAction(a));

/** The labels of the actions enabled in `s`, in order. */
export function enabledLabels<W extends World>(model: Model<W, Action>, s: W): string[] {
  return model.actions(s).map((a) => label(model, a));
}

/** Whether `a` (compared by deep equality) is enabled in `s`. */
export function isEnabled<W extends World>(model: Model<W, Action>, s: W, a: Action): boolean {
  return model.actions(s).some((b) => deepEqual(a, b));
}

/** Applies `steps` from `start` (default: the initial state), each required to be enabled; returns every state. */
export function runSteps<W extends World>(model: Model<W, Action>, steps: readonly Action[], start: W = model.init()[0]): W[] {
  let s = start;
  const states = [s];
  for (const a of steps) {
    if (!isEnabled(model, s, a)) throw new Error(`step ${label(model, a)} is not enabled; enabled: ${enabledLabels(model, s).join(' ')}`);
    s = model.next(s, a);
    states.push(s);
  }
  return states;
}

/** The state after `steps` (see `runSteps`). */
export function run<W extends World>(model: Model<W, Action>, steps: readonly Action[], start?: W): W {
  const states = runSteps(model, steps, start);
  return states[states.length - 1];
}

/** `n` copies of `a`. */
export function times(n: number, a: Action): Action[] {
  return Array.from({ length: n }, () => a);
}

/**
 * Follows the control loop as `recovers` does: the first enabled non-Tick control action,
 * else Tick, until none is enabled or `maxSteps` were taken. `onStep` sees each state reached.
 */
export function settle<W extends World>(
  model: Model<W, Action>,
  s: W,
  maxSteps = 100,
  onStep?: (s: W, a: Action) => void,
): { state: W; steps: string[] } {
  const steps: string[] = [];
  for (let k = 0; k < maxSteps; k++) {
    const enabled = model.actions(s);
    const a = enabled.find((x) => x.kind === 'control' && x.type !== 'Tick') ?? enabled.find((x) => x.type === 'Tick');
    if (a === undefined) return { state: s, steps };
    s = model.next(s, a);
    steps.push(formatAction(a));
    onStep?.(s, a);
  }
  return { state: s, steps };
}

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

/**
 * fast-check over random enabled-action sequences of `model` (a `solo` model or a
 * composition), with a fixed seed. `checked` deep-freezes every state (a mutating reducer
 * throws), lists `actions` twice (stable order) and runs `next` twice (determinism); on top of
 * that every reached slice must fit its component's schema and survive its codec's round
 * trip (and the whole world the model's codec, when it has one), and `invariant(prev, next, a)`
 * must hold. Returns the action types taken, so a test can say the walks reached the
 * interesting transitions.
 */
export function checkContract<W extends World>(
  model: Model<W, Action>,
  components: Component<any, any> | readonly Component<any, any>[],
  invariant: (prev: W, next: W, a: Action) => void,
  opts: { seed?: number; numRuns?: number; maxSteps?: number } = {},
): Set<string> {
  const list: readonly Component<any, any>[] = Array.isArray(components) ? components : [components as Component<any, any>];
  const m = checked(model);
  const codecs = list.map((c) => c.schema.codec());
  const sliceCodes = codecs.map((c) => new Uint32Array(c.words));
  const worldCode = model.codeWords ? new Uint32Array(model.codeWords) : undefined;
  const taken = new Set<string>();
  const validate = (s: W): void => {
    list.forEach((c, i) => {
      c.schema.validate(s[c.name], c.name);
      codecs[i].encode(s[c.name], sliceCodes[i], 0);
      expect(codecs[i].decode(sliceCodes[i], 0)).toEqual(s[c.name]);
    });
    if (worldCode) {
      model.encode!(s, worldCode, 0);
      expect(model.decode!(worldCode, 0)).toEqual(s);
    }
  };
  fc.assert(
    fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: opts.maxSteps ?? 60 }), (choices) => {
      let s = m.init()[0];
      validate(s);
      for (const choice of choices) {
        const enabled = m.actions(s);
        if (enabled.length === 0) return;
        const a = enabled[choice % enabled.length];
        taken.add(a.type);
        const next = m.next(s, a);
        validate(next);
        invariant(s, next, a);
        s = next;
      }
    }),
    { seed: opts.seed ?? 42, numRuns: opts.numRuns ?? 200 },
  );
  return taken;
}
