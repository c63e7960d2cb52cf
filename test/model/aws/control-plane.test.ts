import { describe, expect, it } from 'vitest';
import { asg, asgLaunch, asgTerminate } from '../../../model/aws/asg/index.js';
import { az, azOutage } from '../../../model/aws/az/index.js';
import { COMPONENT_FACTORIES, componentCatalog } from '../../../model/aws/catalog.js';
import {
  apiCallsThisTick, controlPlane, controlPlaneImpaired, controlPlaneImpairedNow, controlPlaneRecovered, lockOut, lockedOut,
  type ControlPlaneState,
} from '../../../model/aws/control-plane/index.js';
import { attachVolume, createSnapshot, ebs, restoreVolume, snapshotCompleted, writeData } from '../../../model/aws/ebs/index.js';
import { appCrash, ec2, hostFailure, instanceRunning, instanceStopped, launchInstance, stopInstance } from '../../../model/aws/ec2/index.js';
import { eip, remapAddress } from '../../../model/aws/eip/index.js';
import { deregisterTarget, elb, registerTarget, targetHealthCheck } from '../../../model/aws/elb/index.js';
import { dbWrite, promoteReadReplica, rds, restoreToPointInTime } from '../../../model/aws/rds/index.js';
import { changeRecord, dnsEndpointDown, dnsResolve, PRIMARY, route53, SECONDARY } from '../../../model/aws/route53/index.js';
import { receiveMessage, sendMessage, sqs } from '../../../model/aws/sqs/index.js';
import type { Component, World } from '../../../model/compose/component.js';
import { compose, TICK, type FaultsState } from '../../../model/compose/compose.js';
import type { Action } from '../../../model/core/model.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { always, sometimes } from '../../../model/core/property.js';
import { bundledScenarios } from '../../../scenarios/index.js';
import { enabledLabels, isEnabled, run, settle } from '../support.js';

const IMPAIR = controlPlaneImpaired();
const RECOVER = controlPlaneRecovered();
const LOCK_OUT = lockOut();
const cp = (w: World) => w.controlPlane as ControlPlaneState;

/** `a` is enabled in `s`; after `ControlPlaneImpaired` it is not; after `ControlPlaneRecovered` it is again. */
function gatedByImpairment(model: ReturnType<typeof compose>, s: World, a: Action): void {
  expect(isEnabled(model, s, a), `${a.type} enabled before: ${enabledLabels(model, s).join(' ')}`).toBe(true);
  const impaired = run(model, [IMPAIR], s);
  expect(controlPlaneImpairedNow(impaired)).toBe(true);
  expect(isEnabled(model, impaired, a), `${a.type} enabled while impaired`).toBe(false);
  const recovered = run(model, [RECOVER], impaired);
  expect(isEnabled(model, recovered, a), `${a.type} enabled after recovery`).toBe(true);
}

