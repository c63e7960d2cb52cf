/**
 * The az slice: its key, schema, type and single record factory.
 */
import { t, type Infer } from '../../core/schema.js';

/** The `az` component's name: its slice is `world.az`. */
export const AZ = 'az';

/** The schema of the `az` slice for `azs` zones. */
export function azSchema(azs: number) {
  return t.record('AzState', { up: t.array(t.bool(), azs), ebsOk: t.array(t.bool(), azs), lbReachable: t.array(t.bool(), azs) });
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
