/**
 * `rds-single-az-pitr` (INV-RDS-1, -5, -6): a Single-AZ instance in zone 0. When its zone
 * fails it is down until the zone returns, so the runbook restores it elsewhere: a new
 * instance (new endpoint) in the other zone.
 *
 * - `backups`: automated backups (retention 1 day) ship transaction logs every 5 minutes, so
 *   point-in-time restore loses only the writes after the latest restorable time:
 *   NoAckedWriteLost fails, RecoveryPointBounded holds.
 * - `no-backups`: backup retention 0 disables automated backups and PITR; the runbook can only
 *   restore the last manual snapshot, taken before any of these writes: both fail.
 *
 * 60-second ticks: log shipping every 300 s is 5 ticks; the instance-failure recovery (600 s,
 * 10 ticks) does not arise, as the only fault here is the zone's outage.
 */
import { defineScenario } from '../../engine/scenario.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { rds } from '../../model/aws/rds/index.js';
import { noAckedWriteLost, reachedAzOutage, reachedPrimaryFailure, recoveryPointBounded } from '../../properties/data.js';
import { rdsSingleAzPitrAvailability } from './availability.js';

/** The Single-AZ database with the restore runbook; `backupRetentionDays` 0 disables PITR. */
function pitrModel(backupRetentionDays: number) {
  return compose(
    [
      az({ azs: 2, maxDown: 1 }),
      rds({
        tickSeconds: 60,
        deployment: 'singleAz',
        primaryAz: 0,
        writes: 2,
        maxInstanceFailures: 0,
        backupRetentionDays,
        logShipSeconds: 300,
        runbook: ['restore'],
      }),
    ],
    { properties: [noAckedWriteLost(), recoveryPointBounded(), reachedAzOutage(), reachedPrimaryFailure()] },
  );
}

/** Single-AZ with automated backups: PITR loses at most the last log-shipping interval. */
export const rdsSingleAzPitrBackups = defineScenario({
  name: 'rds-single-az-pitr:backups',
  description: 'Single-AZ, AZ outage, point-in-time restore elsewhere: writes after the latest restorable time are lost, within 5 minutes',
  model: pitrModel(1),
  modes: ['exhaustive', 'random'],
  expect: { NoAckedWriteLost: 'fails' },
  // Faults recurring at their rates: down until the zone returns or the restore is done (faultline availability rds-single-az-pitr:backups).
  availability: rdsSingleAzPitrAvailability,
});

/** Single-AZ with backup retention 0: only a stale manual snapshot is left. */
export const rdsSingleAzPitrNoBackups = defineScenario({
  name: 'rds-single-az-pitr:no-backups',
  description: 'Single-AZ, AZ outage, backup retention 0: no PITR, the last manual snapshot loses everything since',
  model: pitrModel(0),
  modes: ['exhaustive', 'random'],
  expect: { NoAckedWriteLost: 'fails', RecoveryPointBounded: 'fails' },
});