describe('controlPlane: every API call is disabled while impaired and enabled again after recovery', () => {
  it("ec2's LaunchInstance (RunInstances)", () => {
    const m = compose([az(), ec2({ slots: 2, initial: [0], faults: [], ops: ['LaunchInstance'] }), controlPlane()]);
    gatedByImpairment(m, m.init()[0], launchInstance(1, 1));
  });

  it("the group's AsgLaunch and AsgTerminate", () => {
    const m = compose([
      az(), ec2({ slots: 3, initial: [0], faults: [], autoScaling: true, ops: ['StopInstance'] }), asg({ min: 2, gracePeriodSeconds: 0 }), controlPlane(),
    ]);
    const s0 = m.init()[0];
    gatedByImpairment(m, s0, asgLaunch(1, 1));
    // A stopped member is marked unhealthy (data: the group's health check) and terminated (control).
    const launched = run(m, [asgLaunch(1, 1), TICK, instanceRunning(1), stopInstance(0), instanceStopped(0)], s0);
    const marked = run(m, [{ type: 'AsgMarkUnhealthy', kind: 'control', instance: 0 } as Action], run(m, [IMPAIR], launched));
    expect(isEnabled(m, marked, asgTerminate(0))).toBe(false);
    gatedByImpairment(m, run(m, [RECOVER], marked), asgTerminate(0));
  });

  it("ebs's AttachVolume and RestoreVolume (CreateVolume from a snapshot); WriteData is data plane", () => {
    const m = compose([
      az(),
      ec2({ slots: 2, initial: [0, 0], faults: [] }),
      ebs({
        slots: 2, initial: [0, 0], rootVolume: false, volumes: [{ az: 0, attachedTo: 0 }, { az: 0 }], spareVolumes: 1, maxWrites: 1,
        ops: ['WriteData', 'CreateSnapshot', 'AttachVolume', 'RestoreVolume'], faults: [],
      }),
      controlPlane(),
    ]);
    const s0 = m.init()[0];
    gatedByImpairment(m, s0, attachVolume(1, 1));
    expect(isEnabled(m, run(m, [IMPAIR], s0), writeData(0))).toBe(true);
    const snapped = run(m, [writeData(0), createSnapshot(0), snapshotCompleted()], s0);
    gatedByImpairment(m, snapped, restoreVolume(1));
  });

  it("eip's RemapAddress (AssociateAddress)", () => {
    const m = compose([az(), ec2({ slots: 2, initial: [0, 1], faults: ['HostFailure'], autoRecovery: false }), eip({ slots: 2, associated: [0], ops: ['RemapAddress'], remapTo: [1] }), controlPlane()]);
    gatedByImpairment(m, run(m, [hostFailure(0)]), remapAddress(0, 1));
  });

  it("rds's PromoteReadReplica and RestoreToPointInTime; DbWrite is data plane", () => {
    const replica = compose([az(), rds({ readReplica: true, runbook: ['promoteReadReplica'], maxInstanceFailures: 0 }), controlPlane()]);
    expect(isEnabled(replica, run(replica, [IMPAIR]), dbWrite(0))).toBe(true);
    gatedByImpairment(replica, run(replica, [azOutage(0)]), promoteReadReplica());
    const pitr = compose([az(), rds({ runbook: ['restore'], maxInstanceFailures: 0 }), controlPlane()]);
    gatedByImpairment(pitr, run(pitr, [azOutage(0)]), restoreToPointInTime());
  });

  it("elb's RegisterTarget and DeregisterTarget; TargetHealthCheck is data plane", () => {
    const m = compose([
      az(), ec2({ slots: 2, initial: [0, 1], faults: ['AppCrash'] }), elb({ slots: 2, registered: [0], ops: ['RegisterTarget', 'DeregisterTarget'], faults: [] }), controlPlane(),
    ]);
    const s0 = m.init()[0];
    gatedByImpairment(m, s0, registerTarget(1));
    gatedByImpairment(m, s0, deregisterTarget(0));
    const crashed = run(m, [appCrash(0)], s0);
    expect(isEnabled(m, run(m, [IMPAIR], crashed), targetHealthCheck(0))).toBe(true);
  });

  it("route53's ChangeRecord (ChangeResourceRecordSets); resolving and health checks are data plane", () => {
    const m = compose([route53({ recordChanges: true, primaryHealthCheck: false }), controlPlane()]);
    const down = run(m, [dnsEndpointDown(PRIMARY)]);
    gatedByImpairment(m, down, changeRecord(SECONDARY));
    const impaired = run(m, [IMPAIR], down);
    expect(enabledLabels(m, impaired)).toContain('Tick');
    expect(isEnabled(m, run(m, [TICK], impaired), dnsResolve())).toBe(true);
  });

  it("sqs's SendMessage and ReceiveMessage are data plane: unaffected", () => {
    const m = compose([sqs({ messages: 1, workers: 1 }), controlPlane()]);
    const impaired = run(m, [IMPAIR]);
    expect(isEnabled(m, impaired, sendMessage(0))).toBe(true);
    expect(isEnabled(m, run(m, [sendMessage(0)], impaired), receiveMessage(0, 0))).toBe(true);
  });

  it('an impaired control plane stays impaired without recovery; the repair is a fault in the budget', () => {
    const m = compose([az(), ec2({ slots: 2, initial: [0], faults: [], ops: ['LaunchInstance'] }), controlPlane()], { maxFaults: 1 });
    const impaired = run(m, [IMPAIR]);
    expect((impaired.faults as FaultsState).used).toBe(1);
    expect(enabledLabels(m, impaired)).not.toContain('ControlPlaneRecovered'); // budget spent
    const noRecovery = compose([az(), ec2({ slots: 2, initial: [0], faults: [], ops: ['LaunchInstance'] }), controlPlane({ faults: ['ControlPlaneImpaired'] })]);
    expect(enabledLabels(noRecovery, run(noRecovery, [IMPAIR]))).toEqual(['AzOutage(0)', 'AzOutage(1)']);
  });
});

