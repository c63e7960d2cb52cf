/**
 * Amazon DynamoDB (aws-semantics §11), the successor of SimpleDB: a table replicated across
 * the Availability Zones of a Region, and optionally a global table in two Regions.
 *
 * Items are counters updated by `UpdateItem` (an atomic ADD): write `i` (issued in order,
 * numbered 1..writes, the number doubling as its last-writer-wins timestamp) adds bit `i-1`
 * to the item's `value`, so a value is the set of increments it includes. Per Region, each
 * item replica keeps its `value`, the `writer` that set it, and whether one zone copy still
 * lags (`lagging`, holding `prev`):
 * - A write is acknowledged once durable in the Region (HTTP 200); the lagging zone copy
 *   catches up later (`DdbCopyCatchUp`). A strongly consistent read returns `value`; an
 *   eventually consistent read (the default, and always from a GSI) may hit the lagging copy
 *   and return `prev`: a stale read (INV-DDB-1, INV-SDB-1). The model takes the stale answer.
 * - Global tables (two Regions): `DdbReplicate(from, item)` copies the newer replica over the
 *   older one, last writer wins: increments in the overwritten replica that the winner lacks
 *   are lost for good (`lost`, INV-DDB-2).
 * - `DdbRegionOutage` / `DdbRegionRecover` (fault-kind): DynamoDB in a Region is impaired (a
 *   Regional event, INV-DDB-4); its unreplicated writes are unavailable meanwhile (INV-DDB-3).
 * - Zones: the table survives one AZ; with the az component present, the home Region (0) is
 *   unavailable while two or more zones are down.
 * - Regions as instances (model/aws/region; issue 15): with `replicaRegions: ['west', 'east']`
 *   replica r answers, takes writes, catches up and replicates only while its Region instance
 *   is up: a Region outage takes the replica's unreplicated writes along (INV-DDB-3). Without
 *   it, nothing changes (only `DdbRegionOutage` takes a replica down).
 * Not modelled: the multi-Region strong consistency mode, throughput limits, streams, TTL.
 *
 * Planes (model/aws/control-plane: [CP1] the Fault Isolation Boundaries whitepaper's "Control
 * planes and data planes", [Z4] its "Static stability"): every action is data: item reads and writes are
 * the table's primary function [CP1], replication and the zone copies' catch-up are DynamoDB's
 * own work on tables already provisioned, and the Region outages are events. (Creating or
 * changing a table, not modelled, would be control.)
 */
import { instance, ownOptions, type InstanceOptions } from '../../compose/instances.js';
import type { Component, Plane } from '../../compose/component.js';
import { DYNAMODB_CONTROLS, DYNAMODB_FAULTS, DYNAMODB_OPS, type DynamoDbAction } from './actions.js';
import { dynamodbActions } from './enabled.js';
import { DYNAMODB_PARAMETERS, initialDynamoDb, resolveDynamoDbOptions, type DynamoDbOptions } from './options.js';
import { reduceDynamoDb } from './reduce.js';
import { DYNAMODB, dynamodbSchema, type DynamoDbState } from './state.js';

export {
  DYNAMODB_CONTROLS, DYNAMODB_FAULTS, DYNAMODB_OPS, ddbCopyCatchUp, ddbRegionOutage, ddbRegionRecover, ddbReplicate, getItem, updateItem,
  type DdbCopyCatchUp, type DdbRegionOutage, type DdbRegionRecover, type DdbReplicate, type DynamoDbAction, type GetItem, type UpdateItem,
} from './actions.js';
export { ackedWritesAvailable, dynamodbSlice, itemCount, noLostUpdate, noStaleRead } from './reads.js';
export {
  DYNAMODB, ddbRegionSchema, ddbReplicaSchema, dynamodbSchema, type DdbRegion, type DdbReplica, type DynamoDbState,
} from './state.js';
export type { DynamoDbOptions } from './options.js';

/** Each action's plane (see the module comment). */
const DYNAMODB_PLANES: Readonly<Record<DynamoDbAction['type'], Plane>> = {
  UpdateItem: 'data', GetItem: 'data', DdbCopyCatchUp: 'data', DdbReplicate: 'data', DdbRegionOutage: 'data', DdbRegionRecover: 'data',
};

/**
 * The DynamoDB component.
 *
 * @example
 * const table = dynamodb({ regions: 2, writes: 2 }); // NoLostUpdate fails: concurrent writes in two Regions
 */
export function dynamodb<const N extends string>(options: DynamoDbOptions & InstanceOptions<N> & { readonly name: N }): Component<DynamoDbState, DynamoDbAction, N>;
export function dynamodb(options?: DynamoDbOptions & InstanceOptions<'dynamodb'>): Component<DynamoDbState, DynamoDbAction, 'dynamodb'>;
export function dynamodb(options: DynamoDbOptions & InstanceOptions = {}): Component<DynamoDbState, DynamoDbAction, string> {
  return instance(dynamodbComponent(ownOptions(options)), options);
}

/** The component under its kind's name; `dynamodb` makes it the instance its options name. */
function dynamodbComponent(options: DynamoDbOptions): Component<DynamoDbState, DynamoDbAction, 'dynamodb'> {
  const c = resolveDynamoDbOptions(options);
  const initial = initialDynamoDb(c);
  return {
    name: DYNAMODB,
    schema: dynamodbSchema(c.regions, c.items, c.writes, c.maxOutages),
    parameters: DYNAMODB_PARAMETERS,
    catalog: { op: DYNAMODB_OPS, fault: DYNAMODB_FAULTS, control: DYNAMODB_CONTROLS, plane: DYNAMODB_PLANES },
    subscribes: [...DYNAMODB_OPS, ...DYNAMODB_FAULTS, ...DYNAMODB_CONTROLS],
    init: () => initial,
    actions: (world, out) => dynamodbActions(c, world, out as DynamoDbAction[]),
    reduce: (s, a, world) => reduceDynamoDb(c, s, a, world),
  };
}
