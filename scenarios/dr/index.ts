/**
 * Disaster recovery across Regions (issue 15): designs with a primary and a standby Region,
 * each with the RPO and RTO verdicts it must get.
 */
import type { Scenario } from '../../engine/scenario.js';
import { drPilotLight, drRecordEditInFailedRegion, drRecordEditInStandbyRegion, drTtlTooLong } from './pilot-light.js';

export const drScenarios: readonly Scenario[] = [
  drPilotLight,
  drTtlTooLong,
  drRecordEditInFailedRegion,
  drRecordEditInStandbyRegion,
] as readonly Scenario[];