describe('controlPlane: throttling (callsPerTick)', () => {
  const launcher = (k: number) => compose([az({ maxDown: 0 }), ec2({ slots: 4, initial: [], faults: [], ops: ['LaunchInstance'], bootSeconds: 0 }), controlPlane({ callsPerTick: k, faults: [] })]);

  it('k calls, then none until the next Tick; the window reopens after it', () => {
    const m = launcher(2);
    const s2 = run(m, [launchInstance(0, 0), launchInstance(1, 1)]);
    expect(apiCallsThisTick(s2)).toBe(2);
    expect(enabledLabels(m, s2).filter((l) => l.startsWith('LaunchInstance'))).toEqual([]);
    expect(enabledLabels(m, s2)).toContain('Tick');
    const next = run(m, [TICK], s2);
    expect(apiCallsThisTick(next)).toBe(0);
    expect(isEnabled(m, next, launchInstance(2, 0))).toBe(true);
  });

  it('with k = 1, each call needs its own tick', () => {
    const m = launcher(1);
    const s1 = run(m, [launchInstance(0, 0)]);
    expect(isEnabled(m, s1, launchInstance(1, 0))).toBe(false);
    const s2 = run(m, [TICK, launchInstance(1, 0)], s1);
    expect(cp(s2)).toEqual({ impaired: false, lockedOut: false, calls: 1 });
  });

  it('counts the calls of every component (compose routes them to the control plane), and only calls', () => {
    const m = compose([az(), ec2({ slots: 3, initial: [0], faults: [], autoScaling: true }), asg({ min: 2, gracePeriodSeconds: 0 }), controlPlane({ callsPerTick: 3, faults: [] })]);
    const s = run(m, [asgLaunch(1, 1)]);
    expect(apiCallsThisTick(s)).toBe(1);
    expect(apiCallsThisTick(run(m, [TICK, instanceRunning(1)], s))).toBe(0); // InstanceRunning: data plane
  });

  it('over a whole exploration, a group replacing a lost zone never makes more than k calls in a tick', () => {
    const group = (k: number) => compose([
      az({ maxDown: 1, recoverable: false }), ec2({ slots: 3, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: [] }),
      asg({ min: 2, gracePeriodSeconds: 0 }), controlPlane({ callsPerTick: k, faults: [] }),
    ], { maxFaults: 1, properties: [always('AtMostKCalls', (w) => apiCallsThisTick(w) <= k), sometimes('KCalls', (w) => apiCallsThisTick(w) === k)] });
    for (const k of [1, 2]) {
      const r = exploreExhaustive(group(k), { full: true });
      expect(r.stats.complete).toBe(true);
      expect(r.properties.map((p) => p.verdict), `k = ${k}`).toEqual(['holds', 'reached']);
    }
  });
});

