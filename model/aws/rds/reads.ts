/**
 * Reads of the rds slice for properties. Re-exported by `index.ts` (import from there).
 */
import { azUp } from '../az/index.js';
import type { World } from '../../compose/component.js';
import { RDS, type RdsNode, type RdsState } from './state.js';

/** The rds slice of `world`. */
export function rdsSlice(world: World): RdsState {
  return world[RDS] as RdsState;
}
/** The node the endpoint points to. */
export function endpointNode(s: RdsState): RdsNode {
  return s.endpoint === 'primary' ? s.primary : s.endpoint === 'replica' ? s.replica : s.restored;
}
/** NoAckedWriteLost: every acknowledged write is on the node the endpoint points to. */
export function noAckedWriteLost(s: RdsState): boolean {
  for (const w of s.writes) if (w === 'lost') return false;
  return true;
}
/** RecoveryPointBounded: whatever was lost is within the restore granularity (the log-shipping interval). */
export function recoveryPointBounded(s: RdsState): boolean {
  return s.loss !== 'beyondGranularity';
}
/** Acknowledged writes so far (lost ones included). */
export function ackedWrites(s: RdsState): number {
  let n = 0;
  for (const w of s.writes) if (w !== 'unsent') n++;
  return n;
}
/** The database accepts writes: available, its endpoint node up and in an up zone. */
export function dbAvailable(s: RdsState, world: World): boolean {
  const n = endpointNode(s);
  return s.phase === 'available' && n.state === 'up' && azUp(world, n.az);
}
