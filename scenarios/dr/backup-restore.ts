/**
 * `dr:backup-restore` and `dr:backup-in-failed-region`: AWS's "Backup and restore" strategy
 * (the "Disaster Recovery of Workloads on AWS" whitepaper [DR1]: "RPO and RTO in hours"). The
 * application writes to an EBS volume in the primary Region (`west`); a backup plan snapshots
 * it every hour and copies each snapshot to the standby Region (`east`), the copy completing
 * within 30 minutes (a time-based copy [SC5]). When `west` fails (for good), the runbook
 * restores the newest completed copy in `east` (CreateVolume and the stack around it: 2 hours,
 * on `east`'s control plane); Route 53 health-checked failover records move clients to `east`.
 *
 * Ticks of 15 minutes (hours stay a few dozen ticks): every figure is a multiple of it, and a
 * write's age is counted in whole ticks from the tick it was acknowledged in (one tick of
 * tolerance, as the other DR figures).
 * - `dr:backup-restore`: the worst recovery point is a write made just after a snapshot, lost
 *   just before the next snapshot's copy completes: interval + copy less one tick, 75 min
 *   (RecoveryPointWithin(7200), the design's 2-hour RPO, holds; 60 min would not). The
 *   recovery time is the restore's 2 hours (Route 53's detection, 3 probes at one a tick, and
 *   the TTL end sooner): RecoveryTimeWithin(14400), the design's 4-hour RTO, holds; 1 hour would not.
 * - `dr:backup-in-failed-region` (anti-pattern): the same plan with its copies kept in `west`
 *   (a copy to another vault, not another Region). They fail with it: the runbook in `east`
 *   has no copy to restore (snapshots are Region-bound), clients never get served again
 *   (RecoveryTimeWithin fails, ReachedRegionFailover unreached) and the recovery point has no
 *   bound (RecoveryPointWithin fails once a write is older than the schedule explains).
 *
 * Not modelled: the object store (S3 backups), the application tier's own deployment in
 * `east` (folded into `restoreSeconds`), failing back.
 *
 * [DR1] https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 * · [SC5] https://docs.aws.amazon.com/ebs/latest/userguide/time-based-copies.html
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { az } from '../../model/aws/az/index.js';
import { controlPlane } from '../../model/aws/control-plane/index.js';
import { ebs } from '../../model/aws/ebs/index.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { region } from '../../model/aws/region/index.js';
import { route53 } from '../../model/aws/route53/index.js';
import { snapshotCopy } from '../../model/aws/snapshot-copy/index.js';
import { onInstances } from '../../model/core/property.js';
import { reachedRegionOutage } from '../../properties/dr.js';
import { backupRecoveryPointWithin, reachedStandbyServing, recoveryTimeAcross, type Sites } from '../../properties/dr-strategies.js';

/** Fifteen minutes a tick: the hourly schedule is 4 ticks, the restore 8. */
export const BACKUP_TICK_SECONDS = 900;
/** The backup plan: an hourly snapshot, copied to the other Region within 30 minutes. */
const EVERY_SECONDS = 3_600;
const COPY_SECONDS = 1_800;
/** The restore runbook: the volume from the copy, and the stack around it. */
const RESTORE_SECONDS = 7_200;
/** The design's objectives: RPO 2 hours, RTO 4 hours. */
const RPO_SECONDS = 7_200;
const RTO_SECONDS = 14_400;

/** Where the application serves: the volume in `west`, the restored copy in `east`. */
export const BACKUP_SITES: Sites = [
  { region: 'west', serves: [{ ebs: 'data', ec2: 'web' }] },
  { region: 'east', serves: [{ restore: 'backup' }] },
];

/** The design with its copies in `copiesIn`, checked against the RPO and RTO `targets` (seconds; default 2 and 4 hours). */
export function drBackupModel(copiesIn: 'east' | 'west', targets: { readonly rpoSeconds?: number; readonly rtoSeconds?: number } = {}) {
  return compose(
    [
      region({ name: 'west', recoverable: false }),
      region({ name: 'east', maxOutages: 0 }),
      controlPlane({ name: 'westCp', faults: [], uses: { region: 'west' } }),
      controlPlane({ name: 'eastCp', faults: [], uses: { region: 'east' } }),
      // The application's instance and its data volume in `west`, in one zone; nothing fails but the Region.
      az({ name: 'westZones', azs: 1, maxDown: 0, uses: { region: 'west' } }),
      ec2({ name: 'web', slots: 1, azs: 1, initial: [0], faults: [], autoRecovery: false, uses: { region: 'west', controlPlane: 'westCp' } }),
      ebs({
        name: 'data', slots: 1, azs: 1, initial: [0], rootVolume: false, volumes: [{ az: 0, attachedTo: 0 }], spareVolumes: 0, maxWrites: 2,
        ops: ['WriteData'], faults: [], uses: { region: 'west', controlPlane: 'westCp', ec2: 'web' },
      }),
      // CopySnapshot is sent to the Region the copy lands in; the runbook restores in `east` either way.
      snapshotCopy({
        name: 'backup', source: 'data', writes: 2, sourceRegion: 'west', targetRegion: copiesIn, restoreRegion: 'east',
        copyEverySeconds: EVERY_SECONDS, copySeconds: COPY_SECONDS, restoreSeconds: RESTORE_SECONDS, runbook: ['restore'],
        uses: { controlPlane: copiesIn === 'east' ? 'eastCp' : 'westCp' },
      }),
      route53({
        requestIntervalSeconds: 30, failureThreshold: 3, ttlSeconds: 60, primaryHealthCheck: true, maxEndpointFailures: 0, endpointRegions: ['west', 'east'],
        uses: { controlPlane: 'westCp' },
      }),
    ],
    {
      tickSeconds: BACKUP_TICK_SECONDS,
      maxFaults: 1,
      recovery: ['backup.RestoreFromSnapshotCopy'],
      properties: [
        backupRecoveryPointWithin(targets.rpoSeconds ?? RPO_SECONDS),
        recoveryTimeAcross(targets.rtoSeconds ?? RTO_SECONDS, BACKUP_SITES),
        onInstances({ region: 'west' }, reachedRegionOutage()),
        reachedStandbyServing(BACKUP_SITES),
      ],
    },
  );
}

export const drBackupRestore = defineScenario({
  name: 'dr:backup-restore',
  description: 'Backup and restore: hourly EBS snapshots copied to the standby Region (30 min), restored there in 2 h by the runbook: RPO 2 h and RTO 4 h hold',
  model: () => drBackupModel('east'),
  modes: ['exhaustive'],
});

export const drBackupInFailedRegion = defineScenario({
  name: 'dr:backup-in-failed-region',
  description: 'The same backups copied only within the primary Region: they fail with it, the standby has nothing to restore',
  model: () => drBackupModel('west'),
  modes: ['exhaustive'],
  expect: { RecoveryPointWithin: 'fails', RecoveryTimeWithin: 'fails', ReachedRegionFailover: 'unreached' },
});
