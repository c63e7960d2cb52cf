/**
 * A read of a component the composition lacks, named in one line (issue 12).
 *
 * Component reads (`routesTo`, `elbHealthy`, `dbAvailable`...) take the whole world and read
 * their component's slice (`world.elb`); on a composition without that component the slice
 * is `undefined` and the read crashes with a TypeError that names a field (`reading
 * 'targets'`), not the component. Library properties declare what they read (`needs`, checked
 * by `compose`), but a read passed to a component as an option (asg's `elbHealthy`, elb's
 * `probe`) or called by a user's own property declares nothing.
 *
 * So `compose` runs every component's enabling code and timers and every property's
 * predicates once, on the initial world, and afterwards
 * explains a crash of `actions` or `next` lazily, when one happens: in both cases the call is
 * repeated on a proxy of the same world that records the slices it reads; when the last one
 * read before the crash is one the world lacks, that is the missing component. Nothing of this
 * runs on a call that does not throw: the explored path only pays a try/catch. A user's
 * property that first reaches a missing slice in a later state is reported by the explorer
 * (`property P threw TypeError...`, one line): wrapping every predicate would cost each state.
 */
import type { Action } from '../core/model.js';
import type { Property } from '../core/property.js';
import type { Component, World } from './component.js';

/**
 * The slice `world` lacks that `call` read last before throwing, when the last slice it read
 * at all is that one and the error is a read of a field of undefined; else undefined. (A read
 * that tolerates an absent slice, az's `azUp`, and a later crash elsewhere blame nothing.)
 */
export function missingRead(world: World, call: (w: World) => unknown): string | undefined {
  let last: string | undefined;
  let absent = false;
  const recording = new Proxy(world, {
    get(target, key, receiver) {
      if (typeof key === 'string') {
        last = key;
        absent = !(key in target);
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  try {
    call(recording);
    return undefined;
  } catch (e) {
    return absent && e instanceof TypeError && /of undefined/.test(e.message) ? last : undefined;
  }
}

/** What `compose` needs to name a missing read: its components, in order, and their names. */
export interface ReadGuard {
  /** Throws one line if a component or property reads a missing component on `initial` (compose time). */
  check(initial: World, properties: readonly Property<World>[]): void;
  /** `actions`, explaining a crash caused by a missing component. */
  actions(f: (s: World) => Action[]): (s: World) => Action[];
  /** `next`, explaining a crash caused by a missing component. */
  next(f: (s: World, a: Action) => World): (s: World, a: Action) => World;
}

/** The guard of a composition of `components` named `names`. */
export function readGuard(components: readonly Component[], names: readonly string[]): ReadGuard {
  const listed = names.join(', ');
  // Short: the engine prefixes it (`actions(s) threw Error: `) and cuts a line at 200 characters.
  const componentError = (i: number, key: string, during: string): Error =>
    new Error(`compose: ${names[i]} reads the ${key} component${during}, which this composition lacks (components: ${listed}); check the reads given to ${names[i]} as options`);

  /** The first component whose enabling code or timer crashes on `s` for want of a component. */
  function explainActions(s: World): Error | undefined {
    for (let i = 0; i < components.length; i++) {
      const c = components[i];
      const key = missingRead(s, (w) => c.actions(w, [])) ?? (c.ticking ? missingRead(s, (w) => c.ticking!(s[names[i]], w)) : undefined);
      if (key !== undefined) return componentError(i, key, '');
    }
    return undefined;
  }

  /** The first subscriber of `a` whose reducer crashes on `s` for want of a component. */
  function explainNext(s: World, a: Action): Error | undefined {
    for (let i = 0; i < components.length; i++) {
      const c = components[i];
      if (!c.subscribes.includes(a.type)) continue;
      const key = missingRead(s, (w) => c.reduce(s[names[i]], a, w));
      if (key !== undefined) return componentError(i, key, ` on ${a.type}`);
    }
    return undefined;
  }

  return {
    check(initial, properties) {
      // Reducers are left to the lazy path: running them here would be a transition nobody took.
      const fromActions = explainActions(initial);
      if (fromActions) throw fromActions;
      for (const p of properties) {
        // Every predicate a property holds (`pred`; `from` for leadsTo).
        for (const f of Object.values(p)) {
          if (typeof f !== 'function') continue;
          const key = missingRead(initial, (w) => (f as (s: World) => unknown)(w));
          if (key !== undefined) throw new Error(`compose: property ${p.name} reads the ${key} component, which this composition lacks (components: ${listed})`);
        }
      }
    },
    actions(f) {
      return (s) => {
        try {
          return f(s);
        } catch (e) {
          throw explainActions(s) ?? e;
        }
      };
    },
    next(f) {
      return (s, a) => {
        try {
          return f(s, a);
        } catch (e) {
          throw explainNext(s, a) ?? e;
        }
      };
    },
  };
}
