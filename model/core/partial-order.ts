/**
 * The partial-order view of a model whose states are records of slices (a composition's
 * world): what engine/por.ts needs (issue 17). model/compose/partial-order.ts builds it for
 * a composition; this file holds the interface and the read-recording proxy, so that the
 * engine depends on model/core only.
 */

import type { Action } from './model.js';

/** A state made of named slices (a composition's world). */
export type Slices = { readonly [slice: string]: unknown };

/** A set of slices, as bits: slice i is bit `1 << i`. */
export type SliceMask = number;

export interface PartialOrderInfo {
  /** The world's keys, in slice number order. */
  readonly slices: readonly string[];
  /** Component names (group g is slice g). */
  readonly groups: readonly string[];
  /** Why no reduction applies to this composition, or undefined. */
  readonly unsupported?: string;
  /** The group (component index) originating `type`; -1 for `Tick`; undefined for an unknown type. */
  origin(type: string): number | undefined;
  /** Per group, every action type it originates (catalog). */
  readonly types: readonly (readonly string[])[];
  /** Per group, whether a global fault budget filters its enabled actions (it originates budgeted faults). */
  readonly budgeted: readonly boolean[];
  /** The slices `type` may write: its subscribers', and the fault count for a budgeted fault. */
  writes(type: string): SliceMask;
  /** The slices group `g`'s enabling code reads in `world`. */
  enablingReads(g: number, world: Slices): SliceMask;
  /** The slices the `Tick` guard (every timer's `ticking`) reads in `world`. */
  tickReads(world: Slices): SliceMask;
  /** The slices the reducers of `a` read in `world` (their own slices included). */
  reducerReads(a: Action, world: Slices): SliceMask;
}

/** A proxy of `world` that adds the slices read to `seen.mask`. */
export function recordingWorld(world: Slices, index: ReadonlyMap<string, number>, all: SliceMask, seen: { mask: SliceMask }): Slices {
  return new Proxy(world, {
    get(target, key, receiver) {
      if (typeof key === 'string') {
        const i = index.get(key);
        if (i !== undefined) seen.mask |= 1 << i;
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      if (typeof key === 'string') {
        const i = index.get(key);
        if (i !== undefined) seen.mask |= 1 << i;
      }
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      seen.mask |= all;
      return Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      if (typeof key === 'string') {
        const i = index.get(key);
        if (i !== undefined) seen.mask |= 1 << i;
      }
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

