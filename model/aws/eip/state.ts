/**
 * The eip slice: its key in the world, its schema, its types and the single factories of its
 * records.
 */
import { t, type Infer } from '../../core/schema.js';

/** The eip component's name: its slice is `world.eip`. */
export const EIP = 'eip';

/** One address: `instance` is meaningful while `associated` (0 otherwise). */
export function addressSchema(slots: number) {
  return t.record('Address', { allocated: t.bool(), associated: t.bool(), instance: t.int(0, slots - 1) });
}
/** One Elastic IP: allocated, associated, and the instance slot it points at while associated. */
export type Address = Infer<ReturnType<typeof addressSchema>>;
/** The schema of the eip slice: one record per address. */
export function eipSchema(count: number, slots: number) {
  return t.record('EipState', { addresses: t.array(addressSchema(slots), count) });
}
/** The eip slice: `addresses[k]` is Elastic IP k. */
export type EipState = Infer<ReturnType<typeof eipSchema>>;

/** The single factory of address records. */
export function address(allocated: boolean, associated: boolean, instance: number): Address {
  return { allocated, associated, instance };
}
/** The single factory of eip slices. */
export function eipState(addresses: readonly Address[]): EipState {
  return { addresses };
}
