/**
 * `ebs-delete-on-termination`: an Auto Scaling group of 1 replaces its failed instance
 * (a host failure, no automatic recovery) after the application has acknowledged a write
 * (INV-EBS-4, INV-ASG-4).
 *
 * - `ebs-delete-on-termination:root-volume`: the application keeps its data on the root
 *   volume, DeleteOnTermination true (the default): terminating the instance deletes it, the
 *   replacement boots from the AMI with a fresh root: DataSurvivesReplacement fails.
 * - `ebs-delete-on-termination:kept-volume`: the data is on a separate volume attached after
 *   launch (DeleteOnTermination false): it is detached, kept, and an operator reattaches it
 *   to the replacement (same zone): DataSurvivesReplacement holds.
 */
import { defineScenario } from '../../engine/scenario.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ebs, type EbsOptions } from '../../model/aws/ebs/index.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import {
  dataSurvivesReplacementOnVolumes, reachedInstanceFailure, reachedReplacement, reachedVolumeKept,
} from '../../properties/fleet.js';

const TICK_SECONDS = 60;
/** Where the application keeps its data. */
export type DataVolume = 'root-volume' | 'kept-volume';

const DATA: Readonly<Record<DataVolume, EbsOptions>> = {
  'root-volume': { dataOnRoot: true },
  // Volume 0: the data volume in zone 0, attached to instance 0 after launch (DeleteOnTermination false).
  'kept-volume': { volumes: [{ az: 0, attachedTo: 0 }] },
};

/** A group of 1 whose instance keeps its data on `data`. */
export function ebsDeleteOnTerminationModel(data: DataVolume) {
  return compose(
    [
      az({ azs: 1, maxDown: 0 }),
      ec2({ slots: 2, azs: 1, tickSeconds: TICK_SECONDS, initial: [0], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }),
      asg({ azs: 1, tickSeconds: TICK_SECONDS, min: 1, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }),
      ebs({
        slots: 2, azs: 1, tickSeconds: TICK_SECONDS, initial: [0], autoScaling: true, maxWrites: 1, faults: [],
        ops: data === 'kept-volume' ? ['WriteData', 'AttachVolume'] : ['WriteData'], ...DATA[data],
      }),
    ],
    {
      maxFaults: 1,
      properties: [
        dataSurvivesReplacementOnVolumes(),
        reachedInstanceFailure(),
        reachedReplacement(),
        reachedVolumeKept(),
      ],
    },
  );
}

export const ebsDeleteOnTerminationRootVolume = defineScenario({
  name: 'ebs-delete-on-termination:root-volume',
  description: 'An ASG of 1 replaces its instance; the data was on the root volume, deleted on termination (DataSurvivesReplacement fails)',
  model: () => ebsDeleteOnTerminationModel('root-volume'),
  modes: ['exhaustive', 'random'],
  expect: { DataSurvivesReplacement: 'fails', ReachedVolumeKept: 'unreached' },
  random: { runs: 300, steps: 30 },
});

export const ebsDeleteOnTerminationKeptVolume = defineScenario({
  name: 'ebs-delete-on-termination:kept-volume',
  description: 'The same replacement with the data on a separate volume kept on termination and reattached (DataSurvivesReplacement holds)',
  model: () => ebsDeleteOnTerminationModel('kept-volume'),
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 30 },
});
