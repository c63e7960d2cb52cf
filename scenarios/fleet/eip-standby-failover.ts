/**
 * `eip-standby-failover`: the 2011 whitepaper's Figure 7. An active instance (slot 0, zone
 * 0) serves behind an Elastic IP and keeps its data on an EBS volume (volume 0, zone 0);
 * standby instances run in both zones (slot 1 in zone 0, slot 2 in zone 1). A snapshot
 * policy copies the volume every hour (RPO one hour). On failure the failover script
 * remaps the Elastic IP to a healthy standby, and the runbook moves the data:
 *
 * - `eip-standby-failover:instance-failure`: the active's host fails. The volume's zone is
 *   up: the runbook detaches it and reattaches it to the standby in the same zone (a volume
 *   attaches only in its own zone, INV-EBS-1). Every acknowledged write follows:
 *   NoAckedWriteLost holds.
 * - `eip-standby-failover:az-outage`: zone 0 fails. The volume is stuck in it; the runbook
 *   restores the last completed snapshot into zone 1 and attaches it to the standby there.
 *   Writes acknowledged after that snapshot are lost once the standby writes on the copy:
 *   NoAckedWriteLost fails, while RecoveryPointBounded holds (the hourly policy bounds the
 *   loss by the RPO). The shortest trace needs no outage at all: the restore runbook run on
 *   a false alarm forks the data just the same.
 * EipReachesHealthy holds in both: a healthy standby survives either failure.
 *
 * The runbooks differ on purpose: with a snapshot restore available for an instance
 * failure, an operator could restore the hourly snapshot instead of waiting for the volume,
 * and lose writes there too.
 */
import { defineScenario } from '../../engine/scenario.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ebs, type EbsOpType } from '../../model/aws/ebs/index.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { EIP_RECOVERY, eip } from '../../model/aws/eip/index.js';
import {
  eipReachesHealthyAgain, noAckedWriteLostOnVolumes, reachedAzOutage, reachedInstanceFailure, reachedSnapshotRestored,
  reachedVolumeReattached, recoveryPointBoundedOnVolumes,
} from '../../properties/fleet.js';

/** One hour a tick: the snapshot policy's period and the RPO are one tick each. */
const TICK_SECONDS = 3_600;
const ACTIVE = 0;
const DATA_VOLUME = 0;
/**
 * The failover script's remap may come after the snapshot machinery's control steps, taken
 * first on some paths (a pending snapshot completes, the policy's next one starts and
 * completes), then the remap: control steps that take no model time, so 0 s (nothing shorter
 * to test).
 */
const REMAP_BOUND = { withinSeconds: 0 };

/** Which failure the variant injects. */
export type StandbyFailure = 'instance-failure' | 'az-outage';

const RUNBOOK: Readonly<Record<StandbyFailure, readonly EbsOpType[]>> = {
  'instance-failure': ['WriteData', 'DetachVolume', 'AttachVolume'],
  'az-outage': ['WriteData', 'DetachVolume', 'AttachVolume', 'RestoreVolume'],
};

export function eipStandbyFailoverModel(failure: StandbyFailure) {
  const zoneFails = failure === 'az-outage';
  return compose(
    [
      az({ azs: 2, maxDown: zoneFails ? 1 : 0, recoverable: false }),
      ec2({ slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 0, 1], autoRecovery: false, faults: zoneFails ? [] : ['HostFailure'] }),
      ebs({
        slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 0, 1], rootVolume: false, volumes: [{ az: 0, attachedTo: ACTIVE }],
        maxWrites: 2, rpoSeconds: TICK_SECONDS, snapshotEverySeconds: TICK_SECONDS, ops: [...RUNBOOK[failure]], faults: [],
      }),
      eip({ count: 1, slots: 3, associated: [ACTIVE], ops: ['RemapAddress'], remapTo: [1, 2] }),
    ],
    {
      maxFaults: 1,
      recovery: EIP_RECOVERY,
      properties: [
        eipReachesHealthyAgain(REMAP_BOUND),
        noAckedWriteLostOnVolumes(),
        recoveryPointBoundedOnVolumes({ snapshotPolicy: true }),
        zoneFails ? reachedAzOutage() : reachedInstanceFailure(),
        zoneFails ? reachedSnapshotRestored(DATA_VOLUME) : reachedVolumeReattached(DATA_VOLUME, ACTIVE),
      ],
    },
  );
}

export const eipStandbyInstanceFailure = defineScenario({
  name: 'eip-standby-failover:instance-failure',
  description: "The active's host fails: the Elastic IP moves to a standby and the data volume is reattached in its zone (NoAckedWriteLost holds)",
  model: () => eipStandbyFailoverModel('instance-failure'),
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 30 },
});

export const eipStandbyAzOutage = defineScenario({
  name: 'eip-standby-failover:az-outage',
  description: "The active's zone fails: the Elastic IP moves to the other zone's standby, the last snapshot is restored there (NoAckedWriteLost fails, RecoveryPointBounded holds)",
  model: () => eipStandbyFailoverModel('az-outage'),
  modes: ['exhaustive', 'random'],
  expect: { NoAckedWriteLost: 'fails' },
  random: { runs: 300, steps: 30 },
});
