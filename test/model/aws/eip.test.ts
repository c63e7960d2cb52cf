import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { asg } from '../../../model/aws/asg/index.js';
import { ebs } from '../../../model/aws/ebs/index.js';
import { elb, elbHealthy } from '../../../model/aws/elb/index.js';
import { az, azOutage } from '../../../model/aws/az/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose, tick } from '../../../model/compose/compose.js';
import {
  appCrash, ec2, instanceRunning, instanceStopped, instanceTerminated, isFree, startInstance, stopInstance, terminateInstance,
  type Ec2Options,
} from '../../../model/aws/ec2/index.js';
import {
  EIP, EIP_FAULTS, EIP_OPS, EIP_RECOVERY, addressOf, allocateAddress, associateAddress, conflictingAssociate, disassociateAddress, eip,
  eipReachable, eipReachesHealthy, eipTarget, releaseAddress, remapAddress, type EipOptions, type EipState,
} from '../../../model/aws/eip/index.js';
import { recovers } from '../../../model/core/property.js';
import { checkContract, isEnabled, run, settle } from '../support.js';

const T = tick();
const addresses = (s: World) => (s[EIP] as EipState).addresses;
/** Instances 0 (zone 0) and 1 (zone 1) running; address 0 on instance 0. */
function ips(o: EipOptions = {}, e: Ec2Options = {}) {
  return compose([
    az(),
    ec2({ slots: 3, initial: [0, 1], autoRecovery: false, ops: ['StopInstance', 'StartInstance', 'TerminateInstance'], ...e }),
    eip({ associated: [0], ...o }),
  ]);
}

describe('eip association', () => {
  it('an address whose instance is stopped, failed or in a down zone stays associated but reaches nothing healthy', () => {
    const m = ips();
    expect(eipReachesHealthy(m.init()[0])).toBe(true);
    const crashed = run(m, [appCrash(0)]);
    expect([eipTarget(crashed), eipReachable(crashed), eipReachesHealthy(crashed)]).toEqual([0, true, false]);
    const stopped = run(m, [stopInstance(0), instanceStopped(0)]);
    expect([eipTarget(stopped), eipReachable(stopped)]).toEqual([0, false]);
    const restarted = run(m, [startInstance(0), T, instanceRunning(0)], stopped);
    expect(eipReachesHealthy(restarted)).toBe(true); // kept over stop/start
    const zoneDown = run(m, [azOutage(0)]);
    expect([eipTarget(zoneDown), eipReachable(zoneDown)]).toEqual([0, false]);
  });

  it('INV-EIP-3: terminating the instance disassociates the address, which stays allocated', () => {
    const m = ips();
    const s = run(m, [terminateInstance(0)]);
    expect(eipTarget(s)).toBe(0); // until termination completes
    const gone = run(m, [instanceTerminated(0)], s);
    expect(eipTarget(gone)).toBe(-1);
    expect(addresses(gone)[0]).toEqual({ allocated: true, associated: false, instance: 0 });
  });

  it('associating with an instance that already has an address disassociates its old one', () => {
    const m = ips({ count: 2, associated: [0, 1], ops: ['AssociateAddress'] });
    const s = run(m, [associateAddress(0, 1)]);
    expect([eipTarget(s, 0), eipTarget(s, 1)]).toEqual([1, -1]);
    expect(addresses(s)[1].allocated).toBe(true);
    expect(addressOf(s, 0)).toBe(-1);
  });

  it('allocate and release: an associated address cannot be released', () => {
    const m = ips({ count: 2, allocated: 1, ops: ['AllocateAddress', 'ReleaseAddress', 'DisassociateAddress'] });
    const s = m.init()[0];
    expect(isEnabled(m, s, allocateAddress(1))).toBe(true);
    expect(isEnabled(m, s, releaseAddress(0))).toBe(false);
    const released = run(m, [disassociateAddress(0), releaseAddress(0)]);
    expect(addresses(released)[0]).toEqual({ allocated: false, associated: false, instance: 0 });
  });
});

