/**
 * Elastic IP addresses (aws-semantics §5): static public addresses, allocated to the account
 * (regional), each associated with at most one instance (an ec2 slot), an instance with at
 * most one address.
 *
 * - `AssociateAddress(e, i)` (op): moves `e` to running or stopped instance `i`; an address
 *   already associated elsewhere is moved only with `allowReassociation` (the current API's
 *   default) [P2]; an address `i` already had is disassociated (stays allocated).
 * - `RemapAddress(e, i)` (op): a failover script: while `e`'s instance is not healthy (or `e`
 *   is unassociated) it moves `e` to a healthy instance (a standby or a replacement, among
 *   `remapTo`). List `EIP_RECOVERY` in compose's `recovery` so `recovers` may take it.
 * - `DisassociateAddress(e)`, `AllocateAddress(e)`, `ReleaseAddress(e)` (ops).
 * - `ConflictingAssociate(e, i)` (fault): a second controller associates `e` with `i`, last
 *   writer wins (INV-EIP-2); with `allowReassociation: false` its call fails on an associated
 *   address, so it is only enabled while `e` is unassociated.
 * Reactions: `InstanceTerminated(i)` disassociates `i`'s address, which stays allocated
 * (INV-EIP-3, INV-ASG-5); stop/start and auto-recovery keep it (no reaction). An address
 * whose instance is stopped, failed or in a down zone stays associated and reaches nothing.
 * Not modelled: the EC2 control plane failing or stalling a remap (INV-EIP-1), ENIs and
 * private addresses, open connections (they do not follow a remap).
 */
import type { Component, ParameterInfo, World } from '../../compose/component.js';
import { EC2, isHealthy, isReachable, type Ec2State, type InstanceState, type InstanceTerminated } from '../ec2/index.js';
import { assertNever } from '../../core/model.js';
import { t, type Infer } from '../../core/schema.js';

/** The eip component's name: its slice is `world.eip`. */
export const EIP = 'eip';

/** One address: `instance` is meaningful while `associated` (0 otherwise). */
export function addressSchema(slots: number) {
  return t.record('Address', { allocated: t.bool(), associated: t.bool(), instance: t.int(0, slots - 1) });
}
export type Address = Infer<ReturnType<typeof addressSchema>>;
export function eipSchema(count: number, slots: number) {
  return t.record('EipState', { addresses: t.array(addressSchema(slots), count) });
}
export type EipState = Infer<ReturnType<typeof eipSchema>>;

interface OnAddress<T extends string, K extends 'op' | 'fault'> {
  readonly type: T;
  readonly kind: K;
  readonly eip: number;
}
interface ToInstance<T extends string, K extends 'op' | 'fault'> extends OnAddress<T, K> {
  readonly instance: number;
}
export type AllocateAddress = OnAddress<'AllocateAddress', 'op'>;
export type ReleaseAddress = OnAddress<'ReleaseAddress', 'op'>;
export type AssociateAddress = ToInstance<'AssociateAddress', 'op'>;
export type DisassociateAddress = OnAddress<'DisassociateAddress', 'op'>;
/** The failover script's remap to a healthy instance. */
export type RemapAddress = ToInstance<'RemapAddress', 'op'>;
/** A second controller's associate (split brain). */
export type ConflictingAssociate = ToInstance<'ConflictingAssociate', 'fault'>;
export type EipAction = AllocateAddress | ReleaseAddress | AssociateAddress | DisassociateAddress | RemapAddress | ConflictingAssociate;
export type EipSubscribed = EipAction | InstanceTerminated;

export const EIP_OPS = ['AllocateAddress', 'ReleaseAddress', 'AssociateAddress', 'DisassociateAddress', 'RemapAddress'] as const;
export const EIP_FAULTS = ['ConflictingAssociate'] as const;
/** The ops that count as recovery (compose's `recovery` option). */
export const EIP_RECOVERY = ['RemapAddress'] as const;
export type EipOpType = (typeof EIP_OPS)[number];
export type EipFaultType = (typeof EIP_FAULTS)[number];

export const allocateAddress = (eip: number): AllocateAddress => ({ type: 'AllocateAddress', kind: 'op', eip });
export const releaseAddress = (eip: number): ReleaseAddress => ({ type: 'ReleaseAddress', kind: 'op', eip });
export const associateAddress = (eip: number, instance: number): AssociateAddress => ({ type: 'AssociateAddress', kind: 'op', eip, instance });
export const disassociateAddress = (eip: number): DisassociateAddress => ({ type: 'DisassociateAddress', kind: 'op', eip });
export const remapAddress = (eip: number, instance: number): RemapAddress => ({ type: 'RemapAddress', kind: 'op', eip, instance });
export const conflictingAssociate = (eip: number, instance: number): ConflictingAssociate => ({ type: 'ConflictingAssociate', kind: 'fault', eip, instance });

