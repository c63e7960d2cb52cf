/** The fleet scenarios (instances, Auto Scaling, load balancing, EBS, Elastic IPs), in the order issue 4 lists them. */
import type { Scenario } from '../../engine/scenario.js';
import { amiReplacementEbsVolume, amiReplacementInstanceStore } from './ami-replacement.js';
import { asgCapacityNoReservation, asgCapacityReserved } from './asg-capacity.js';
import { asgElbGraceZero } from './asg-elb-grace-zero.js';
import { asgHealthCheckEc2, asgHealthCheckElb } from './asg-health-check.js';
import { asgNPlusOne } from './asg-n-plus-1.js';
import { asgSingleAz } from './asg-single-az.js';
import { dependencyCascadeDeep, dependencyCascadeShallow } from './dependency-cascade.js';
import { ebsDeleteOnTerminationKeptVolume, ebsDeleteOnTerminationRootVolume } from './ebs-delete-on-termination.js';
import { eipStandbyAzOutage, eipStandbyInstanceFailure } from './eip-standby-failover.js';
import { grayAzEbsStuckBalancedOnly, grayAzEbsStuckEc2, grayAzEbsStuckElb } from './gray-az-ebs-stuck.js';
import { grayAzElbUnreachableElb, grayAzElbUnreachableEc2 } from './gray-az-elb-unreachable.js';
import { instanceRotationLaunchFirst, instanceRotationTerminateFirst } from './instance-rotation.js';
import { multiAzWeb } from './multi-az-web.js';
import { staticStabilityLaunchOnDemand, staticStabilityPreProvisioned } from './static-stability-asg.js';
import {
  staticStabilityDnsFailoverRecords, staticStabilityDnsRecordEdit, staticStabilityEipRemap, staticStabilityLbStandby,
} from './static-stability-standby.js';

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
  asgElbGraceZero,
  instanceRotationLaunchFirst,
  instanceRotationTerminateFirst,
  ebsDeleteOnTerminationRootVolume,
  ebsDeleteOnTerminationKeptVolume,
  multiAzWeb,
  grayAzElbUnreachableEc2,
  grayAzElbUnreachableElb,
  grayAzEbsStuckEc2,
  grayAzEbsStuckElb,
  grayAzEbsStuckBalancedOnly,
  staticStabilityLaunchOnDemand,
  staticStabilityPreProvisioned,
  staticStabilityEipRemap,
  staticStabilityLbStandby,
  staticStabilityDnsRecordEdit,
  staticStabilityDnsFailoverRecords,
  dependencyCascadeDeep,
  dependencyCascadeShallow,
] as readonly Scenario[];
