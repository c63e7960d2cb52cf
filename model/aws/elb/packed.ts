/**
 * The elb component on the composed world's code (model/compose/packed.ts): `elbActions`,
 * `reduceElb` and `elbTicking` on ec2's, az's and its own fields, and `elbHealthy` on codes
 * (asg's ELB health check).
 */
import type { PackedComponent, PackedLayout, PackedReducer } from '../../compose/component.js';
import { reducerOf, registerPackedRead } from '../../compose/packed.js';
import type { Action } from '../../core/model.js';
import { azPackedReads } from '../az/index.js';
import { ec2PackedReads } from '../ec2/index.js';
import type { ElbConfig } from './options.js';
import { elbHealthy, evaluateTargetHealth, servesHealthyTarget } from './reads.js';
import { ELB, TARGET_STATES } from './state.js';

const [UNUSED, INITIAL, HEALTHY, UNHEALTHY, DRAINING, LAUNCHING] = TARGET_STATES.map((_, i) => i);

registerPackedRead(elbHealthy, (layout) => {
  if (!layout.has(ELB)) return undefined;
  const targets = layout.length(`${ELB}.targets`);
  const state = layout.field(`${ELB}.targets[].state`);
  return (code, off, i) => {
    // The object read fails on a slot past the targets; so does this one (never a made-up answer).
    if (!(i >= 0 && i < targets)) throw new Error(`elbHealthy: the load balancer has no target ${i}`);
    return state.get(code, off, i) !== UNHEALTHY;
  };
});

/**
 * The load balancer's routing on codes, for Route 53's alias record: `evaluateTargetHealth` and
 * `servesHealthyTarget` (elb/reads.ts, line for line), or undefined without an elb slice, ec2's
 * slots or zones to read (a Region: see azPackedReads), or more targets than ec2 has slots.
 */
function routingReads(layout: PackedLayout): { readonly targetHealth: (code: Uint32Array, off: number) => boolean; readonly servesHealthy: (code: Uint32Array, off: number) => boolean } | undefined {
  const ec2 = ec2PackedReads(layout);
  const zone = azPackedReads(layout);
  if (ec2 === undefined || zone === undefined || !layout.has(ELB)) return undefined;
  const targets = layout.length(`${ELB}.targets`);
  if (targets > ec2.slots) return undefined;
  const nodes = layout.length(`${ELB}.nodeUp`);
  const stateF = layout.field(`${ELB}.targets[].state`);
  const nodeF = layout.field(`${ELB}.nodeUp[]`);
  const crossZoneF = layout.field(`${ELB}.crossZone`);
  const nodeUp = (code: Uint32Array, off: number, z: number): boolean => nodeF.get(code, off, z) === 1 && zone.up(code, off, z);
  const inScope = (code: Uint32Array, off: number, i: number, z: number): boolean => crossZoneF.get(code, off) === 1 || ec2.az.get(code, off, i) === z;
  const healthyInScope = (code: Uint32Array, off: number, z: number): boolean => {
    for (let i = 0; i < targets; i++) if (stateF.get(code, off, i) === HEALTHY && inScope(code, off, i, z)) return true;
    return false;
  };
  const someNodeHealthy = (code: Uint32Array, off: number): boolean => {
    for (let z = 0; z < nodes; z++) if (nodeUp(code, off, z) && healthyInScope(code, off, z)) return true;
    return false;
  };
  const nodeRoutes = (code: Uint32Array, off: number, z: number, i: number, anyHealthy: boolean): boolean => {
    const st = stateF.get(code, off, i);
    if ((st !== HEALTHY && st !== UNHEALTHY) || !nodeUp(code, off, z) || !inScope(code, off, i, z)) return false;
    if (healthyInScope(code, off, z)) return st === HEALTHY;
    return !anyHealthy; // fail open
  };
  return {
    targetHealth: someNodeHealthy,
    servesHealthy(code, off) {
      const anyHealthy = someNodeHealthy(code, off);
      for (let i = 0; i < targets; i++) {
        let routed = false;
        for (let z = 0; z < nodes && !routed; z++) routed = nodeRoutes(code, off, z, i, anyHealthy);
        // `servesRequests`: really healthy, and reachable from the load balancer.
        if (routed && ec2.isHealthy(code, off, i) && zone.lbReaches(code, off, ec2.az.get(code, off, i))) return true;
      }
      return false;
    },
  };
}
registerPackedRead(evaluateTargetHealth, (layout) => routingReads(layout)?.targetHealth);
registerPackedRead(servesHealthyTarget, (layout) => routingReads(layout)?.servesHealthy);

/**
 * elb's packed form, or undefined where it has none: a probe of the caller's own (a deep health
 * check's included), or more targets than ec2 has slots (the object functions report that).
 */