// ---- Reads ---------------------------------------------------------------------------

/** The instance address `e` is associated with, or -1. */
export function eipTarget(world: World, e = 0): number {
  const x = (world[EIP] as EipState).addresses[e];
  return x.associated ? x.instance : -1;
}
/** EipReachesHealthy: address `e` is associated with a healthy instance (running, checks ok, app up, zone up). */
export function eipReachesHealthy(world: World, e = 0): boolean {
  const x = (world[EIP] as EipState).addresses[e];
  return x.associated && isHealthy(world, x.instance);
}
/** Address `e` reaches a running instance over the network (whatever its application does). */
export function eipReachable(world: World, e = 0): boolean {
  const x = (world[EIP] as EipState).addresses[e];
  return x.associated && isReachable(world, x.instance);
}
/** The address associated with instance `i`, or -1. */
export function addressOf(world: World, i: number): number {
  const xs = (world[EIP] as EipState).addresses;
  for (let e = 0; e < xs.length; e++) if (xs[e].associated && xs[e].instance === i) return e;
  return -1;
}

// ---- The component -------------------------------------------------------------------

/** Parameters of the eip component. */
export interface EipOptions {
  /** Addresses; default 1. */
  readonly count?: number;
  /** ec2's instance slots; default 3. */
  readonly slots?: number;
  /** Instance each address is associated with at the start (-1: none); default none. */
  readonly associated?: readonly number[];
  /** Addresses allocated at the start (the first n); default all. */
  readonly allocated?: number;
  /** AssociateAddress moves an address associated elsewhere; default true (current API). */
  readonly allowReassociation?: boolean;
  /** Instances the failover script may remap to; default every slot. */
  readonly remapTo?: readonly number[];
  /** Operator actions enabled; default none. */
  readonly ops?: readonly EipOpType[];
  /** Faults enabled; default none (a second controller is a design choice to check, not weather). */
  readonly faults?: readonly EipFaultType[];
}

/** The single factory of address records. */
function address(allocated: boolean, associated: boolean, instance: number): Address {
  return { allocated, associated, instance };
}
function eipState(addresses: readonly Address[]): EipState {
  return { addresses };
}
/** States an address can be associated with (the API refuses the others). */
function associable(s: InstanceState): boolean {
  return s === 'running' || s === 'stopped';
}

/**
 * The Elastic IP component.
 *
 * @example
 * const ip = eip({ associated: [0], ops: ['RemapAddress'], remapTo: [1] });
 * const model = compose([az(), ec2({ initial: [0, 1] }), ip], { recovery: EIP_RECOVERY });
 */
