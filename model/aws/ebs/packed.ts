/**
 * The ebs component on the composed world's code (model/compose/packed.ts): `ebsActions`,
 * `reduceEbs` and `ebsTicking`, line for line, on its volumes and counters, ec2's instances and
 * az's zones.
 *
 * A reducer writes only the fields the object reducer changes (`out` holds a copy of the world
 * before) and, where the object one goes through `withVolumes`, recomputes `lost` from the
 * volumes it wrote. A launch fills the lowest free slots of the draft, as `withLaunchVolumes`.
 */
import type { PackedComponent, PackedLayout, PackedReducer } from '../../compose/component.js';
import { reducerOf } from '../../compose/packed.js';
import type { Action } from '../../core/model.js';
import { azPackedReads } from '../az/index.js';
import { ec2PackedReads, NONE as NO_INSTANCE, RUNNING, STOPPED, TERMINATED } from '../ec2/index.js';
import { SNAPSHOT_COMPLETED } from './actions.js';
import type { EbsConfig } from './options.js';
import { EBS, VOLUME_KINDS, VOLUME_STATES } from './state.js';

const [NONE, AVAILABLE, ATTACHED, FAILED] = VOLUME_STATES.map((_, i) => i);
const [ROOT, , DATA] = VOLUME_KINDS.map((_, i) => i);

/**
 * ebs's packed form, or undefined where it has none: a world without ec2 or with a Region (az's
 * reads have no packed form there), or initial instances past ec2's slots (a volume attached to
 * an instance ec2 does not have: the object functions fail on it). A launch into a zone past
 * ebs's `azs` throws, as the object successor fails its schema (the layout does not say how
 * many zones ec2 or asg launch into, so it cannot be refused here).
 */
