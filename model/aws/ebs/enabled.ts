/**
 * What ebs enables in a world (its `actions`, in a fixed order: per volume, then restores,
 * then the snapshot completion or the scheduled snapshot) and whether its timers run.
 */
import { azEbsOk, azUp } from '../az/index.js';
import type { World } from '../../compose/component.js';
import { EC2, isHealthy, type Ec2State } from '../ec2/index.js';
import { SNAPSHOT_COMPLETED, type EbsAction } from './actions.js';
import type { EbsConfig } from './options.js';
import { atRisk } from './reads.js';
import { EBS, type EbsState } from './state.js';

/** Pushes every action ebs enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function ebsActions(c: EbsConfig, world: World, out: EbsAction[]): void {
  const s = world[EBS] as EbsState;
  const ins = (world[EC2] as Ec2State).instances;
  const slots = c.slots;
  const count = c.count;
  const A = c.A;
  const n = Math.min(slots, ins.length);
  const vs = s.volumes;
  let free = 0;
  for (let v = 0; v < count; v++) {
    const x = vs[v];
    if (x.state === 'none') {
      free++;
      continue;
    }
    if (x.state === 'failed') continue;
    // A zone down, or its EBS stuck (a gray failure): no I/O, no attach, detach or snapshot there.
    const up = azUp(world, x.az) && azEbsOk(world, x.az);
    const data = x.kind !== 'root';
    if (x.state === 'available') {
      if (c.opAttach && up) {
        for (let i = 0; i < n; i++) {
          const y = ins[i];
          if (y.az === x.az && (y.state === 'running' || y.state === 'stopped')) out.push(A.attach[v * slots + i]);
        }
      }
      if (c.opDelete) out.push(A.del[v]);
    } else {
      if (c.opDetach && up && x.kind === 'data') out.push(A.detach[v]);
      if (c.opWrite && data && up && x.io && s.acked < c.maxWrites && isHealthy(world, x.instance)) out.push(A.write[v]);
    }
    if (!data) continue;
    if (c.opSnap && up && s.pending < 0) out.push(A.snap[v]);
    if (c.opIo && up && !x.io) out.push(A.io[v]);
    if (c.fFail) out.push(A.fail[v]);
    if (c.fIo && up && x.io) out.push(A.ioOff[v]);
  }
  if (c.opRestore && s.snapshot >= 0) {
    // Keep enough free slots for the launch volumes of every free instance slot.
    let needed = 0;
    for (let i = 0; i < n; i++) if (ins[i].state === 'none' || ins[i].state === 'terminated') needed += c.perInstance;
    if (free > needed) for (let z = 0; z < c.azs; z++) if (azUp(world, z) && azEbsOk(world, z)) out.push(A.restore[z]);
  }
  if (s.pending >= 0) out.push(SNAPSHOT_COMPLETED);
  else if (c.policyTicks > 0 && s.policyTimer === 0) {
    let best = -1;
    for (let v = 0; v < count; v++) {
      const x = vs[v];
      if ((x.state === 'available' || x.state === 'attached') && x.kind !== 'root' && azUp(world, x.az) && azEbsOk(world, x.az) && (best < 0 || x.version > vs[best].version)) best = v;
    }
    if (best >= 0) out.push(A.scheduled[best]);
  }
}

/** A timer runs: the snapshot policy's, the RPO countdown, or the pending snapshot's RPO margin. */
export function ebsTicking(c: EbsConfig, s: EbsState, world: World): boolean {
  return s.policyTimer > 0 || (atRisk(s) && s.rpoLeft >= 0) || (s.pending >= 0 && s.pendingLeft >= 0);
}
