/**
 * The asg slice: its key in the world, its schema, its types and the single factories of its
 * records (every member and every slice the reducers build comes from `member` / `asgState`,
 * so all of them share one shape).
 */
import { t, type Infer } from '../../core/schema.js';
import type { InstanceState } from '../ec2/index.js';

/** The asg component's name: its slice is `world.asg`. */
export const ASG = 'asg';

/** The schema of one member slot: sticky health, replacement due, grace countdown, impaired ticks, age ticks. */
export function asgMemberSchema(graceTicks: number, impairedTicks: number, lifeTicks: number) {
  return t.record('AsgMember', {
    unhealthy: t.bool(),
    replace: t.bool(),
    grace: t.int(0, graceTicks),
    impaired: t.int(0, impairedTicks),
    age: t.int(0, lifeTicks),
  });
}
/** One member slot of the group: `unhealthy` (sticky once marked), `replace` (a replacement is due), `grace`, `impaired` and `age` countdowns in ticks. */
export type AsgMember = Infer<ReturnType<typeof asgMemberSchema>>;
/**
 * The schema of the asg slice: one member record per ec2 slot the group owns, and whether its
 * processes are suspended. The members are NOT declared `t.perSlot('ec2.instances', ...)`:
 * the group takes one activity at a time and picks its member by slot order (the first to
 * mark unhealthy, the first unhealthy to terminate, the first due for replacement, the first
 * in the fullest zone), so two members that differ are not interchangeable (engine/symmetry.ts
 * finds the orbits' successors differ on az + capacity + ec2 + asg + elb with two faults:
 * test/model/symmetry-fleet.test.ts). A composition with asg therefore drops ec2's slot set
 * (asg reduces ec2's `InstanceRunning` and `InstanceTerminated` and declares no reference).
 */
export function asgSchema(slots: number, graceTicks: number, impairedTicks: number, lifeTicks: number) {
  return t.record('AsgState', { members: t.array(asgMemberSchema(graceTicks, impairedTicks, lifeTicks), slots), suspended: t.bool() });
}
/** The asg slice: `members[k]` is about ec2 slot `firstSlot + k`. */
export type AsgState = Infer<ReturnType<typeof asgSchema>>;

/** The single factory of member records. */
export function member(unhealthy: boolean, replace: boolean, grace: number, impaired: number, age: number): AsgMember {
  return { unhealthy, replace, grace, impaired, age };
}
/** The single factory of asg slices. */
export function asgState(members: readonly AsgMember[], suspended: boolean): AsgState {
  return { members, suspended };
}
/** A slot state that makes its instance a member. */
export function inGroup(s: InstanceState): boolean {
  return s === 'pending' || s === 'running' || s === 'stopping' || s === 'stopped';
}