describe('controlPlane: LockOut', () => {
  const group = () => compose([
    az({ maxDown: 1, recoverable: false }), ec2({ slots: 3, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }),
    asg({ min: 2, gracePeriodSeconds: 0 }), controlPlane({ faults: [], lockOut: true }),
  ], { maxFaults: 1 });

  it('is enabled only in a settled world: not while a component has a control action to take (Tick aside)', () => {
    const m = group();
    const s0 = m.init()[0];
    expect(enabledLabels(m, s0)).toContain('LockOut');
    // The group's impaired wait runs: only Tick, so settled (the control plane may fail during the wait).
    const failed = run(m, [hostFailure(0)]);
    expect(enabledLabels(m, failed)).toEqual(['LockOut', 'Tick']);
    const marking = run(m, [TICK], failed);
    expect(enabledLabels(m, marking)).toEqual(['AsgMarkUnhealthy(0)', 'Tick']);
    // Judged before gating: a launch the impaired control plane holds back still means "not settled".
    const impairedGroup = compose([
      az({ maxDown: 0 }), ec2({ slots: 3, initial: [0], autoScaling: true, faults: [] }), asg({ min: 2, gracePeriodSeconds: 0 }),
      controlPlane({ faults: ['ControlPlaneImpaired'], lockOut: true }),
    ]);
    expect(enabledLabels(impairedGroup, impairedGroup.init()[0])).toEqual(['AsgLaunch(1, 1)', 'ControlPlaneImpaired']);
    expect(enabledLabels(impairedGroup, run(impairedGroup, [IMPAIR]))).toEqual([]);
  });

  it('is outside the fault budget, impairs for good, and the budget still plays out after it', () => {
    const m = group();
    const locked = run(m, [LOCK_OUT]);
    expect(lockedOut(locked)).toBe(true);
    expect(controlPlaneImpairedNow(locked)).toBe(true);
    expect((locked.faults as FaultsState).used).toBe(0);
    expect(enabledLabels(m, locked)).not.toContain('LockOut');
    expect(enabledLabels(m, locked)).not.toContain('ControlPlaneRecovered');
    const lost = run(m, [azOutage(0)], locked);
    expect((lost.faults as FaultsState).used).toBe(1);
    // The group would replace instance 0 in zone 1; with the control plane gone it cannot.
    const settled = run(m, [TICK, { type: 'AsgMarkUnhealthy', kind: 'control', instance: 0 } as Action], lost);
    expect(enabledLabels(m, settled).filter((l) => l.startsWith('Asg'))).toEqual([]);
    // LockOut is enabled with the budget spent too, once the group has settled after the outage.
    const spent = settle(m, run(m, [azOutage(0)])).state;
    expect((spent.faults as FaultsState).used).toBe(1);
    expect(enabledLabels(m, spent)).toContain('LockOut');
  });

  it('is not enabled without the lockOut option', () => {
    const m = compose([az(), ec2({ slots: 2, initial: [0], faults: [] }), controlPlane()]);
    expect(enabledLabels(m, m.init()[0])).not.toContain('LockOut');
  });
});

