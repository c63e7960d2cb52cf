/**
 * What a composition tells the partial-order reduction (engine/por.ts, issue 17) about its
 * actions: which component originates each action type, which slices it may write (its
 * subscribers' slices, and the fault count for a budgeted fault: static, from the dispatch
 * table), and the slices a component's enabling code, the `Tick` timers and one action's
 * reducers read in a given world (recorded on a proxy of that world: a read is a world key
 * looked up, `in`, or the keys listed).
 *
 * Slices are numbered in world key order (components, then `faults`); sets of slices are
 * bit masks, so a composition of more than 31 slices gets no partial order (`unsupported`).
 * Compositions with a control plane get none either: its gate makes every API call depend on
 * every other component's control actions (the settled-only actions, the per-tick budget).
 */
import type { Action } from '../core/model.js';
import type { Component, World } from './component.js';
import { recordingWorld, type PartialOrderInfo, type SliceMask } from '../core/partial-order.js';

export type { PartialOrderInfo, SliceMask } from '../core/partial-order.js';

/** The routes compose built: per action type, its origin (-1: `Tick`) and subscribers. */
export interface RouteView {
  readonly origin: number;
  readonly subscribers: readonly number[];
}

/** The partial-order view of a composition (called by `compose`). */
export function partialOrderInfo(
  components: readonly Component[],
  keys: readonly string[],
  routes: ReadonlyMap<string, RouteView>,
  opts: { readonly counting: boolean; readonly unbudgeted?: ReadonlySet<string>; readonly gated: boolean },
): PartialOrderInfo {
  const n = components.length;
  const names = keys.slice(0, n);
  const index = new Map<string, number>(keys.map((k, i) => [k, i]));
  const all: SliceMask = keys.length >= 31 ? -1 : (1 << keys.length) - 1;
  const faultsBit = opts.counting ? 1 << n : 0;
  const unsupported = opts.gated ? 'a control plane gates every API call on the whole composition' : keys.length > 31 ? `${keys.length} slices (at most 31)` : undefined;
  const types: string[][] = components.map(() => []);
  const writeMasks = new Map<string, SliceMask>();
  for (const [type, route] of routes) {
    let w = 0;
    for (const i of route.subscribers) w |= 1 << i;
    if (route.origin >= 0) {
      types[route.origin].push(type);
      const kind = components[route.origin].catalog.fault.includes(type);
      if (kind && opts.counting && !(opts.unbudgeted?.has(type) ?? false)) w |= faultsBit;
    }
    writeMasks.set(type, w);
  }
  const budgeted = components.map((c) => opts.counting && c.catalog.fault.length > 0);
  const tickers: number[] = [];
  for (let i = 0; i < n; i++) if (components[i].ticking) tickers.push(i);

  const record = (world: World, f: (w: World) => void): SliceMask => {
    const seen = { mask: 0 };
    f(recordingWorld(world, index, all, seen));
    return seen.mask;
  };

  return {
    slices: keys,
    groups: names,
    unsupported,
    origin: (type) => routes.get(type)?.origin,
    types,
    budgeted,
    writes: (type) => writeMasks.get(type) ?? all,
    enablingReads: (g, world) => record(world, (w) => components[g].actions(w, [])) | (1 << g),
    tickReads: (world) =>
      record(world, (w) => {
        for (const i of tickers) if (components[i].ticking!(w[names[i]], w)) return;
      }),
    reducerReads(a, world) {
      const route = routes.get(a.type);
      if (route === undefined) return all;
      let own = 0;
      for (const i of route.subscribers) own |= 1 << i;
      return own | record(world, (w) => {
        for (const i of route.subscribers) components[i].reduce(world[names[i]], a, w);
      });
    },
  };
}
