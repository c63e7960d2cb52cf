/**
 * Properties of a DynamoDB table for imported templates. The invariant library (properties/)
 * has none for DynamoDB yet; these read the dynamodb component's exported reads (INV-DDB-2,
 * INV-DDB-1), as the library's properties do. If the library gains them, the import should
 * switch to those.
 */
import { dynamodbSlice, noLostUpdate as ddbNoLostUpdate, noStaleRead } from '../../model/aws/dynamodb/index.js';
import type { World } from '../../model/compose/component.js';
import { always, needing, sometimes, type AlwaysProperty, type SometimesProperty } from '../../model/core/property.js';

/** `NoLostUpdate` (INV-DDB-2): no acknowledged update was overwritten by a concurrent write in another Region (last writer wins). */
export function noLostUpdate(): AlwaysProperty<World> {
  return needing(['dynamodb'], always<World>('NoLostUpdate', (w) => ddbNoLostUpdate(dynamodbSlice(w)), 'no acknowledged update is overwritten by a concurrent write in another Region (global tables: last writer wins)'));
}

/** `ReadYourWrites` (INV-DDB-1): no read returned less than its Region had acknowledged (fails with eventually consistent reads, DynamoDB's default). */
export function readYourWrites(): AlwaysProperty<World> {
  return needing(['dynamodb'], always<World>('ReadYourWrites', (w) => noStaleRead(dynamodbSlice(w)), 'no read returns less than its Region acknowledged (eventually consistent reads may)'));
}

/** `ReachedRegionOutage`: DynamoDB in some Region is impaired. */
export function reachedRegionOutage(): SometimesProperty<World> {
  return needing(['dynamodb'], sometimes<World>('ReachedRegionOutage', (w) => {
    const rs = dynamodbSlice(w).regions;
    for (let r = 0; r < rs.length; r++) if (!rs[r].up) return true;
    return false;
  }, "DynamoDB in some Region is impaired"));
}