describe('compose with a control plane: checks', () => {
  const tiny = (c: Partial<Component>): Component => ({
    name: 'tiny', schema: controlPlane().schema, parameters: [], subscribes: ['Poke'], init: () => ({ impaired: false, lockedOut: false, calls: 0 }),
    actions: () => {}, reduce: (s) => s, catalog: { op: ['Poke'], fault: [], control: [] }, ...c,
  } as Component);

  it('takes several control planes (one per Region, issue 15), and refuses in one line a component with API calls that sees none of them', () => {
    const other = { ...controlPlane(), name: 'otherPlane' } as Component;
    const caller = tiny({ catalog: { op: ['Poke'], fault: [], control: [], plane: { Poke: 'control' } } });
    // The default-named one is the view of a component that names none (model/compose/instances.ts).
    expect(() => compose([controlPlane(), other, caller])).not.toThrow();
    expect(() => compose([controlPlane({ name: 'westCp' }), controlPlane({ name: 'eastCp' }), caller])).toThrow(
      "compose: tiny makes API calls (Poke) and this composition has several control planes (westCp, eastCp); name the one of its Region with tiny({ uses: { controlPlane: '...' } })",
    );
  });

  it("refuses a catalog whose planes miss an action type, or name one it does not originate", () => {
    expect(() => compose([tiny({ catalog: { op: ['Poke'], fault: [], control: [], plane: {} } })])).toThrow("compose: tiny's catalog gives no plane for Poke");
    expect(() => compose([tiny({ catalog: { op: ['Poke'], fault: [], control: [], plane: { Poke: 'data', Prod: 'control' } } })]))
      .toThrow("compose: tiny's catalog gives a plane for Prod, which it does not originate");
    expect(() => compose([tiny({ catalog: { op: ['Poke'], fault: [], control: [], plane: { Poke: 'api' as 'data' } } })]))
      .toThrow('compose: tiny\'s catalog gives Poke the plane "api", not control or data');
  });

  it('gates a component of a user\'s own by its declared planes, and leaves one without planes alone', () => {
    const poke: Action = { type: 'Poke', kind: 'op' };
    const user = (plane?: Record<string, 'control' | 'data'>) => tiny({ catalog: { op: ['Poke'], fault: [], control: [], plane }, actions: (_w, out) => void out.push(poke) });
    const gated = compose([user({ Poke: 'control' }), controlPlane()]);
    expect(isEnabled(gated, run(gated, [IMPAIR]), poke)).toBe(false);
    const free = compose([user(), controlPlane()]);
    expect(isEnabled(free, run(free, [IMPAIR]), poke)).toBe(true);
  });

  it('every AWS component gives every action it originates a plane (the catalog lists them all)', () => {
    for (const entry of componentCatalog()) {
      const c = COMPONENT_FACTORIES[entry.name]();
      const listed = [...c.catalog.op, ...c.catalog.fault, ...c.catalog.control];
      expect(Object.keys(c.catalog.plane ?? {}).sort(), entry.name).toEqual([...listed].sort());
    }
  });
});

/**
 * States and transitions measured on the code before control planes existed (git ef53298):
 * compose without a control plane, and route53 without `recordChanges`, explore exactly what
 * they did (all 35 bundled scenarios were compared when this was written; these are pinned).
 */
const COUNTS_BEFORE: Readonly<Record<string, readonly [states: number, transitions: number]>> = {
  'route53-failover:health-checked': [676, 1573],
  'route53-failover:no-health-check': [810, 1899],
  'eip-standby-failover:instance-failure': [2016, 8164],
  'rds-multi-az-failover': [22240, 56400],
  's3-versioning:on': [67, 66],
};

describe('compositions without a control plane keep their exact counts', () => {
  for (const [name, [states, transitions]] of Object.entries(COUNTS_BEFORE)) {
    it(name, () => {
      const scenario = bundledScenarios.find((s) => s.name === name)!;
      const r = exploreExhaustive(scenario.build(), { full: true });
      expect([r.stats.distinctStates, r.stats.transitions]).toEqual([states, transitions]);
    });
  }

  it('a control plane that never closes adds no behaviour: the same states and verdicts', () => {
    // asg-n-plus-1's design, with and without an always-open control plane (no faults, no throttle, no LockOut).
    const parts = () => [
      az({ azs: 2, maxDown: 1, recoverable: false }),
      ec2({ slots: 3, azs: 2, tickSeconds: 60, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }),
      asg({ azs: 2, tickSeconds: 60, min: 2, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }),
      elb({ slots: 3, azs: 2, tickSeconds: 60, registered: [0, 1], attachedToAsg: true, unhealthyThreshold: 2, deregistrationDelaySeconds: 0, faults: [] }),
    ] as const;
    const properties = bundledScenarios.find((s) => s.name === 'asg-n-plus-1')!.build().properties;
    const r0 = exploreExhaustive(compose(parts(), { maxFaults: 1, properties }), { full: true });
    const r1 = exploreExhaustive(compose([...parts(), controlPlane({ faults: [] })], { maxFaults: 1, properties }), { full: true });
    expect([r1.stats.distinctStates, r1.stats.transitions]).toEqual([r0.stats.distinctStates, r0.stats.transitions]);
    expect(r1.properties.map((p) => p.verdict)).toEqual(r0.properties.map((p) => p.verdict));
  });
});
