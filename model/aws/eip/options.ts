/**
 * The eip component's options, their validation, and the resolved configuration its reducer
 * and enabling code read: every default applied, the shared address records, and the action
 * objects built once (the enabling code pushes these, never new ones).
 */
import { checkOptions, intIn, namesIn, optionNames, parameterList } from '../../compose/options.js';
import {
  EIP_FAULTS, EIP_OPS, allocateAddress, associateAddress, conflictingAssociate, disassociateAddress, releaseAddress, remapAddress,
  type AllocateAddress, type AssociateAddress, type ConflictingAssociate, type DisassociateAddress, type EipFaultType, type EipOpType,
  type ReleaseAddress, type RemapAddress,
} from './actions.js';
import { address, eipState, type Address, type EipState } from './state.js';

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

/** The action objects the enabling code pushes: per address, and per (address, instance) pair at `e * slots + i`. */
export interface EipActionTables {
  readonly allocate: readonly AllocateAddress[];
  readonly release: readonly ReleaseAddress[];
  readonly disassociate: readonly DisassociateAddress[];
  readonly associate: readonly AssociateAddress[];
  readonly remap: readonly RemapAddress[];
  readonly conflict: readonly ConflictingAssociate[];
}

/** The options resolved: defaults applied, validated, with what the reducer and enabling code derive from them. */
export interface EipConfig {
  readonly count: number;
  readonly slots: number;
  /** Instance of each address at the start (-1: none). */
  readonly associated: readonly number[];
  readonly allocated: number;
  /** AllowReassociation. */
  readonly reassociate: boolean;
  /** Per instance slot: the failover script may remap to it. */
  readonly remapTo: readonly boolean[];
  readonly opAllocate: boolean;
  readonly opRelease: boolean;
  readonly opAssociate: boolean;
  readonly opDisassociate: boolean;
  readonly opRemap: boolean;
  readonly fConflict: boolean;
  /** The shared records of an allocated, unassociated address; of an unallocated one; of one on instance `i`. */
  readonly free: Address;
  readonly unallocated: Address;
  readonly bound: readonly Address[];
  readonly A: EipActionTables;
}

function bad(m: string): never {
  throw new Error(`eip: ${m}`);
}

/** Applies the defaults and validates `options` (throws `eip: ...` on the first problem). */
export function resolveEipOptions(options: EipOptions): EipConfig {
  checkOptions('eip', options, EIP_OPTION_NAMES);
  const count = options.count ?? 1;
  const slots = options.slots ?? 3;
  const associated = options.associated ?? [];
  const allocated = options.allocated ?? count;
  const ops: readonly string[] = options.ops ?? [];
  const faults: readonly string[] = options.faults ?? [];
  intIn('eip', 'count', count, 1, 16);
  intIn('eip', 'slots', slots, 1, 32);
  if (!Number.isInteger(allocated) || allocated < 0 || allocated > count) bad(`allocated must be in 0..${count}, got ${allocated}`);
  if (associated.length > allocated) bad(`${associated.length} associated addresses but only ${allocated} allocated`);
  for (const i of associated) if (!Number.isInteger(i) || i < -1 || i >= slots) bad(`associated instance ${i} is outside -1..${slots - 1}`);
  for (let e = 0; e < associated.length; e++) if (associated[e] >= 0 && associated.indexOf(associated[e]) !== e) bad(`instance ${associated[e]} has two addresses`);
  namesIn('eip', 'ops', 'op', ops, EIP_OPS);
  namesIn('eip', 'faults', 'fault', faults, EIP_FAULTS);
  const remapTo: boolean[] = [];
  for (let i = 0; i < slots; i++) remapTo.push(options.remapTo === undefined || options.remapTo.includes(i));

  const bound: Address[] = [];
  for (let i = 0; i < slots; i++) bound.push(address(true, true, i));
  const byAddress = <A>(make: (e: number) => A): A[] => Array.from({ length: count }, (_, e) => make(e));
  const pairs = <A>(make: (e: number, i: number) => A): A[] => Array.from({ length: count * slots }, (_, k) => make(Math.floor(k / slots), k % slots));
  return {
    count,
    slots,
    associated,
    allocated,
    reassociate: options.allowReassociation ?? true,
    remapTo,
    opAllocate: ops.includes('AllocateAddress'),
    opRelease: ops.includes('ReleaseAddress'),
    opAssociate: ops.includes('AssociateAddress'),
    opDisassociate: ops.includes('DisassociateAddress'),
    opRemap: ops.includes('RemapAddress'),
    fConflict: faults.includes('ConflictingAssociate'),
    free: address(true, false, 0),
    unallocated: address(false, false, 0),
    bound,
    A: {
      allocate: byAddress(allocateAddress), release: byAddress(releaseAddress), disassociate: byAddress(disassociateAddress),
      associate: pairs(associateAddress), remap: pairs(remapAddress), conflict: pairs(conflictingAssociate),
    },
  };
}

/** The slice at the start: the first `allocated` addresses allocated, associated as `associated` says. */
export function initialEip(c: EipConfig): EipState {
  const addresses: Address[] = [];
  for (let e = 0; e < c.count; e++) {
    const i = e < c.associated.length ? c.associated[e] : -1;
    addresses.push(e >= c.allocated ? c.unallocated : i >= 0 ? c.bound[i] : c.free);
  }
  return eipState(addresses);
}

/** Every option for the catalog, with its default (`tsc` checks the list against `EipOptions`). */
export const EIP_PARAMETERS = parameterList<EipOptions>({
  count: { default: 1, unit: 'count', range: [1, 16], description: 'Elastic IP addresses' },
  slots: { default: 3, unit: 'count', range: [1, 32], description: 'ec2 instance slots' },
  associated: { default: [], unit: 'slots', range: [-1, 31], description: 'instance of each address at the start (-1: none)' },
  allocated: { default: 'count', unit: 'count', range: [0, 16], description: 'addresses allocated at the start (the first n)' },
  allowReassociation: { default: true, unit: 'bool', range: ['true', 'false'], description: 'AssociateAddress moves an associated address' },
  remapTo: { default: 'every slot', unit: 'slots', range: [0, 31], description: 'instances the failover script may remap to' },
  ops: { default: [], unit: 'list', range: EIP_OPS, description: 'operator actions enabled' },
  faults: { default: [], unit: 'list', range: EIP_FAULTS, description: 'faults enabled (a second controller is a design choice)' },
});
const EIP_OPTION_NAMES = optionNames(EIP_PARAMETERS);
