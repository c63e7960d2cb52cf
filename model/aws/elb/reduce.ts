/**
 * The elb reducer: each case returns the new slice, or `slice` itself when nothing changed.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { ElbSubscribed } from './actions.js';
import type { ElbConfig } from './options.js';
import { reachesTarget } from './reads.js';
import { elbState, target, type ElbState, type Target, type TargetState } from './state.js';

/** The slice after `a`; `world` is the world before it (a health check probes it). */
export function reduceElb(c: ElbConfig, slice: ElbState, a: ElbSubscribed, world: World): ElbState {
  switch (a.type) {
    case 'RegisterTarget':
      return put(c, slice, a.instance, c.INITIAL);
    case 'AsgLaunch':
      return put(c, slice, a.instance, c.LAUNCHING);
    case 'InstanceRunning':
      return inService(c, slice, a.instance);
    case 'DeregisterTarget':
    case 'AsgTerminate':
      return deregister(c, slice, a.instance);
    case 'TargetHealthCheck':
      return put(c, slice, a.instance, afterCheck(c, slice.targets[a.instance], c.probe(world, a.instance) && reachesTarget(world, a.instance)));
    case 'TargetDrained':
    case 'InstanceTerminated':
      return put(c, slice, a.instance, c.UNUSED);
    case 'LbNodeFailure':
      return setNode(slice, a.az, false);
    case 'LbNodeReplaced':
      return setNode(slice, a.az, true);
    case 'Tick':
      return countDown(c, slice);
    default:
      return assertNever(a);
  }
}

function put(c: ElbConfig, slice: ElbState, i: number, x: Target): ElbState {
  if (i >= c.slots || slice.targets[i] === x) return slice;
  const targets = slice.targets.slice();
  targets[i] = x;
  return elbState(targets, slice.nodeUp, slice.crossZone);
}
function setNode(slice: ElbState, z: number, up: boolean): ElbState {
  const nodes = slice.nodeUp.slice();
  nodes[z] = up;
  return elbState(slice.targets, nodes, slice.crossZone);
}
/**
 * The group's instance `i` enters InService (boot done, ec2's `InstanceRunning`): Auto Scaling
 * registers it now, not at launch, so a booting instance never fails health checks ("Amazon
 * EC2 Auto Scaling instance lifecycle": an instance is registered with the load balancer as it
 * moves from Pending to InService, https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-lifecycle.html).
 * Any other target (an operator's, a started instance's) is left alone.
 */
function inService(c: ElbConfig, slice: ElbState, i: number): ElbState {
  return i < c.slots && slice.targets[i].state === 'launching' ? put(c, slice, i, c.INITIAL) : slice;
}
function isRegistered(s: TargetState): boolean {
  return s === 'initial' || s === 'healthy' || s === 'unhealthy';
}
/** A registered target starts draining (or is forgotten with no delay); any other is left alone. */
function deregister(c: ElbConfig, slice: ElbState, i: number): ElbState {
  return i < c.slots && isRegistered(slice.targets[i].state) ? put(c, slice, i, c.left) : slice;
}
/** The view after one check with result `ok`; the next check is an interval away. */
function afterCheck(c: ElbConfig, x: Target, ok: boolean): Target {
  const intervalTicks = c.intervalTicks;
  switch (x.state) {
    case 'initial':
      if (ok) return target('healthy', 0, intervalTicks);
      return x.run + 1 >= c.U ? target('unhealthy', 0, intervalTicks) : target('initial', x.run + 1, intervalTicks);
    case 'healthy':
      if (ok) return target('healthy', 0, intervalTicks);
      return x.run + 1 >= c.U ? target('unhealthy', 0, intervalTicks) : target('healthy', x.run + 1, intervalTicks);
    case 'unhealthy':
      if (!ok) return target('unhealthy', 0, intervalTicks);
      return x.run + 1 >= c.H ? target('healthy', 0, intervalTicks) : target('unhealthy', x.run + 1, intervalTicks);
    case 'unused':
    case 'draining':
    case 'launching':
      return x;
    default:
      return assertNever(x.state);
  }
}
/** `Tick`: every running countdown (next check, drain) moves one tick. */
function countDown(c: ElbConfig, slice: ElbState): ElbState {
  let next: Target[] | undefined;
  const ts = slice.targets;
  for (let i = 0; i < c.slots; i++) {
    const x = ts[i];
    if (x.timer > 0) {
      next ??= ts.slice();
      next[i] = target(x.state, x.run, x.timer - 1);
    }
  }
  return next === undefined ? slice : elbState(next, slice.nodeUp, slice.crossZone);
}
