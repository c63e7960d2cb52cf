/**
 * Conditions shared by the rds reducer (the `Tick` flush, the restores) and its enabling
 * code: what RDS does without delay once due, and where a restore goes.
 */
import { azUp } from '../az/index.js';
import type { World } from '../../compose/component.js';
import type { RdsConfig } from './options.js';
import { endpointNode } from './reads.js';
import type { RdsState } from './state.js';

/** The zone a restored instance is created in: the lowest up zone, or -1 when none is up. */
export function restoreAz(c: RdsConfig, world: World): number {
  for (let z = 0; z < c.azs; z++) if (azUp(world, z)) return z;
  return -1;
}
/** The endpoint's failed instance can come back on its storage: its recovery time is over and its zone is up. */
export function canRecover(s: RdsState, world: World): boolean {
  const n = endpointNode(s);
  return s.phase === 'down' && s.timer === 0 && n.state === 'failed' && azUp(world, n.az);
}
/** Multi-AZ, serving from the primary: a failed standby can be replaced in its (up) zone. */
export function canReplaceStandby(c: RdsConfig, s: RdsState, world: World): boolean {
  return c.multiAz && s.endpoint === 'primary' && s.phase === 'available' && s.standby.state === 'failed' && azUp(world, s.standby.az);
}