export function packedElb(c: ElbConfig, layout: PackedLayout): PackedComponent | undefined {
  const ec2 = ec2PackedReads(layout);
  const zone = azPackedReads(layout);
  if (ec2 === undefined || zone === undefined) return undefined;
  const { slots, azs, A, intervalTicks, U, H, opRegister, opDeregister, fNode } = c;
  if (slots > ec2.slots) return undefined;
  const probe = layout.read(c.probe);
  if (probe === undefined) return undefined;
  const stateF = layout.field(`${ELB}.targets[].state`);
  const runF = layout.field(`${ELB}.targets[].run`);
  const timerF = layout.field(`${ELB}.targets[].timer`);
  const nodeF = layout.field(`${ELB}.nodeUp[]`);
  const leftState = c.left.state === 'draining' ? DRAINING : UNUSED;
  const leftTimer = c.left.timer;

  // Table: per kind, one block of targets (register, deregister, check, drained), then the nodes'.
  const table: Action[] = [...A.register, ...A.deregister, ...A.check, ...A.drained, ...A.nodeFail, ...A.nodeBack];
  const REGISTER = 0, DEREGISTER = slots, CHECK = 2 * slots, DRAINED = 3 * slots, NODE_FAIL = 4 * slots, NODE_BACK = 4 * slots + azs;

  const reaches = (code: Uint32Array, off: number, i: number): boolean => zone.lbReaches(code, off, ec2.az.get(code, off, i));
  const nodeUp = (code: Uint32Array, off: number, z: number): boolean => nodeF.get(code, off, z) === 1 && zone.up(code, off, z);
  const put = (out: Uint32Array, o: number, i: number, st: number, run: number, timer: number): void => {
    stateF.set(out, o, i, st);
    runF.set(out, o, i, run);
    timerF.set(out, o, i, timer);
  };
  const slotOf = (a: Action): number => (a as unknown as { readonly instance: number }).instance;
  const deregister: PackedReducer = (a, code, off, out, o) => {
    const i = slotOf(a);
    if (i >= slots) return;
    const st = stateF.get(code, off, i);
    if (st === INITIAL || st === HEALTHY || st === UNHEALTHY) put(out, o, i, leftState, 0, leftTimer);
  };
  const forget: PackedReducer = (a, _code, _off, out, o) => {
    const i = slotOf(a);
    if (i < slots) put(out, o, i, UNUSED, 0, 0);
  };
  const reducers: Record<string, PackedReducer> = {
    RegisterTarget: (a, _code, _off, out, o) => {
      const i = slotOf(a);
      if (i < slots) put(out, o, i, INITIAL, 0, 0);
    },
    AsgLaunch: (a, _code, _off, out, o) => {
      const i = slotOf(a);
      if (i < slots) put(out, o, i, LAUNCHING, 0, 0);
    },
    InstanceRunning: (a, code, off, out, o) => {
      const i = slotOf(a);
      if (i < slots && stateF.get(code, off, i) === LAUNCHING) put(out, o, i, INITIAL, 0, 0);
    },
    DeregisterTarget: deregister,
    AsgTerminate: deregister,
    TargetHealthCheck: (a, code, off, out, o) => {
      // `afterCheck`: the view after one check, the next an interval away.
      const i = slotOf(a);
      if (i >= slots) return;
      const ok = probe(code, off, i) && reaches(code, off, i);
      const st = stateF.get(code, off, i);
      const run = runF.get(code, off, i);
      if (st === INITIAL || st === HEALTHY) {
        if (ok) put(out, o, i, HEALTHY, 0, intervalTicks);
        else if (run + 1 >= U) put(out, o, i, UNHEALTHY, 0, intervalTicks);
        else put(out, o, i, st, run + 1, intervalTicks);
      } else if (st === UNHEALTHY) {
        if (!ok) put(out, o, i, UNHEALTHY, 0, intervalTicks);
        else if (run + 1 >= H) put(out, o, i, HEALTHY, 0, intervalTicks);
        else put(out, o, i, UNHEALTHY, run + 1, intervalTicks);
      }
    },
    TargetDrained: forget,
    InstanceTerminated: forget,
    LbNodeFailure: (a, _code, _off, out, o) => nodeF.set(out, o, (a as unknown as { readonly az: number }).az, 0),
    LbNodeReplaced: (a, _code, _off, out, o) => nodeF.set(out, o, (a as unknown as { readonly az: number }).az, 1),
    Tick: (_a, code, off, out, o) => {
      for (let i = 0; i < slots; i++) {
        const t = timerF.get(code, off, i);
        if (t > 0) timerF.set(out, o, i, t - 1);
      }
    },
  };

  return {
    table,
    actions(code, off, out, n, base) {
      let checking = false;
      for (let z = 0; z < azs; z++) {
        if (nodeUp(code, off, z)) {
          checking = true;
          break;
        }
      }
      for (let i = 0; i < slots; i++) {
        const st = stateF.get(code, off, i);
        if (st === UNUSED) {
          if (opRegister && ec2.isRunning(code, off, i)) out[n++] = base + REGISTER + i;
        } else if (st === INITIAL || st === HEALTHY || st === UNHEALTHY) {
          if (checking && timerF.get(code, off, i) === 0) {
            // A check that agrees with the view and ends no run changes nothing: not an action.
            const ok = probe(code, off, i) && reaches(code, off, i);
            if (st === INITIAL || runF.get(code, off, i) > 0 || ok !== (st === HEALTHY)) out[n++] = base + CHECK + i;
          }
          if (opDeregister) out[n++] = base + DEREGISTER + i;
        } else if (st === DRAINING) {
          if (timerF.get(code, off, i) === 0) out[n++] = base + DRAINED + i;
        }
      }
      for (let z = 0; z < azs; z++) {
        if (!zone.up(code, off, z)) continue;
        if (nodeF.get(code, off, z) === 1) {
          if (fNode) out[n++] = base + NODE_FAIL + z;
        } else out[n++] = base + NODE_BACK + z;
      }
      return n;
    },
    reducer: reducerOf('elb', reducers),
    ticking(code, off) {
      for (let i = 0; i < slots; i++) if (timerF.get(code, off, i) > 0) return true;
      return false;
    },
  };
}
