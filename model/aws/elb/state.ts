/**
 * The elb slice: its key in the world, its schema, its types and the single factories of its
 * records.
 */
import { t, type Infer } from '../../core/schema.js';

/** The elb component's name: its slice is `world.elb`. */
export const ELB = 'elb';

/**
 * The load balancer's view of one target (ALB target health states), plus `launching`: an
 * instance the attached Auto Scaling group launched, not registered yet (no checks, no
 * requests, like `unused`); the group registers it when it enters InService (ec2's
 * `InstanceRunning`), and it becomes `initial` then.
 */
export const TARGET_STATES = ['unused', 'initial', 'healthy', 'unhealthy', 'draining', 'launching'] as const;
/** The load balancer's view of a target (see `TARGET_STATES`). */
export type TargetState = (typeof TARGET_STATES)[number];
/** Load balancer types: they differ in default thresholds and cross-zone setting. */
export type LbType = 'ALB' | 'NLB' | 'CLB';

/** A target: its view, the run of consecutive checks contrary to the view, and its countdown (next check or drain). */
export function targetSchema(maxRun: number, maxTimer: number) {
  return t.record('Target', { state: t.enumOf(TARGET_STATES), run: t.int(0, maxRun), timer: t.int(0, maxTimer) });
}
/** One target (by ec2 slot): its health view, the run of checks contrary to it, and its countdown. */
export type Target = Infer<ReturnType<typeof targetSchema>>;
/**
 * The elb slice: targets by ec2 slot, LB node status per zone, and the cross-zone setting. With
 * `perSlot`, target i is declared ec2's slot i (`t.perSlot('ec2.instances')`): it moves with the
 * instance under a permutation of ec2's slots. elb acts on every target alike (the health
 * check's probe is ec2's `isHealthy`, or it with a deep check's dependencies); a probe of the
 * caller's own (`probe`) may name slots, so elb then declares nothing and a composition drops
 * ec2's set (elb reduces ec2's `InstanceTerminated`). Likewise the LB nodes, one per zone of
 * az's set (`t.perSlot('az.zones')`), move with their zone unless a probe of the caller's may
 * tell zones apart. `crossZone` is configuration, kept in the state because library reads of
 * the world (`evaluateTargetHealth`) need it: given its value, it is a fixed field of 0 bits.
 */
export function elbSchema(slots: number, azs: number, maxRun: number, maxTimer: number, perSlot = false, crossZone?: boolean) {
  const item = targetSchema(maxRun, maxTimer);
  return t.record('ElbState', { targets: perSlot ? t.perSlot('ec2.instances', item, slots) : t.array(item, slots), nodeUp: perSlot ? t.perSlot('az.zones', t.bool(), azs) : t.array(t.bool(), azs), crossZone: t.bool(crossZone) });
}
/** The elb slice: targets by ec2 slot, the LB node per zone, and the cross-zone setting. */
export type ElbState = Infer<ReturnType<typeof elbSchema>>;

/** The single factory of target records. */
export function target(state: TargetState, run: number, timer: number): Target {
  return { state, run, timer };
}
/** The single factory of elb slices. */
export function elbState(targets: readonly Target[], nodeUp: readonly boolean[], crossZone: boolean): ElbState {
  return { targets, nodeUp, crossZone };
}