export function packedEbs(c: EbsConfig, layout: PackedLayout): PackedComponent | undefined {
  const ec2 = ec2PackedReads(layout);
  const zone = azPackedReads(layout);
  if (ec2 === undefined || zone === undefined || c.initial.length > ec2.slots) return undefined;
  const { slots, azs, count, perInstance, rootVolume, maxWrites, rpoTicks, policyTicks, A } = c;
  const { opAttach, opDetach, opWrite, opSnap, opDelete, opIo, opRestore, fFail, fIo } = c;
  // The instance slots ebs looks at: `Math.min(slots, ins.length)`.
  const reach = Math.min(slots, ec2.slots);
  const rootKind = VOLUME_KINDS.indexOf(c.rootKind);
  const rootDot = c.rootDot ? 1 : 0;
  const launchDataDot = c.launchDataDot ? 1 : 0;

  const stateF = layout.field(`${EBS}.volumes[].state`);
  const kindF = layout.field(`${EBS}.volumes[].kind`);
  const azF = layout.field(`${EBS}.volumes[].az`);
  const instanceF = layout.field(`${EBS}.volumes[].instance`);
  const dotF = layout.field(`${EBS}.volumes[].dot`);
  const ioF = layout.field(`${EBS}.volumes[].io`);
  const versionF = layout.field(`${EBS}.volumes[].version`);
  const ackedF = layout.field(`${EBS}.acked`);
  const lostF = layout.field(`${EBS}.lost`);
  const snapshotF = layout.field(`${EBS}.snapshot`);
  const pendingF = layout.field(`${EBS}.pending`);
  const pendingLeftF = layout.field(`${EBS}.pendingLeft`);
  const rpoLeftF = layout.field(`${EBS}.rpoLeft`);
  const policyTimerF = layout.field(`${EBS}.policyTimer`);
  const overflowF = layout.field(`${EBS}.overflow`);

  // Table: per kind, one block of volumes, then the (volume, slot) pairs at `v * slots + i`, the
  // restores per zone, and the snapshot completion.
  const table: Action[] = [...A.detach, ...A.write, ...A.snap, ...A.del, ...A.io, ...A.fail, ...A.ioOff, ...A.scheduled, ...A.attach, ...A.restore, SNAPSHOT_COMPLETED];
  const [DETACH, WRITE, SNAP, DELETE, IO, FAIL, IO_OFF, SCHEDULED] = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => k * count);
  const ATTACH = 8 * count, RESTORE = ATTACH + count * slots, COMPLETED = RESTORE + azs;

  /** I/O, attach, detach and snapshots work in zone `z`: up, its EBS not stuck. */
  const usable = (code: Uint32Array, off: number, z: number): boolean => zone.up(code, off, z) && zone.ebsOk(code, off, z);
  /** Writes volume slot `v` whole (`volume(...)`). */
  const setVolume = (out: Uint32Array, o: number, v: number, state: number, kind: number, z: number, instance: number, dot: number, io: number, version: number): void => {
    stateF.set(out, o, v, state);
    kindF.set(out, o, v, kind);
    azF.set(out, o, v, z);
    instanceF.set(out, o, v, instance);
    dotF.set(out, o, v, dot);
    ioF.set(out, o, v, io);
    versionF.set(out, o, v, version);
  };
  /** `c.none`: the empty slot. */
  const clear = (out: Uint32Array, o: number, v: number): void => setVolume(out, o, v, NONE, ROOT, 0, 0, 0, 1, 0);
  /** The lowest free slot of the volumes in `buf`, or -1. */
  const freeSlot = (buf: Uint32Array, o: number): number => {
    for (let v = 0; v < count; v++) if (stateF.get(buf, o, v) === NONE) return v;
    return -1;
  };
  /**
   * `withVolumes` after the volumes were written to `out`: `lost` is set if an acknowledged
   * write no longer exists on a volume (`bestVolume`) nor in the best completed snapshot.
   */
  const recomputeLost = (code: Uint32Array, off: number, out: Uint32Array, o: number): void => {
    if (lostF.get(code, off) === 1) return;
    let best = 0;
    for (let v = 0; v < count; v++) {
      const st = stateF.get(out, o, v);
      if (st === AVAILABLE || st === ATTACHED) {
        const version = versionF.get(out, o, v);
        if (version > best) best = version;
      }
    }
    if (Math.max(best, snapshotF.get(code, off)) < ackedF.get(code, off)) lostF.set(out, o, 1);
  };
  /** `snapshotStarted`: a stale copy (missing acknowledged writes) cannot improve the RPO. */
  const snapshotStarted = (code: Uint32Array, off: number, out: Uint32Array, o: number, v: number): void => {
    const version = versionF.get(code, off, v);
    pendingF.set(out, o, version);
    pendingLeftF.set(out, o, version >= ackedF.get(code, off) ? rpoTicks : -1);
  };
  /** `instanceLaunched`: the template's volumes, attached, in the lowest free slots. */
  const launched: PackedReducer = (a, code, off, out, o) => {
    const { instance: i, az: z } = a as unknown as { readonly instance: number; readonly az: number };
    if (perInstance === 0 || i >= slots) return;
    let fits = true;
    for (let k = 0; k < perInstance; k++) {
      const v = freeSlot(out, o);
      if (v < 0) {
        fits = false;
        break;
      }
      // The object successor would not fit the slice's schema (ec2 or asg launch into more zones than ebs has): stop, as the object run does.
      if (z < 0 || z >= azs) throw new Error(`ebs.volumes[${v}].az: ${z} is outside 0..${azs - 1} (a launch into a zone ebs does not have: give ebs azs: ${z + 1})`);
      if (k === 0 && rootVolume) setVolume(out, o, v, ATTACHED, rootKind, z, i, rootDot, 1, 0);
      else setVolume(out, o, v, ATTACHED, DATA, z, i, launchDataDot, 1, 0);
    }
    if (!fits) overflowF.set(out, o, 1);
    recomputeLost(code, off, out, o);
  };
  const volumeOf = (a: Action): number => (a as unknown as { readonly volume: number }).volume;
  const setIo = (io: number): PackedReducer => (a, code, off, out, o) => {
    ioF.set(out, o, volumeOf(a), io);
    recomputeLost(code, off, out, o);
  };

  const reducers: Record<string, PackedReducer> = {
    AttachVolume: (a, code, off, out, o) => {
      const v = volumeOf(a);
      stateF.set(out, o, v, ATTACHED);
      instanceF.set(out, o, v, (a as unknown as { readonly instance: number }).instance);
      dotF.set(out, o, v, 0);
      recomputeLost(code, off, out, o);
    },
    DetachVolume: (a, code, off, out, o) => {
      const v = volumeOf(a);
      stateF.set(out, o, v, AVAILABLE);
      instanceF.set(out, o, v, 0);
      dotF.set(out, o, v, 0);
      recomputeLost(code, off, out, o);
    },
    WriteData: (a, code, off, out, o) => {
      // Written on top of a copy that misses acknowledged writes: the dataset diverged, those are lost.
      const v = volumeOf(a);
      const acked = ackedF.get(code, off);
      versionF.set(out, o, v, acked + 1);
      ackedF.set(out, o, acked + 1);
      if (versionF.get(code, off, v) < acked) lostF.set(out, o, 1);
    },
    CreateSnapshot: (a, code, off, out, o) => snapshotStarted(code, off, out, o, volumeOf(a)),
    ScheduledSnapshot: (a, code, off, out, o) => {
      snapshotStarted(code, off, out, o, volumeOf(a));
      policyTimerF.set(out, o, policyTicks);
    },
    SnapshotCompleted: (_a, code, off, out, o) => {
      // The best snapshot is kept (retention keeps older ones): a stale copy's snapshot does not replace it.
      const snapshot = Math.max(snapshotF.get(code, off), pendingF.get(code, off));
      snapshotF.set(out, o, snapshot);
      pendingF.set(out, o, -1);
      pendingLeftF.set(out, o, rpoTicks);
      rpoLeftF.set(out, o, snapshot >= ackedF.get(code, off) ? rpoTicks : Math.max(rpoLeftF.get(code, off), pendingLeftF.get(code, off)));
    },
    DeleteVolume: (a, code, off, out, o) => {
      clear(out, o, volumeOf(a));
      recomputeLost(code, off, out, o);
    },
    EnableVolumeIo: setIo(1),
    VolumeIoDisabled: setIo(0),
    RestoreVolume: (a, code, off, out, o) => {
      const v = freeSlot(code, off);
      if (v < 0) return; // not enabled without a free slot
      setVolume(out, o, v, AVAILABLE, DATA, (a as unknown as { readonly az: number }).az, 0, 0, 1, Math.max(0, snapshotF.get(code, off)));
      recomputeLost(code, off, out, o);
    },
    VolumeFailure: (a, code, off, out, o) => {
      // An attached volume stays, failed, until its instance terminates; an available one is gone.
      const v = volumeOf(a);
      if (stateF.get(code, off, v) === ATTACHED) {
        stateF.set(out, o, v, FAILED);
        dotF.set(out, o, v, 0);
        ioF.set(out, o, v, 1);
        versionF.set(out, o, v, 0);
      } else clear(out, o, v);
      recomputeLost(code, off, out, o);
    },
    LaunchInstance: launched,
    AsgLaunch: launched,
    InstanceTerminated: (a, code, off, out, o) => {
      // Failed volumes and those marked DeleteOnTermination are gone; the others stay, detached.
      const i = (a as unknown as { readonly instance: number }).instance;
      let changed = false;
      for (let v = 0; v < count; v++) {
        const st = stateF.get(code, off, v);
        if ((st === ATTACHED || st === FAILED) && instanceF.get(code, off, v) === i) {
          changed = true;
          if (st === FAILED || dotF.get(code, off, v) === 1) clear(out, o, v);
          else {
            stateF.set(out, o, v, AVAILABLE);
            instanceF.set(out, o, v, 0);
            dotF.set(out, o, v, 0);
          }
        }
      }
      if (changed) recomputeLost(code, off, out, o);
    },
    Tick: (_a, code, off, out, o) => {
      const policyTimer = policyTimerF.get(code, off);
      if (policyTimer > 0) policyTimerF.set(out, o, policyTimer - 1);
      const acked = ackedF.get(code, off);
      const rpoLeft = rpoLeftF.get(code, off);
      if (acked > 0 && acked > snapshotF.get(code, off) && rpoLeft >= 0) rpoLeftF.set(out, o, rpoLeft - 1);
      const pendingLeft = pendingLeftF.get(code, off);
      if (pendingF.get(code, off) >= 0 && pendingLeft >= 0) pendingLeftF.set(out, o, pendingLeft - 1);
    },
  };

  return {
    table,
    actions(code, off, out, n, base) {
      const acked = ackedF.get(code, off);
      const pending = pendingF.get(code, off);
      let free = 0;
      for (let v = 0; v < count; v++) {
        const st = stateF.get(code, off, v);
        if (st === NONE) {
          free++;
          continue;
        }
        if (st === FAILED) continue;
        // A zone down, or its EBS stuck (a gray failure): no I/O, no attach, detach or snapshot there.
        const z = azF.get(code, off, v);
        const up = usable(code, off, z);
        const kind = kindF.get(code, off, v);
        const data = kind !== ROOT;
        const io = ioF.get(code, off, v) === 1;
        if (st === AVAILABLE) {
          if (opAttach && up) {
            for (let i = 0; i < reach; i++) {
              const y = ec2.state.get(code, off, i);
              if (ec2.az.get(code, off, i) === z && (y === RUNNING || y === STOPPED)) out[n++] = base + ATTACH + v * slots + i;
            }
          }
          if (opDelete) out[n++] = base + DELETE + v;
        } else {
          if (opDetach && up && kind === DATA) out[n++] = base + DETACH + v;
          if (opWrite && data && up && io && acked < maxWrites && ec2.isHealthy(code, off, instanceF.get(code, off, v))) out[n++] = base + WRITE + v;
        }
        if (!data) continue;
        if (opSnap && up && pending < 0) out[n++] = base + SNAP + v;
        if (opIo && up && !io) out[n++] = base + IO + v;
        if (fFail) out[n++] = base + FAIL + v;
        if (fIo && up && io) out[n++] = base + IO_OFF + v;
      }
      if (opRestore && snapshotF.get(code, off) >= 0) {
        // Keep enough free slots for the launch volumes of every free instance slot.
        let needed = 0;
        for (let i = 0; i < reach; i++) {
          const y = ec2.state.get(code, off, i);
          if (y === NO_INSTANCE || y === TERMINATED) needed += perInstance;
        }
        if (free > needed) for (let z = 0; z < azs; z++) if (usable(code, off, z)) out[n++] = base + RESTORE + z;
      }
      if (pending >= 0) out[n++] = base + COMPLETED;
      else if (policyTicks > 0 && policyTimerF.get(code, off) === 0) {
        // The policy snapshots the freshest data volume it can reach (the first of the freshest).
        let best = -1;
        let bestVersion = -1;
        for (let v = 0; v < count; v++) {
          const st = stateF.get(code, off, v);
          if ((st === AVAILABLE || st === ATTACHED) && kindF.get(code, off, v) !== ROOT && usable(code, off, azF.get(code, off, v))) {
            const version = versionF.get(code, off, v);
            if (best < 0 || version > bestVersion) {
              best = v;
              bestVersion = version;
            }
          }
        }
        if (best >= 0) out[n++] = base + SCHEDULED + best;
      }
      return n;
    },
    reducer: reducerOf('ebs', reducers),
    ticking(code, off) {
      if (policyTimerF.get(code, off) > 0) return true;
      const acked = ackedF.get(code, off);
      if (acked > 0 && acked > snapshotF.get(code, off) && rpoLeftF.get(code, off) >= 0) return true;
      return pendingF.get(code, off) >= 0 && pendingLeftF.get(code, off) >= 0;
    },
  };
}
