// Compositions the property tests share.
import { az } from '../../model/aws/az/index.js';
import { ebs, type EbsOptions } from '../../model/aws/ebs/index.js';
import { ec2 } from '../../model/aws/ec2/index.js';
import { compose } from '../../model/compose/compose.js';

/** Instance 0 (zone 0) with data volume 0 attached, instance 1 (zone 0) as a standby; hourly ticks. */
export function disks(o: EbsOptions = {}) {
  return compose([
    az(),
    ec2({ slots: 3, initial: [0, 0, 1], tickSeconds: 3_600, autoRecovery: false, ops: ['TerminateInstance'] }),
    ebs({
      slots: 3, initial: [0, 0, 1], tickSeconds: 3_600, rootVolume: false, volumes: [{ az: 0, attachedTo: 0 }], maxWrites: 2,
      ops: ['WriteData', 'DetachVolume', 'AttachVolume', 'CreateSnapshot', 'RestoreVolume'], ...o,
    }),
  ]);
}
