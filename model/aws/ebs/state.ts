/**
 * The ebs slice: its key in the world, its schema, its types and the single factories of its
 * records (every volume and every slice the reducers build comes from `volume` / `ebsState`,
 * so all of them share one shape).
 */
import { t, type Infer } from '../../core/schema.js';

/** The ebs component's name: its slice is `world.ebs`. */
export const EBS = 'ebs';

/** `failed`: lost, still attached until its instance terminates. */
export const VOLUME_STATES = ['none', 'available', 'attached', 'failed'] as const;
/** A volume slot's state (see `VOLUME_STATES`). */
export type VolumeState = (typeof VOLUME_STATES)[number];
/** `root`: a root volume without the application's data; `root-data`: a root volume holding it; `data`: a data volume. */
export const VOLUME_KINDS = ['root', 'root-data', 'data'] as const;
/** What a volume holds (see `VOLUME_KINDS`). */
export type VolumeKind = (typeof VOLUME_KINDS)[number];

/** The schema of one volume slot: state, kind, zone, the instance it is attached to, DeleteOnTermination (`dot`), I/O enabled, and `version` (the acknowledged writes it holds). */
export function volumeSchema(azs: number, slots: number, maxWrites: number) {
  return t.record('Volume', {
    state: t.enumOf(VOLUME_STATES),
    kind: t.enumOf(VOLUME_KINDS),
    az: t.int(0, azs - 1),
    instance: t.int(0, slots - 1),
    dot: t.bool(),
    io: t.bool(),
    version: t.int(0, maxWrites),
  });
}
/** One volume slot (see `volumeSchema`). */
export type Volume = Infer<ReturnType<typeof volumeSchema>>;
/** The schema of the ebs slice (see `EbsState`). */
export function ebsSchema(count: number, azs: number, slots: number, maxWrites: number, rpoTicks: number, policyTicks: number) {
  return t.record('EbsState', {
    volumes: t.array(volumeSchema(azs, slots, maxWrites), count),
    acked: t.int(0, maxWrites),
    lost: t.bool(),
    snapshot: t.int(-1, maxWrites),
    pending: t.int(-1, maxWrites),
    pendingLeft: t.int(-1, rpoTicks),
    rpoLeft: t.int(-1, rpoTicks),
    policyTimer: t.int(0, policyTicks),
    overflow: t.bool(),
  });
}
/**
 * The ebs slice: `snapshot`/`pending` are the writes in the best completed / the pending
 * snapshot (-1: none); `pendingLeft` is the RPO margin a fresh pending snapshot would give;
 * `overflow`: a launch found no free volume slot (the pool is too small for the scenario).
 */
export type EbsState = Infer<ReturnType<typeof ebsSchema>>;

/** The single factory of volume records. */
export function volume(state: VolumeState, kind: VolumeKind, az: number, instance: number, dot: boolean, io: boolean, version: number): Volume {
  return { state, kind, az, instance, dot, io, version };
}
/** The single factory of ebs slices. */
export function ebsState(
  volumes: readonly Volume[], acked: number, lost: boolean, snapshot: number, pending: number,
  pendingLeft: number, rpoLeft: number, policyTimer: number, overflow: boolean,
): EbsState {
  return { volumes, acked, lost, snapshot, pending, pendingLeft, rpoLeft, policyTimer, overflow };
}
