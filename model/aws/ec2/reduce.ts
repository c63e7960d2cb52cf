/**
 * The ec2 reducer: one function per action type it subscribes to, named after it (`i` is the
 * action's slot). Each returns the new slice, or `s` itself when nothing changed.
 */
import type { World } from '../../compose/component.js';
import { assertNever } from '../../core/model.js';
import type { Ec2Subscribed } from './actions.js';
import type { Ec2Config } from './options.js';
import { holdsCapacityState } from './reads.js';
import { ec2State, instance, type Ec2State, type Instance, type InstanceState } from './state.js';

/** The slice after `a` (`world` is the world before it, unused: ec2 reads only its own slice). */
export function reduceEc2(c: Ec2Config, s: Ec2State, a: Ec2Subscribed, world: World): Ec2State {
  switch (a.type) {
    case 'LaunchInstance':
    case 'AsgLaunch':
      return launchInstance(c, s, a.instance, a.az);
    case 'StartInstance':
      return startInstance(c, s, a.instance);
    case 'StopInstance':
      return stopInstance(c, s, a.instance);
    case 'RebootInstance':
      return rebootInstance(c, s, a.instance);
    case 'TerminateInstance':
    case 'AsgTerminate':
      return terminateInstance(c, s, a.instance);
    case 'OsShutdown':
      return osShutdown(c, s, a.instance);
    case 'HostFailure':
      return hostFailure(c, s, a.instance);
    case 'GuestFailure':
      return guestFailure(c, s, a.instance);
    case 'AppCrash':
      return appCrash(c, s, a.instance);
    case 'ScheduledRetirement':
      return scheduledRetirement(c, s, a.instance);
    case 'InstanceRunning':
      return instanceRunning(c, s, a.instance);
    case 'InstanceStopped':
      return instanceStopped(c, s, a.instance);
    case 'InstanceTerminated':
      return instanceTerminated(c, s, a.instance);
    case 'AutoRecover':
      return autoRecover(c, s, a.instance);
    case 'AzOutage':
      return azOutage(c, s, a.az);
    case 'Tick':
      return tick(c, s);
    default:
      return assertNever(a);
  }
}

/** `s` with slot `i` replaced by `x`; `fault` counts one fault against the budget. */
function put(c: Ec2Config, s: Ec2State, i: number, x: Instance, fault: boolean): Ec2State {
  if (x === s.instances[i] && !(fault && c.counting)) return s;
  const instances = s.instances.slice();
  instances[i] = x;
  return ec2State(instances, fault && c.counting ? s.faultsUsed + 1 : s.faultsUsed, s.rootDevice);
}
/** `x` leaving service (stop or terminate begins): instance store lost, timer cleared. */
function leaving(x: Instance, state: InstanceState): Instance {
  return instance(state, x.az, x.systemOk, x.instanceOk, x.appUp, false, 0);
}

function launchInstance(c: Ec2Config, s: Ec2State, i: number, az: number): Ec2State {
  return put(c, s, i, c.launched[az], false);
}
function startInstance(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  return put(c, s, i, c.started[s.instances[i].az], false);
}
function stopInstance(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  return put(c, s, i, leaving(s.instances[i], 'stopping'), false);
}
function rebootInstance(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  const x = s.instances[i];
  return put(c, s, i, instance(x.state, x.az, x.systemOk, true, true, x.storeData, x.timer), false);
}
/** Terminate (operator or group): no effect on a slot that is empty or already terminating. */
function terminateInstance(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  const x = s.instances[i];
  if (x.state === 'none' || x.state === 'shutting-down' || x.state === 'terminated') return s;
  return put(c, s, i, leaving(x, 'shutting-down'), false);
}
function osShutdown(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  return put(c, s, i, leaving(s.instances[i], c.shutdownState), false);
}
function hostFailure(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  const x = s.instances[i];
  return put(c, s, i, instance(x.state, x.az, false, x.instanceOk, x.appUp, false, c.recoveryTicks), true);
}
function guestFailure(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  const x = s.instances[i];
  return put(c, s, i, instance(x.state, x.az, x.systemOk, false, x.appUp, x.storeData, x.timer), true);
}
function appCrash(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  const x = s.instances[i];
  return put(c, s, i, instance(x.state, x.az, x.systemOk, x.instanceOk, false, x.storeData, x.timer), true);
}
function scheduledRetirement(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  return put(c, s, i, leaving(s.instances[i], c.retireState), true);
}
function instanceRunning(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  const x = s.instances[i];
  return put(c, s, i, instance('running', x.az, x.systemOk, x.instanceOk, x.appUp, x.storeData, 0), false);
}
function instanceStopped(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  return put(c, s, i, c.stoppedIn[s.instances[i].az], false);
}
function instanceTerminated(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  return put(c, s, i, c.terminated, false);
}
function autoRecover(c: Ec2Config, s: Ec2State, i: number): Ec2State {
  // Looks like an unplanned reboot on a new host: OS and app restart; the store stays lost.
  const x = s.instances[i];
  return put(c, s, i, instance('running', x.az, true, true, true, x.storeData, 0), false);
}

/** Power and network loss in zone `az`: whatever instance store data was there is gone. */
function azOutage(c: Ec2Config, s: Ec2State, az: number): Ec2State {
  let next: Instance[] | undefined;
  const ins = s.instances;
  for (let i = 0; i < c.slots; i++) {
    const x = ins[i];
    if (x.az === az && x.storeData && holdsCapacityState(x.state)) {
      next ??= ins.slice();
      next[i] = instance(x.state, x.az, x.systemOk, x.instanceOk, x.appUp, false, x.timer);
    }
  }
  return next === undefined ? s : ec2State(next, s.faultsUsed, s.rootDevice);
}

/** Timers run only while pending (boot) or running on a failed host (recovery delay). */
function tick(c: Ec2Config, s: Ec2State): Ec2State {
  let next: Instance[] | undefined;
  const ins = s.instances;
  for (let i = 0; i < c.slots; i++) {
    const x = ins[i];
    if (x.timer > 0) {
      next ??= ins.slice();
      next[i] = instance(x.state, x.az, x.systemOk, x.instanceOk, x.appUp, x.storeData, x.timer - 1);
    }
  }
  return next === undefined ? s : ec2State(next, s.faultsUsed, s.rootDevice);
}