export function eip(options: EipOptions = {}): Component<EipState, EipSubscribed> {
  const count = options.count ?? 1;
  const slots = options.slots ?? 3;
  const associated = options.associated ?? [];
  const allocated = options.allocated ?? count;
  const reassociate = options.allowReassociation ?? true;
  const ops: readonly string[] = options.ops ?? [];
  const faults: readonly string[] = options.faults ?? [];
  const bad = (m: string): never => { throw new Error(`eip: ${m}`); };
  if (!Number.isInteger(count) || count < 1 || count > 16) bad(`count must be an integer in 1..16, got ${count}`);
  if (!Number.isInteger(slots) || slots < 1 || slots > 32) bad(`slots must be an integer in 1..32, got ${slots}`);
  if (!Number.isInteger(allocated) || allocated < 0 || allocated > count) bad(`allocated must be in 0..${count}, got ${allocated}`);
  if (associated.length > allocated) bad(`${associated.length} associated addresses but only ${allocated} allocated`);
  for (const i of associated) if (!Number.isInteger(i) || i < -1 || i >= slots) bad(`associated instance ${i} is outside -1..${slots - 1}`);
  for (let e = 0; e < associated.length; e++) if (associated[e] >= 0 && associated.indexOf(associated[e]) !== e) bad(`instance ${associated[e]} has two addresses`);
  for (const o of ops) if (!(EIP_OPS as readonly string[]).includes(o)) bad(`unknown op ${o}`);
  for (const f of faults) if (!(EIP_FAULTS as readonly string[]).includes(f)) bad(`unknown fault ${f}`);
  const remapTo: boolean[] = [];
  for (let i = 0; i < slots; i++) remapTo.push(options.remapTo === undefined || options.remapTo.includes(i));

  const [opAllocate, opRelease, opAssociate, opDisassociate, opRemap] = EIP_OPS.map((o) => ops.includes(o));
  const fConflict = faults.includes('ConflictingAssociate');
  const FREE = address(true, false, 0);
  const UNALLOCATED = address(false, false, 0);
  const bound: Address[] = [];
  for (let i = 0; i < slots; i++) bound.push(address(true, true, i));
  const byAddress = <A>(make: (e: number) => A): A[] => Array.from({ length: count }, (_, e) => make(e));
  const pairs = <A>(make: (e: number, i: number) => A): A[] => Array.from({ length: count * slots }, (_, k) => make(Math.floor(k / slots), k % slots));
  const A = {
    allocate: byAddress(allocateAddress), release: byAddress(releaseAddress), disassociate: byAddress(disassociateAddress),
    associate: pairs(associateAddress), remap: pairs(remapAddress), conflict: pairs(conflictingAssociate),
  };
  const initialAddresses: Address[] = [];
  for (let e = 0; e < count; e++) {
    const i = e < associated.length ? associated[e] : -1;
    initialAddresses.push(e >= allocated ? UNALLOCATED : i >= 0 ? bound[i] : FREE);
  }
  const initial = eipState(initialAddresses);

  function put(slice: EipState, e: number, x: Address): EipState {
    const addresses = slice.addresses.slice();
    addresses[e] = x;
    return eipState(addresses);
  }
  /** `e` now points at `i`; an address `i` had before is disassociated. */
  function associate(slice: EipState, e: number, i: number): EipState {
    const addresses = slice.addresses.slice();
    for (let f = 0; f < count; f++) if (addresses[f].associated && addresses[f].instance === i) addresses[f] = FREE;
    addresses[e] = bound[i];
    return eipState(addresses);
  }

  function reduce(slice: EipState, a: EipSubscribed): EipState {
    switch (a.type) {
      case 'AllocateAddress':
      case 'DisassociateAddress':
        return put(slice, a.eip, FREE);
      case 'ReleaseAddress':
        return put(slice, a.eip, UNALLOCATED);
      case 'AssociateAddress':
      case 'RemapAddress':
      case 'ConflictingAssociate':
        return associate(slice, a.eip, a.instance);
      case 'InstanceTerminated': {
        const e = addressOfIn(slice, a.instance);
        return e < 0 ? slice : put(slice, e, FREE);
      }
      default:
        return assertNever(a);
    }
  }
  function addressOfIn(slice: EipState, i: number): number {
    for (let e = 0; e < count; e++) if (slice.addresses[e].associated && slice.addresses[e].instance === i) return e;
    return -1;
  }

  function actions(world: World, out: EipAction[]): void {
    const xs = (world[EIP] as EipState).addresses;
    const ins = (world[EC2] as Ec2State).instances;
    const n = Math.min(slots, ins.length);
    for (let e = 0; e < count; e++) {
      const x = xs[e];
      if (!x.allocated) {
        if (opAllocate) out.push(A.allocate[e]);
        continue;
      }
      if (x.associated) {
        if (opDisassociate) out.push(A.disassociate[e]);
      } else if (opRelease) out.push(A.release[e]);
      const movable = reassociate || !x.associated; // AllowReassociation=false: the call fails on an associated address
      const failedOver = opRemap && !(x.associated && isHealthy(world, x.instance));
      for (let i = 0; i < n; i++) {
        if (x.associated && x.instance === i) continue;
        if (!associable(ins[i].state)) continue;
        if (opAssociate && movable) out.push(A.associate[e * slots + i]);
        if (failedOver && remapTo[i] && isHealthy(world, i)) out.push(A.remap[e * slots + i]);
        if (fConflict && movable) out.push(A.conflict[e * slots + i]);
      }
    }
  }

  const parameters: ParameterInfo[] = [
    { name: 'count', default: 1, unit: 'count', range: [1, 16], description: 'Elastic IP addresses' },
    { name: 'slots', default: 3, unit: 'count', range: [1, 32], description: 'ec2 instance slots' },
    { name: 'allowReassociation', default: true, unit: 'bool', range: ['true', 'false'], description: 'AssociateAddress moves an associated address' },
  ];

  return {
    name: EIP,
    schema: eipSchema(count, slots),
    parameters,
    catalog: { op: EIP_OPS, fault: EIP_FAULTS, control: [] },
    subscribes: [...EIP_OPS, ...EIP_FAULTS, 'InstanceTerminated'],
    init: () => initial,
    actions: actions as (world: World, out: unknown[]) => void,
    reduce,
  };
}
