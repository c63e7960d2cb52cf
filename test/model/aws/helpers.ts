/**
 * Shared test utilities for component models: apply enabled steps, settle control loops,
 * deep-freeze states.
 */
import type { World } from '../../../model/compose/component.js';
import { formatAction, type Action, type Model } from '../../../model/core/model.js';

/** Same type and same arguments. */
export function sameAction(a: Action, b: Action): boolean {
  if (a.type !== b.type || a.kind !== b.kind) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if ((a as unknown as Record<string, unknown>)[k] !== (b as unknown as Record<string, unknown>)[k]) return false;
  return true;
}

/** The labels of the actions enabled in `s`, in order. */
export function labels(model: Model<World, Action>, s: World): string[] {
  return model.actions(s).map((a) => (model.format ? model.format(a) : formatAction(a)));
}

/** Whether `a` is enabled in `s`. */
export function isEnabled(model: Model<World, Action>, s: World, a: Action): boolean {
  return model.actions(s).some((b) => sameAction(a, b));
}

/** Applies `steps` in order from `s` (default: the initial state), failing if one is not enabled. */
export function run(model: Model<World, Action>, steps: readonly Action[], s: World = model.init()[0]): World {
  for (const a of steps) {
    if (!isEnabled(model, s, a)) {
      throw new Error(`${formatAction(a)} is not enabled; enabled: ${labels(model, s).join(' ')}`);
    }
    s = model.next(s, a);
  }
  return s;
}

/**
 * Follows the control loop as `recovers` does: the first enabled non-Tick control action,
 * else Tick, until none is enabled or `maxSteps` were taken. `onStep` sees each state reached.
 */
export function settle(
  model: Model<World, Action>,
  s: World,
  maxSteps = 100,
  onStep?: (s: World, a: Action) => void,
): { state: World; steps: string[] } {
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

export { deepFreeze } from '../../../engine/checked.js';
