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
 * processes are suspended. With `perSlot`, member k is declared ec2's slot k
 * (`t.perSlot('ec2.instances')`): it moves with the instance under a permutation of ec2's
 * slots. That is sound because the group treats its members alike: where AWS leaves the choice
 * open (which of several unhealthy members is marked or terminated first, which member due for
 * replacement or in the fullest zone goes), every qualifying member is an enabled action, never
 * the first by slot order; a launch takes the lowest free slot, which ec2's slot groups allow
 * for (model/aws/ec2/options.ts, `instanceGroups`). The caller asks for `perSlot` only when
 * member k is slot k (the group starts at slot 0) and the health view names no slot (model/aws/
 * asg/index.ts); a composition whose ec2 has another slot count drops the set. Only
 * `suspendFaults` suspends the processes: without it, `suspended` is a fixed false, in 0 bits.
 */
export function asgSchema(slots: number, graceTicks: number, impairedTicks: number, lifeTicks: number, perSlot = false, suspendable = true) {
  const item = asgMemberSchema(graceTicks, impairedTicks, lifeTicks);
  return t.record('AsgState', { members: perSlot ? t.perSlot('ec2.instances', item, slots) : t.array(item, slots), suspended: suspendable ? t.bool() : t.bool(false) });
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
