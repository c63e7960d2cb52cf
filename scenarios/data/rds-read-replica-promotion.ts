/**
 * `rds-read-replica-promotion` (INV-RDS-2): a Single-AZ primary in zone 0 with an asynchronous
 * read replica in zone 1, and a runbook that, when the primary is down, promotes the replica
 * and points the application at it. The replica applies writes with a lag the primary never
 * waits for, so the writes acknowledged but not yet applied are lost: NoAckedWriteLost fails
 * (DbWrite, the primary fails, PromoteReadReplica: 3 actions), and the loss is the replica's
 * lag, not bounded by any restore granularity (RecoveryPointBounded fails too).
 */
import { defineScenario } from '../../engine/scenario.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { rds } from '../../model/aws/rds/index.js';
import { noAckedWriteLost, reachedAzOutage, reachedPrimaryFailure, recoveryPointBounded } from '../../properties/data.js';

/** Promoting an asynchronous read replica loses the writes in its lag. */
export const rdsReadReplicaPromotion = defineScenario({
  name: 'rds-read-replica-promotion',
  description: 'Failover by promoting an asynchronous read replica: writes in its lag are lost; NoAckedWriteLost fails',
  model: compose(
    [
      az({ azs: 2, maxDown: 1 }),
      rds({
        tickSeconds: 30,
        deployment: 'singleAz',
        primaryAz: 0,
        readReplica: true,
        replicaAz: 1,
        writes: 2,
        maxInstanceFailures: 1,
        logShipSeconds: 300,
        runbook: ['promoteReadReplica'],
      }),
    ],
    { properties: [noAckedWriteLost(), recoveryPointBounded(), reachedPrimaryFailure(), reachedAzOutage()] },
  ),
  modes: ['exhaustive', 'random'],
  expect: { NoAckedWriteLost: 'fails', RecoveryPointBounded: 'fails' },
});
