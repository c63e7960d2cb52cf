/**
 * The az slice: its key, schema, type and single record factory.
 */
import { t, type Infer } from '../../core/schema.js';

/** The `az` component's name: its slice is `world.az`. */
export const AZ = 'az';

/**
 * The schema of the `az` slice for `azs` zones. The zones are a set of interchangeable slots
 * (`zones`, model/core/symmetry.ts): az treats them alike, and any component may index them (a
 * volume's zone, an LB node per zone), so a composition keeps the set only where every other
 * component declares its references (`t.slotRef('az.zones')`, `t.perSlot('az.zones')`) or that
 * it treats the zones alike (`symmetricIn`); zones of different capacity are told apart by
 * capacity's per-zone limits, which move with them.
 */
export function azSchema(azs: number) {
  const zone = t.bool();
  return t.record('AzState', { up: t.slots('zones', zone, azs, { everyComponent: true }), ebsOk: t.perSlot('zones', zone, azs), lbReachable: t.perSlot('zones', zone, azs) });
}
/**
 * The `az` slice, per zone `z`: `up[z]` (the zone works), `ebsOk[z]` (its EBS volumes serve
 * I/O: false in an `AzEbsStuck` gray failure) and `lbReachable[z]` (the load balancer reaches
 * its instances: false in an `AzLbUnreachable` gray failure).
 */
export type AzState = Infer<ReturnType<typeof azSchema>>;

/** The single factory of `az` slices (one object shape). */
export function azState(up: readonly boolean[], ebsOk: readonly boolean[], lbReachable: readonly boolean[]): AzState {
  return { up, ebsOk, lbReachable };
}
