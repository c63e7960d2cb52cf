/** The fleet scenarios (instances, Auto Scaling, load balancing, EBS, Elastic IPs), in the order issue 4 lists them. */
import type { Scenario } from '../../engine/scenario.js';
import { amiReplacementEbsVolume, amiReplacementInstanceStore } from './ami-replacement.js';
import { asgCapacityNoReservation, asgCapacityReserved } from './asg-capacity.js';
import { asgHealthCheckEc2, asgHealthCheckElb } from './asg-health-check.js';
import { asgNPlusOne } from './asg-n-plus-1.js';
import { asgSingleAz } from './asg-single-az.js';
import { ebsDeleteOnTerminationKeptVolume, ebsDeleteOnTerminationRootVolume } from './ebs-delete-on-termination.js';
import { eipStandbyAzOutage, eipStandbyInstanceFailure } from './eip-standby-failover.js';
import { instanceRotationLaunchFirst, instanceRotationTerminateFirst } from './instance-rotation.js';
import { multiAzWeb } from './multi-az-web.js';

export const fleetScenarios: readonly Scenario[] = [
  amiReplacementInstanceStore,
  amiReplacementEbsVolume,
  eipStandbyInstanceFailure,
  eipStandbyAzOutage,
  asgNPlusOne,
  asgSingleAz,
  asgCapacityNoReservation,
  asgCapacityReserved,
  asgHealthCheckEc2,
  asgHealthCheckElb,
  instanceRotationLaunchFirst,
  instanceRotationTerminateFirst,
  ebsDeleteOnTerminationRootVolume,
  ebsDeleteOnTerminationKeptVolume,
  multiAzWeb,
] as readonly Scenario[];
