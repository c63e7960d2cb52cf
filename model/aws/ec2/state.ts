/**
 * The ec2 slice: its key in the world, its schema, its types and the single factories of its
 * records (every instance and every slice the reducers build comes from `instance` /
 * `ec2State`, so all of them share one shape).
 */
import { t, type Infer } from '../../core/schema.js';

/** The ec2 component's name: its slice is `world.ec2`. */
export const EC2 = 'ec2';

/** Slot states: `none` (never used) plus the EC2 lifecycle (API codes 0, 16, 64, 80, 32, 48). */
export const INSTANCE_STATES = ['none', 'pending', 'running', 'stopping', 'stopped', 'shutting-down', 'terminated'] as const;
/** An instance slot's state (see `INSTANCE_STATES`). */
export type InstanceState = (typeof INSTANCE_STATES)[number];

/**
 * The schema of one instance slot; `timer` is the boot countdown (pending) or the auto-recovery
 * delay (failed host). `az` is a zone of az's set `zones` (`t.slotRef`), or -1 in a free slot
 * (never used or terminated: it has no zone, so a permutation of the zones leaves free slots
 * alike).
 */
export function instanceSchema(azs: number, maxTimer: number) {
  return t.record('Instance', {
    state: t.enumOf(INSTANCE_STATES),
    az: t.slotRef('az.zones', azs, { none: -1 }),
    systemOk: t.bool(),
    instanceOk: t.bool(),
    appUp: t.bool(),
    storeData: t.bool(),
    timer: t.int(0, maxTimer),
  });
}
/** One instance slot. */
export type Instance = Infer<ReturnType<typeof instanceSchema>>;

/** The launch template's root device: instance-store-backed instances cannot stop (INV-EC2-2). */
export type RootDevice = 'ebs' | 'instance-store';

/**
 * The schema of the ec2 slice; `faultsUsed` counts ec2's own faults against `faultBudget` (0
 * bits without one); `rootDevice` is the launch template's, constant (one value: 0 bits), kept
 * in the slice so that reads see it (an EBS-backed instance depends on its zone's EBS).
 */
export function ec2Schema(slots: number, azs: number, maxTimer: number, faultBudget: number, rootDevice: RootDevice = 'ebs', groups?: readonly number[]) {
  const item = instanceSchema(azs, maxTimer);
  return t.record('Ec2State', {
    instances: groups !== undefined ? t.slots('instances', item, slots, { groups }) : t.array(item, slots),
    faultsUsed: t.int(0, faultBudget),
    rootDevice: t.enumOf([rootDevice] as readonly RootDevice[]),
  });
}
/** The ec2 slice. */
export type Ec2State = Infer<ReturnType<typeof ec2Schema>>;

/** The single factory of instance records (one object shape). */
export function instance(
  state: InstanceState, az: number, systemOk: boolean, instanceOk: boolean, appUp: boolean, storeData: boolean, timer: number,
): Instance {
  return { state, az, systemOk, instanceOk, appUp, storeData, timer };
}
/** The single factory of ec2 slices. */
export function ec2State(instances: readonly Instance[], faultsUsed: number, rootDevice: RootDevice): Ec2State {
  return { instances, faultsUsed, rootDevice };
}
