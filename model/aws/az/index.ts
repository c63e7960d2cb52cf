/**
 * Availability Zones (aws-semantics §9): each zone is up or down.
 *
 * The `az` component owns the zones' state and originates the two zone faults that every
 * zonal component reacts to (or reads through `azUp`):
 * - `AzOutage { az }` (kind `fault`): zone `az` fails as a whole: its instances become
 *   unreachable and impaired, launches into it fail, its EBS volumes stick, its LB node loses
 *   its targets, an RDS primary there fails over.
 * - `AzRecover { az }` (kind `fault`): zone `az` comes back. Repairing a zone is a fault-kind
 *   action on purpose: once faults stop (under `recovers`), a failed zone stays down and the
 *   design must cope without it.
 *
 * Budget: at most `maxDown` zones are down at once (default 1), so the space stays finite
 * without a counter in state; compose's `maxFaults` bounds the total number of fault steps.
 * Not modelled: gray (partial, slow) zone failures (`AzDegrade`), a degraded regional
 * control plane during a zone event.
 */
import type { Component, ParameterInfo, World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';

/** The `az` component's name: its slice is `world.az`. */
export const AZ = 'az';

/** A zone fails: everything zonal in it becomes unreachable. */
export interface AzOutage {
  readonly type: 'AzOutage';
  readonly kind: 'fault';
  readonly az: number;
}
/** A failed zone comes back (a fault-kind repair: once faults stop, a down zone stays down). */
export interface AzRecover {
  readonly type: 'AzRecover';
  readonly kind: 'fault';
  readonly az: number;
}
/** Every action the `az` component originates (and reduces). */
export type AzAction = AzOutage | AzRecover;

/** `AzOutage(az)`. */
export function azOutage(az: number): AzOutage {
  return { type: 'AzOutage', kind: 'fault', az };
}
/** `AzRecover(az)`. */
export function azRecover(az: number): AzRecover {
  return { type: 'AzRecover', kind: 'fault', az };
}

/** Parameters of the `az` component. */
export interface AzOptions {
  /** Number of zones (indices `0..azs-1`); default 2. */
  readonly azs?: number;
  /** At most this many zones down at once; default 1; 0 disables `AzOutage`. */
  readonly maxDown?: number;
  /** Whether a down zone can come back (`AzRecover`); default true. */
  readonly recoverable?: boolean;
}

/** The schema of the `az` slice for `azs` zones. */
export function azSchema(azs: number) {
  return t.record('AzState', { up: t.array(t.bool(), azs) });
}
/** The `az` slice: `up[z]` is true while zone `z` is up. */
export type AzState = Infer<ReturnType<typeof azSchema>>;

/**
 * True when zone `az` is up in `world`; also true when the world has no `az` component
 * (a composition without zone faults has every zone up).
 */
export function azUp(world: World, az: number): boolean {
  const slice = world[AZ] as AzState | undefined;
  return slice === undefined || slice.up[az];
}

/** Number of zones that are down in an `az` slice. */
function downCount(up: readonly boolean[]): number {
  let n = 0;
  for (let z = 0; z < up.length; z++) if (!up[z]) n++;
  return n;
}

/** The single factory of `az` slices (one object shape). */
function azState(up: readonly boolean[]): AzState {
  return { up };
}

/** Returns `up` with zone `az` set to `value` (the same array when nothing changes). */
function withZone(up: readonly boolean[], az: number, value: boolean): readonly boolean[] {
  if (up[az] === value) return up;
  const next = up.slice();
  next[az] = value;
  return next;
}

/**
 * The Availability Zones component.
 *
 * @example
 * const zones = az({ azs: 3, maxDown: 1 });
 * // actions: AzOutage(0..2) while no zone is down, AzRecover(z) for a down zone
 */
export function az(options: AzOptions = {}): Component<AzState, AzAction> {
  const azs = options.azs ?? 2;
  const maxDown = options.maxDown ?? 1;
  const recoverable = options.recoverable ?? true;
  if (!Number.isInteger(azs) || azs < 1 || azs > 16) throw new Error(`az: azs must be an integer in 1..16, got ${azs}`);
  if (!Number.isInteger(maxDown) || maxDown < 0 || maxDown > azs) throw new Error(`az: maxDown must be an integer in 0..${azs}, got ${maxDown}`);

  const schema = azSchema(azs);
  const outages: AzOutage[] = [];
  const recoveries: AzRecover[] = [];
  for (let z = 0; z < azs; z++) {
    outages.push(azOutage(z));
    recoveries.push(azRecover(z));
  }
  const allUp: boolean[] = [];
  for (let z = 0; z < azs; z++) allUp.push(true);
  const initial = azState(allUp);

  const parameters: ParameterInfo[] = [
    { name: 'azs', default: 2, unit: 'count', range: [1, 16], description: 'Availability Zones in the Region (indices 0..azs-1)' },
    { name: 'maxDown', default: 1, unit: 'count', range: [0, azs], description: 'fault budget: zones down at the same time' },
    { name: 'recoverable', default: true, unit: 'bool', range: ['true', 'false'], description: 'AzRecover is enabled for a down zone' },
  ];

  return {
    name: AZ,
    schema,
    parameters,
    catalog: { op: [], fault: ['AzOutage', 'AzRecover'], control: [] },
    subscribes: ['AzOutage', 'AzRecover'],
    init: () => initial,
    actions(world: World, out) {
      const up = (world[AZ] as AzState).up;
      const canFail = downCount(up) < maxDown;
      for (let z = 0; z < azs; z++) {
        if (up[z]) {
          if (canFail) out.push(outages[z]);
        } else if (recoverable) {
          out.push(recoveries[z]);
        }
      }
    },
    reduce(slice: AzState, a: AzAction): AzState {
      switch (a.type) {
        case 'AzOutage': {
          const up = withZone(slice.up, a.az, false);
          return up === slice.up ? slice : azState(up);
        }
        case 'AzRecover': {
          const up = withZone(slice.up, a.az, true);
          return up === slice.up ? slice : azState(up);
        }
        default:
          return assertNever(a);
      }
    },
  };
}
