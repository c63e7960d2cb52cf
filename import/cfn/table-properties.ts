/**
 * Properties of a DynamoDB table for imported templates. The invariant library (properties/)
 * has none for DynamoDB yet; these read the dynamodb component's exported reads (INV-DDB-2,
 * INV-DDB-1), as the library's properties do. If the library gains them, the import should
 * switch to those.
 *
 * Each comes with its TypeScript on faultline's public API (`faultline import` prints it in
 * the generated scenario: the predicate reads the same exported reads), and the names that
 * text imports from 'faultline'.
 */
import { dynamodbSlice, noLostUpdate as ddbNoLostUpdate, noStaleRead } from '../../model/aws/dynamodb/index.js';
import type { World } from '../../model/compose/component.js';
import { always, needing, sometimes, type AlwaysProperty, type Property, type SometimesProperty } from '../../model/core/property.js';

const NO_LOST_UPDATE = 'no acknowledged update is overwritten by a concurrent write in another Region (global tables: last writer wins)';
const READ_YOUR_WRITES = 'no read returns less than its Region acknowledged (eventually consistent reads may)';
const REGION_OUTAGE = 'DynamoDB in some Region is impaired';

/** `NoLostUpdate` (INV-DDB-2): no acknowledged update was overwritten by a concurrent write in another Region (last writer wins). */
export function noLostUpdate(): AlwaysProperty<World> {
  return needing(['dynamodb'], always<World>('NoLostUpdate', (w) => ddbNoLostUpdate(dynamodbSlice(w)), NO_LOST_UPDATE));
}

/** `ReadYourWrites` (INV-DDB-1): no read returned less than its Region had acknowledged (fails with eventually consistent reads, DynamoDB's default). */
export function readYourWrites(): AlwaysProperty<World> {
  return needing(['dynamodb'], always<World>('ReadYourWrites', (w) => noStaleRead(dynamodbSlice(w)), READ_YOUR_WRITES));
}

/** `ReachedRegionOutage`: DynamoDB in some Region is impaired. */
export function reachedRegionOutage(): SometimesProperty<World> {
  return needing(['dynamodb'], sometimes<World>('ReachedRegionOutage', (w) => {
    const rs = dynamodbSlice(w).regions;
    for (let r = 0; r < rs.length; r++) if (!rs[r].up) return true;
    return false;
  }, REGION_OUTAGE));
}

export type TablePropertyName = 'NoLostUpdate' | 'ReadYourWrites' | 'ReachedRegionOutage';

/**
 * Each property: how the import builds it, and the same property on faultline's exports for the
 * generated text, `kind<World>(name, predicate, description)`, with the names it imports.
 */
export const TABLE_PROPERTIES: Readonly<Record<TablePropertyName, {
  readonly make: () => Property<World>;
  readonly kind: 'always' | 'sometimes';
  readonly predicate: string;
  readonly description: string;
  readonly imports: readonly string[];
}>> = {
  NoLostUpdate: { make: noLostUpdate, kind: 'always', predicate: '(w) => noLostUpdate(dynamodbSlice(w))', description: NO_LOST_UPDATE, imports: ['dynamodbSlice', 'noLostUpdate'] },
  ReadYourWrites: { make: readYourWrites, kind: 'always', predicate: '(w) => noStaleRead(dynamodbSlice(w))', description: READ_YOUR_WRITES, imports: ['dynamodbSlice', 'noStaleRead'] },
  ReachedRegionOutage: { make: reachedRegionOutage, kind: 'sometimes', predicate: '(w) => dynamodbSlice(w).regions.some((r) => !r.up)', description: REGION_OUTAGE, imports: ['dynamodbSlice'] },
};
