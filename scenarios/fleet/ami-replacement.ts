/**
 * `ami-replacement`: one instance launched from an AMI; its guest OS fails (the instance
 * status check is impaired) and an operator replaces it: terminate it, launch a new
 * instance from the same AMI (into slot 1: the original is slot 0), and give it the data
 * back where possible.
 *
 * - `ami-replacement:instance-store`: an instance-store-backed AMI with the application's
 *   data on the instance store. The store survives the guest failure, but terminating the
 *   instance erases it (INV-EC2-1), and the replacement starts with an empty store:
 *   DataSurvivesReplacement fails.
 * - `ami-replacement:ebs-volume`: an EBS-backed AMI with the data on a separate EBS volume
 *   (DeleteOnTermination false): the volume outlives the instance, is detached on
 *   termination and reattached to the replacement: DataSurvivesReplacement holds.
 */
import { defineScenario } from '../../engine/scenario.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { ebs } from '../../model/aws/ebs/index.js';
import { ec2, type RootDevice } from '../../model/aws/ec2/index.js';
import {
  dataSurvivesReplacementOnInstanceStore, dataSurvivesReplacementOnVolumes, reachedInstanceFailure, reachedReplacement,
  reachedVolumeReattached,
} from '../../properties/fleet.js';

const TICK_SECONDS = 60;
/** The original instance's slot; replacements launch from slot 1 on. */
const ORIGINAL = 0;
/** The data volume (ebs-volume variant): the first pool slot, in zone 0, attached to the original. */
const DATA_VOLUME = 0;

/** The instance, its AMI's root device and the operator's replacement ops. */
function instances(rootDevice: RootDevice) {
  return ec2({
    slots: 2, azs: 1, tickSeconds: TICK_SECONDS, initial: [0], rootDevice, autoRecovery: false, manualFirstSlot: 1,
    ops: ['LaunchInstance', 'TerminateInstance'], faults: ['GuestFailure'],
  });
}

export function amiReplacementInstanceStoreModel() {
  return compose([az({ azs: 1, maxDown: 0 }), instances('instance-store')], {
    maxFaults: 1,
    properties: [dataSurvivesReplacementOnInstanceStore(ORIGINAL), reachedInstanceFailure(), reachedReplacement()],
  });
}

export function amiReplacementEbsVolumeModel() {
  return compose(
    [
      az({ azs: 1, maxDown: 0 }),
      instances('ebs'),
      ebs({
        slots: 2, azs: 1, tickSeconds: TICK_SECONDS, initial: [0], volumes: [{ az: 0, attachedTo: ORIGINAL }], maxWrites: 1,
        ops: ['WriteData', 'AttachVolume'], faults: [],
      }),
    ],
    {
      maxFaults: 1,
      properties: [dataSurvivesReplacementOnVolumes(), reachedInstanceFailure(), reachedReplacement(), reachedVolumeReattached(DATA_VOLUME, ORIGINAL)],
    },
  );
}

export const amiReplacementInstanceStore = defineScenario({
  name: 'ami-replacement:instance-store',
  description: 'A failed instance replaced from its AMI, its data on the instance store: the data is gone (DataSurvivesReplacement fails)',
  model: amiReplacementInstanceStoreModel,
  // Exhaustive only: random mode stops at the first-found violation (one step), before its
  // runs have reached the guest failure, so it could not show ReachedInstanceFailure.
  modes: ['exhaustive'],
  expect: { DataSurvivesReplacement: 'fails' },
});

export const amiReplacementEbsVolume = defineScenario({
  name: 'ami-replacement:ebs-volume',
  description: 'A failed instance replaced from its AMI, its data on an EBS volume reattached to the replacement (DataSurvivesReplacement holds)',
  model: amiReplacementEbsVolumeModel,
  modes: ['exhaustive', 'random'],
  random: { runs: 300, steps: 20 },
});
