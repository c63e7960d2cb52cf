/**
 * The az component's actions: their types, the union az originates and reduces, the catalog
 * constant and one creator per action.
 */

/** An action on one zone. */
interface OnZone<T extends string> {
  readonly type: T;
  readonly kind: 'fault';
  readonly az: number;
}
/** A zone fails: everything zonal in it becomes unreachable. */
export type AzOutage = OnZone<'AzOutage'>;
/** A failed zone comes back (a fault-kind repair: once faults stop, a down zone stays down). */
export type AzRecover = OnZone<'AzRecover'>;
/**
 * Gray failure: the zone's EBS volumes are stuck (I/O hangs, attach and create do not
 * complete) while its instances keep running and pass their EC2 status checks.
 */
export type AzEbsStuck = OnZone<'AzEbsStuck'>;
/** The zone's EBS volumes serve I/O again (a fault-kind repair). */
export type AzEbsRecover = OnZone<'AzEbsRecover'>;
/**
 * Gray failure: the load balancer cannot reach the zone's instances (its health checks and
 * requests to them fail), while the instances run and pass their EC2 status checks.
 */
export type AzLbUnreachable = OnZone<'AzLbUnreachable'>;
/** The load balancer reaches the zone's instances again (a fault-kind repair). */
export type AzLbReachable = OnZone<'AzLbReachable'>;
/** Every action the `az` component originates (and reduces). */
export type AzAction = AzOutage | AzRecover | AzEbsStuck | AzEbsRecover | AzLbUnreachable | AzLbReachable;

/** Every zone action is a fault (repairs included); az originates nothing else. */
export const AZ_FAULTS = ['AzOutage', 'AzRecover', 'AzEbsStuck', 'AzEbsRecover', 'AzLbUnreachable', 'AzLbReachable'] as const;
/** The zone failures a scenario may enable (`faults`); each has its repair (`recoverable`). */
export const AZ_FAILURES = ['AzOutage', 'AzEbsStuck', 'AzLbUnreachable'] as const;
/** One of `AZ_FAILURES`. */
export type AzFaultType = (typeof AZ_FAILURES)[number];

function onZone<T extends string>(type: T, az: number): OnZone<T> {
  return { type, kind: 'fault', az };
}
/** `AzOutage(az)`. */
export function azOutage(az: number): AzOutage {
  return onZone('AzOutage', az);
}
/** `AzRecover(az)`. */
export function azRecover(az: number): AzRecover {
  return onZone('AzRecover', az);
}
/** `AzEbsStuck(az)`. */
export function azEbsStuck(az: number): AzEbsStuck {
  return onZone('AzEbsStuck', az);
}
/** `AzEbsRecover(az)`. */
export function azEbsRecover(az: number): AzEbsRecover {
  return onZone('AzEbsRecover', az);
}
/** `AzLbUnreachable(az)`. */
export function azLbUnreachable(az: number): AzLbUnreachable {
  return onZone('AzLbUnreachable', az);
}
/** `AzLbReachable(az)`. */
export function azLbReachable(az: number): AzLbReachable {
  return onZone('AzLbReachable', az);
}
