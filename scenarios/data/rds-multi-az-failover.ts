/**
 * `rds-multi-az-failover`: a Multi-AZ DB instance: the primary in zone 0 and a synchronous
 * standby in zone 1. A write is acknowledged only once the standby holds it too, so when the
 * primary fails (an instance failure, or its zone's outage) RDS fails over to a standby that
 * has every acknowledged write: NoAckedWriteLost holds, and RecoveryPointBounded with it.
 *
 * 30-second ticks, with AWS's figures: the failover takes 60-120 s (2-4 ticks; RDS may finish
 * it anywhere in that range, and no write is accepted meanwhile), transaction logs ship every
 * 300 s (10 ticks). After a failover RDS replaces the standby in the old zone once it is up.
 */
import { defineScenario } from '../../engine/scenario.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { rds } from '../../model/aws/rds/index.js';
import { noAckedWriteLost, reachedAzOutage, reachedPrimaryFailure, recoveryPointBounded } from '../../properties/data.js';
import { rdsMultiAzAvailability } from './availability.js';

export interface RdsMultiAzParams {
  readonly [k: string]: number;
  /** Client writes. */
  readonly writes: number;
}

/** Multi-AZ DB instance: failover to the synchronous standby keeps every acknowledged write. */
export const rdsMultiAzFailover = defineScenario<RdsMultiAzParams>({
  name: 'rds-multi-az-failover',
  description: 'Multi-AZ DB instance (synchronous standby): NoAckedWriteLost holds under a primary failure and an AZ outage',
  model: (p) =>
    compose(
      [
        az({ azs: 2, maxDown: 1 }),
        rds({
          tickSeconds: 30,
          deployment: 'multiAz',
          primaryAz: 0,
          standbyAz: 1,
          writes: p.writes,
          maxInstanceFailures: 1,
          logShipSeconds: 300,
        }),
      ],
      { properties: [noAckedWriteLost(), recoveryPointBounded(), reachedPrimaryFailure(), reachedAzOutage()] },
    ),
  parameters: { writes: 2 },
  choices: { writes: [1, 2, 3] },
  modes: ['exhaustive', 'random'],
  // Faults recurring at their rates: down only while failing over (faultline availability rds-multi-az-failover).
  availability: rdsMultiAzAvailability,
});
