/**
 * The dynamodb slice: its key in the world, its schemas, its types and the single factories
 * of its records.
 */
import { t, type Infer } from '../../core/schema.js';

/** The dynamodb component's name: its slice is `world.dynamodb`. */
export const DYNAMODB = 'dynamodb';

/** Schema of one item's replica in one Region; values are sets of write numbers (bit `i-1` = write `i`). */
export function ddbReplicaSchema(writes: number) {
  const all = 2 ** writes - 1;
  return t.record('DdbReplica', { value: t.int(0, all), writer: t.int(0, writes), prev: t.int(0, all), lagging: t.bool() });
}
/** One item's replica in one Region: the set of writes it holds (`value`, bit i-1 = write i), the last writer, the value before it, and whether replication to it lags. */
export type DdbReplica = Infer<ReturnType<typeof ddbReplicaSchema>>;

/** Schema of one Region's table. */
export function ddbRegionSchema(items: number, writes: number) {
  return t.record('DdbRegion', { up: t.bool(), items: t.array(ddbReplicaSchema(writes), items) });
}
/** One Region's table: whether the Region is up, and a replica per item. */
export type DdbRegion = Infer<ReturnType<typeof ddbRegionSchema>>;

/** Schema of the dynamodb slice: Regions, writes issued, increments lost per item, whether a read was stale. */
export function dynamodbSchema(regions: number, items: number, writes: number, maxOutages: number) {
  return t.record('DynamoDbState', {
    regions: t.array(ddbRegionSchema(items, writes), regions),
    issued: t.int(0, writes),
    lost: t.array(t.int(0, 2 ** writes - 1), items),
    staleRead: t.bool(),
    outages: t.int(0, maxOutages),
  });
}
/** The dynamodb slice: Regions, writes issued, increments lost per item, whether a read was stale, outages so far. */
export type DynamoDbState = Infer<ReturnType<typeof dynamodbSchema>>;

/** The single factory of replica records. */
export function ddbReplica(value: number, writer: number, prev: number, lagging: boolean): DdbReplica {
  return { value, writer, prev, lagging };
}
/** The single factory of Region records. */
export function ddbRegion(up: boolean, items: readonly DdbReplica[]): DdbRegion {
  return { up, items };
}
/** The single factory of dynamodb slices. */
export function dynamodbState(regions: readonly DdbRegion[], issued: number, lost: readonly number[], staleRead: boolean, outages: number): DynamoDbState {
  return { regions, issued, lost, staleRead, outages };
}
