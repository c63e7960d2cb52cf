/**
 * Disaster recovery across Regions (issue 15): designs with a primary and a standby Region,
 * each with the RPO and RTO verdicts it must get: pilot light (and its anti-patterns), backup
 * and restore, warm standby, active/active.
 */
import type { Scenario } from '../../engine/scenario.js';
import { drPilotLight, drRecordEditInFailedRegion, drRecordEditInStandbyRegion, drTtlTooLong } from './pilot-light.js';
import { drBackupInFailedRegion, drBackupRestore } from './backup-restore.js';
import { drWarmStandby } from './warm-standby.js';
import { drActiveActive } from './active-active.js';

export const drScenarios: readonly Scenario[] = [
  drPilotLight,
  drTtlTooLong,
  drRecordEditInFailedRegion,
  drRecordEditInStandbyRegion,
  drBackupRestore,
  drBackupInFailedRegion,
  drWarmStandby,
  drActiveActive,
] as readonly Scenario[];