describe('eip remap', () => {
  it('the failover script remaps to a healthy standby only once the current instance is unhealthy', () => {
    const m = ips({ ops: ['RemapAddress'] });
    expect(isEnabled(m, m.init()[0], remapAddress(0, 1))).toBe(false);
    const crashed = run(m, [appCrash(0)]);
    expect(isEnabled(m, crashed, remapAddress(0, 2))).toBe(false); // slot 2 holds no instance
    const s = run(m, [remapAddress(0, 1)], crashed);
    expect(eipTarget(s)).toBe(1);
    expect(eipReachesHealthy(s)).toBe(true);
    expect(isEnabled(m, run(m, [azOutage(0)]), remapAddress(0, 1))).toBe(true);
    const restricted = ips({ ops: ['RemapAddress'], remapTo: [2] });
    expect(isEnabled(restricted, run(restricted, [appCrash(0)]), remapAddress(0, 1))).toBe(false);
  });

  it('INV-EIP-2: with AllowReassociation a second controller can steal the address; false makes its call fail', () => {
    const loose = ips({ faults: ['ConflictingAssociate'] });
    const stolen = run(loose, [conflictingAssociate(0, 1)]);
    expect(eipTarget(stolen)).toBe(1);
    const strict = ips({ allowReassociation: false, ops: ['AssociateAddress', 'DisassociateAddress'], faults: ['ConflictingAssociate'] });
    const s = strict.init()[0];
    expect(isEnabled(strict, s, associateAddress(0, 1))).toBe(false);
    expect(isEnabled(strict, s, conflictingAssociate(0, 1))).toBe(false);
    const free = run(strict, [disassociateAddress(0)]);
    expect(isEnabled(strict, free, associateAddress(0, 1))).toBe(true);
    expect(isEnabled(strict, free, conflictingAssociate(0, 1))).toBe(true);
  });

  it('INV-ASG-5: the address is not carried over to the ASG replacement; the script remaps it once that is healthy', () => {
    const m = compose([
      az(),
      ec2({ slots: 3, initial: [0], autoScaling: true, autoRecovery: false, ops: ['StopInstance'], faults: [] }),
      asg({ min: 1, gracePeriodSeconds: 0 }),
      eip({ associated: [0], ops: ['RemapAddress'] }),
    ]);
    const { state, steps } = settle(m, run(m, [stopInstance(0)]));
    expect(steps).toContain('AsgLaunch(0, 0)');
    expect(eipTarget(state)).toBe(-1);
    expect(eipReachesHealthy(state)).toBe(false);
    expect(eipReachesHealthy(run(m, [remapAddress(0, 0)], state))).toBe(true);
  });

  it('EipReachesHealthy recovers with the remap script marked as recovery, and not without it', () => {
    const property = recovers<World>('EipReachesHealthy', (w) => eipReachesHealthy(w), { within: 2 });
    const build = (recovery: readonly string[]) =>
      compose(
        [az({ maxDown: 0 }), ec2({ slots: 2, initial: [0, 1], autoRecovery: false, faults: ['AppCrash'] }), eip({ slots: 2, associated: [0], ops: ['RemapAddress'] })],
        { maxFaults: 1, recovery, properties: [property] },
      );
    const withScript = exploreExhaustive(build(EIP_RECOVERY));
    expect(withScript.stats.complete).toBe(true);
    expect(withScript.properties[0].verdict).toBe('holds');
    expect(exploreExhaustive(build([])).properties[0].verdict).toBe('fails');
  });
});

describe('eip random walks', () => {
  it('keep next pure and deterministic, states in schema, one address per instance and none on a free slot', () => {
    const components = [
      az(),
      ec2({ slots: 3, initial: [0, 1], autoScaling: true, ops: ['StopInstance', 'StartInstance', 'TerminateInstance'], faults: ['AppCrash', 'HostFailure'] }),
      asg({ min: 2, gracePeriodSeconds: 0 }),
      eip({ count: 2, allocated: 1, associated: [0], ops: [...EIP_OPS], faults: [...EIP_FAULTS] }),
    ];
    const m = compose(components, { maxFaults: 3 });
    const taken = checkContract(m, components, (_prev, s) => {
      const owners = [0, 0, 0];
      for (const x of addresses(s)) {
        if (!x.allocated) expect(x.associated).toBe(false);
        if (!x.associated) expect(x.instance).toBe(0);
        else {
          owners[x.instance]++;
          expect(isFree(s, x.instance)).toBe(false);
        }
      }
      for (const n of owners) expect(n).toBeLessThanOrEqual(1);
    });
    for (const type of [...EIP_OPS, ...EIP_FAULTS, 'InstanceTerminated', 'AsgLaunch']) expect(taken).toContain(type);
  });

  it('compose with elb and ebs on one Auto Scaling group (the three instance-side components together)', () => {
    const components = [
      az(),
      ec2({ slots: 3, initial: [0, 1], autoScaling: true, faults: ['AppCrash', 'HostFailure'] }),
      asg({ min: 2, healthCheckType: 'ELB', elbHealthy, gracePeriodSeconds: 60 }),
      elb({ registered: [0, 1], attachedToAsg: true, deregistrationDelaySeconds: 60 }),
      ebs({ initial: [0, 1], autoScaling: true, dataOnRoot: true, ops: ['WriteData', 'CreateSnapshot', 'RestoreVolume', 'AttachVolume'] }),
      eip({ associated: [0], ops: ['RemapAddress'] }),
    ];
    const m = compose(components, { maxFaults: 2, recovery: EIP_RECOVERY });
    const taken = checkContract(m, components, (_prev, s) => {
      const i = eipTarget(s);
      if (i >= 0) expect(isFree(s, i)).toBe(false);
    }, { numRuns: 150 });
    for (const type of ['RemapAddress', 'TargetHealthCheck', 'WriteData', 'AsgLaunch', 'InstanceTerminated']) expect(taken).toContain(type);
  });
});
