/**
 * Reads of the ebs slice for other components, properties and scenarios (all take the whole
 * world). Re-exported by `index.ts` (import from there), except `bestVolume` and `atRisk`,
 * which the component's reducer and enabling code share.
 */
import { azEbsOk, azUp } from '../az/index.js';
import type { World } from '../../compose/component.js';
import { isHealthy } from '../ec2/index.js';
import { EBS, type EbsState, type Volume, type VolumeKind } from './state.js';

/** The ebs slice of `world`. */
export function ebsSlice(world: World): EbsState {
  return world[EBS] as EbsState;
}
/** The instance volume `v` is attached to (failed ones included), or -1. */
export function volumeInstance(world: World, v: number): number {
  const x = (world[EBS] as EbsState).volumes[v];
  return x.state === 'attached' || x.state === 'failed' ? x.instance : -1;
}
/** Volume `v` exists, has not failed, its zone is up, its zone's EBS is not stuck (az's `AzEbsStuck`) and its I/O is enabled. */
export function volumeUsable(world: World, v: number): boolean {
  const x = (world[EBS] as EbsState).volumes[v];
  return (x.state === 'available' || x.state === 'attached') && x.io && azUp(world, x.az) && azEbsOk(world, x.az);
}
/** The first volume of `kind` attached to instance `i`, or -1. */
export function volumeOf(world: World, i: number, kind: VolumeKind): number {
  const vs = (world[EBS] as EbsState).volumes;
  for (let v = 0; v < vs.length; v++) if (vs[v].kind === kind && vs[v].state !== 'none' && volumeInstance(world, v) === i) return v;
  return -1;
}
/** Writes acknowledged to clients. */
export function ackedWrites(world: World): number {
  return (world[EBS] as EbsState).acked;
}
/** Acknowledged writes missing from the best completed snapshot: what a restore now would lose (INV-EBS-2). */
export function writesAtRisk(world: World): number {
  const s = world[EBS] as EbsState;
  return s.snapshot >= s.acked ? 0 : s.acked - Math.max(0, s.snapshot);
}
/** The most writes an existing (not failed) volume holds. */
export function bestVolume(volumes: readonly Volume[]): number {
  let best = 0;
  for (let v = 0; v < volumes.length; v++) {
    const x = volumes[v];
    if ((x.state === 'available' || x.state === 'attached') && x.version > best) best = x.version;
  }
  return best;
}
/** Some acknowledged write is missing from the best completed snapshot (the slice's RPO clock runs). */
export function atRisk(s: EbsState): boolean {
  return s.acked > 0 && s.acked > s.snapshot;
}
/** NoAckedWriteLost: every acknowledged write still exists, on a volume or in a completed snapshot. */
export function noAckedWriteLost(world: World): boolean {
  return !(world[EBS] as EbsState).lost;
}
/** DataSurvivesReplacement: nothing lost, and some volume (not only a snapshot) still holds every acknowledged write. */
export function dataSurvivesReplacement(world: World): boolean {
  const s = world[EBS] as EbsState;
  return !s.lost && bestVolume(s.volumes) >= s.acked;
}
/** RecoveryPointBounded: no acknowledged write older than `rpoSeconds` is missing from the completed snapshots. */
export function recoveryPointBounded(world: World): boolean {
  const s = world[EBS] as EbsState;
  return s.snapshot >= s.acked || s.rpoLeft >= 0;
}
/** The dataset is served: a usable volume holding every acknowledged write is attached to a healthy instance. */
export function dataServed(world: World): boolean {
  const s = world[EBS] as EbsState;
  if (s.lost) return false;
  for (let v = 0; v < s.volumes.length; v++) {
    const x = s.volumes[v];
    if (x.state === 'attached' && x.kind !== 'root' && x.version >= s.acked && volumeUsable(world, v) && isHealthy(world, x.instance)) return true;
  }
  return false;
}
/** The pool had a free slot for every launch (false: the scenario must give ebs more `spareVolumes`). */
export function ebsWithinBounds(world: World): boolean {
  return !(world[EBS] as EbsState).overflow;
}
