/**
 * Issue 12: several instances of a component in one composition (model/compose/instances.ts).
 * A composition that renames every component must explore exactly what the default one does;
 * two tiers must not hear each other's actions; every ambiguity is a one-line error.
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { replay, toTrace, parseTrace } from '../../../engine/trace.js';
import { asg, asgLaunch, ASG, type AsgState } from '../../../model/aws/asg/index.js';
import { az, azOutage } from '../../../model/aws/az/index.js';
import { controlPlane, controlPlaneImpaired } from '../../../model/aws/control-plane/index.js';
import { ec2, healthyCount, hostFailure, type Ec2State } from '../../../model/aws/ec2/index.js';
import { elb } from '../../../model/aws/elb/index.js';
import { rds } from '../../../model/aws/rds/index.js';
import { sqs } from '../../../model/aws/sqs/index.js';
import type { Component, World } from '../../../model/compose/component.js';
import { compose, tick } from '../../../model/compose/compose.js';
import { always, onInstances } from '../../../model/core/property.js';
import type { Action } from '../../../model/core/model.js';
import { atLeastNHealthy, nPlusOneRestored, onlyHealthyTargets, reachedAzOutage, reachedInstanceFailure, reachedReplacement } from '../../../properties/fleet.js';
import { noAckedWriteLost, reachedPrimaryFailure } from '../../../properties/data.js';
import { enabledLabels, run } from '../support.js';

const TICK_SECONDS = 30;
const T = tick();

/** An N+1 web tier with an ALB and a Multi-AZ database; `named` gives every component a name of its own. */
function webTier(named: boolean, withControlPlane = false) {
  const n = <O extends object>(name: string, uses: Record<string, string>, o: O) => (named ? { ...o, name, uses } : o);
  const components: Component<any, any, string>[] = [
    az(n('zones', {}, { azs: 2, maxDown: 1, recoverable: false })),
    ec2(n('hosts', {}, { slots: 3, azs: 2, tickSeconds: TICK_SECONDS, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] as const })),
    asg(n('group', { ec2: 'hosts' }, { azs: 2, tickSeconds: TICK_SECONDS, min: 2, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] as const })),
    elb(n('lb', { ec2: 'hosts' }, { slots: 3, azs: 2, tickSeconds: TICK_SECONDS, registered: [0, 1], attachedToAsg: true, deregistrationDelaySeconds: 0, faults: [] })),
    rds(n('db', {}, { tickSeconds: TICK_SECONDS, deployment: 'multiAz' as const, primaryAz: 0, standbyAz: 1, writes: 2, maxInstanceFailures: 0, backupRetentionDays: 0 })),
  ];
  if (withControlPlane) components.push(controlPlane(n('api', {}, { faults: ['ControlPlaneImpaired'] as const })));
  return compose(components, {
    maxFaults: withControlPlane ? 2 : 1,
    properties: [
      atLeastNHealthy(1), nPlusOneRestored(1, { withinSeconds: 120 }), onlyHealthyTargets(), noAckedWriteLost(),
      reachedAzOutage(), reachedInstanceFailure(), reachedReplacement(), reachedPrimaryFailure(),
    ],
  });
}

describe('a composition whose every component has a name of its own', () => {
  it.each([false, true])('explores exactly the default composition: states, transitions, verdicts, counterexample lengths (control plane: %s)', (cp) => {
    const plain = exploreExhaustive(webTier(false, cp));
    const named = exploreExhaustive(webTier(true, cp));
    expect(plain.stats.complete && named.stats.complete).toBe(true);
    expect(named.stats.distinctStates).toBe(plain.stats.distinctStates);
    expect(named.stats.transitions).toBe(plain.stats.transitions);
    expect(named.properties.map((p) => [p.name, p.verdict, p.counterexample?.length])).toEqual(plain.properties.map((p) => [p.name, p.verdict, p.counterexample?.length]));
    // Verdicts are not all vacuous: some fail, every Reached... is reached.
    expect(named.properties.filter((p) => p.name.startsWith('Reached')).every((p) => p.verdict === 'reached')).toBe(true);
  });

  it('keys slices by instance name, prefixes action types and labels, and the default composition keeps plain ones', () => {
    const named = webTier(true);
    const s0 = named.init()[0];
    expect(Object.keys(s0)).toEqual(['zones', 'hosts', 'group', 'lb', 'db', 'faults']);
    const labels = enabledLabels(named, s0);
    expect(labels).toContain('zones.AzOutage(0)');
    expect(labels).toContain('hosts.HostFailure(0)');
    expect(named.actions(s0).map((a) => a.type)).toContain('hosts.HostFailure');
    const plainLabels = enabledLabels(webTier(false), webTier(false).init()[0]);
    expect(plainLabels).toContain('AzOutage(0)');
    // The same actions in the same order, each under its instance's prefix (Tick is compose's own).
    expect(labels.map((l) => (l === 'Tick' ? l : l.slice(l.indexOf('.') + 1)))).toEqual(plainLabels);
    expect(labels.every((l) => l === 'Tick' || /^(zones|hosts|group|lb|db)\./.test(l))).toBe(true);
    expect(named.component!(named.actions(s0).find((a) => a.type === 'hosts.HostFailure')!)).toBe('hosts');
  });

  it('a named counterexample round-trips through a trace file and replays', () => {
    const m = webTier(true);
    const r = exploreExhaustive(m);
    const failed = r.properties.find((p) => p.verdict === 'fails' && p.counterexample !== undefined)!;
    expect(failed).toBeDefined();
    expect(failed.counterexample!.labels.some((l) => l.includes('.'))).toBe(true);
    const trace = parseTrace(JSON.stringify(toTrace(failed.counterexample!, { scenario: 'named', parameters: {}, property: failed.name, kind: failed.kind, mode: 'exhaustive' })));
    const prop = m.properties.find((p) => p.name === failed.name)!;
    const replayed = replay(m, prop, trace.steps, { initIndex: trace.initIndex });
    expect(replayed.steps.length).toBe(failed.counterexample!.length);
  });
});

/** Two tiers, web and worker, each its own ec2 and group, in the same two zones. */
function twoTiers() {
  const tier = (prefix: string) => [
    ec2({ name: `${prefix}Ec2`, slots: 3, azs: 2, tickSeconds: 60, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: ['HostFailure'] }),
    asg({ name: prefix, uses: { ec2: `${prefix}Ec2` }, azs: 2, tickSeconds: 60, min: 2, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 60] }),
  ];
  return compose([az({ azs: 2, maxDown: 1, recoverable: false }), ...tier('web'), ...tier('worker')], {
    maxFaults: 1,
    properties: [
      onInstances({ asg: 'web' }, atLeastNHealthy(1)),
      onInstances({ ec2: 'workerEc2' }, always('WorkerTwoHealthy', (w: World) => healthyCount(w) >= 2)),
    ],
  });
}

describe('two tiers of the same components', () => {
  const m = twoTiers();
  const s0 = m.init()[0];

  it('each group launches into its own instances: a web host failure is replaced by web, worker does nothing', () => {
    const failed = run(m, [{ ...hostFailure(0), type: 'webEc2.HostFailure' } as Action]);
    expect((failed.workerEc2 as Ec2State).instances).toBe((s0.workerEc2 as Ec2State).instances);
    const labels = enabledLabels(m, failed);
    expect(labels.some((l) => l.startsWith('worker.'))).toBe(false);
    // The web group marks its member once the impaired wait (60 s, a tick) has passed, then replaces it.
    const after = run(m, [T], failed);
    expect(enabledLabels(m, after)).toContain('web.AsgMarkUnhealthy(0)');
    const replaced = run(m, [{ type: 'web.AsgMarkUnhealthy', kind: 'control', instance: 0 } as Action, { type: 'web.AsgTerminate', kind: 'control', instance: 0 } as Action], after);
    expect((replaced.web as AsgState).members[0]).toBeDefined();
    expect((replaced.worker as AsgState)).toBe(s0.worker);
    expect(replaced[ASG]).toBeUndefined();
  });

  it('a property reads the instance onInstances names: web keeps one healthy, worker loses one of two', () => {
    const r = exploreExhaustive(m);
    expect(r.stats.complete).toBe(true);
    expect(r.properties.map((p) => [p.name, p.verdict])).toEqual([['AtLeastNHealthy', 'holds'], ['WorkerTwoHealthy', 'fails']]);
    expect(r.properties[1].counterexample!.labels[0]).toMatch(/^(workerEc2\.HostFailure|az\.AzOutage|AzOutage)/);
  });

  it('an action launched by one group is reduced by its own ec2 only', () => {
    expect(asgLaunch(0, 0).type).toBe('AsgLaunch');
    const types = m.actions(s0).map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(['webEc2.HostFailure', 'workerEc2.HostFailure', 'AzOutage']));
    const down = run(m, [azOutage(0)]);
    // One AzOutage (the one az) reaches both tiers: each loses its zone-0 instance.
    const healthy = (w: World, tier: string) => healthyCount({ ...w, ec2: w[tier] });
    expect([healthy(s0, 'webEc2'), healthy(s0, 'workerEc2')]).toEqual([2, 2]);
    expect([healthy(down, 'webEc2'), healthy(down, 'workerEc2')]).toEqual([1, 1]);
  });
});

describe('instances: one-line errors', () => {
  const zones = () => az({ azs: 2, maxDown: 0 });
  const host = (name = 'ec2', autoScaling = true) => ec2({ name, slots: 3, azs: 2, initial: [0], autoScaling, tickSeconds: 60 });
  const group = (o: object = {}) => asg({ azs: 2, min: 1, tickSeconds: 60, ...o });

  it.each([
    ['a uses naming no instance', () => compose([zones(), host(), group({ uses: { ec2: 'nope' } })]), /compose: asg uses ec2 "nope", which is not in this composition/],
    ['a uses naming an instance of another kind', () => compose([zones(), host(), group({ uses: { ec2: 'az' } })]), /compose: asg uses "az" as its ec2, but az is a az/],
    ['two ec2 and a group that names neither', () => compose([zones(), host('a'), host('b'), group()]), /compose: asg hears \w+ from a ec2, and this composition has several \(a, b\); name one with asg\(\{ uses: \{ ec2: '\.\.\.' \} \}\)/],
    ['a property on an ambiguous kind', () => compose([zones(), host('a'), group({ name: 'ga', uses: { ec2: 'a' } }), host('b'), group({ name: 'gb', uses: { ec2: 'b' } })], { properties: [atLeastNHealthy(1)] }), /property AtLeastNHealthy reads the ec2 component, and this composition has several \(a, b\); say which with onInstances/],
    ['onInstances naming no instance', () => compose([zones(), host('ec2', false)], { properties: [onInstances({ ec2: 'web' }, atLeastNHealthy(1))] }), /property AtLeastNHealthy reads ec2 "web", which is not in this composition/],
    ['a name that is not an identifier', () => ec2({ name: 'web-1' }), /ec2: name must be an identifier/],
    ['uses of its own kind', () => ec2({ uses: { ec2: 'x' } }), /ec2: uses.ec2 names an instance of its own kind/],
    ['uses that is not a map', () => ec2({ uses: ['x'] as never }), /ec2: uses must map component kinds to instance names/],
    ['two instances under one name', () => compose([zones(), host('a'), host('a')]), /two components are named "a"/],
  ])('%s', (_, build, message) => {
    expect(build).toThrow(message);
  });

  it('a misspelt option of a named instance is still caught (name and uses are taken off, not the check)', () => {
    expect(() => ec2({ name: 'web', slotz: 2 } as never)).toThrow(/ec2: unknown option slotz/);
  });

  it('a named control plane gates the renamed API calls of every instance', () => {
    const m = compose([zones(), host('a'), group({ name: 'g', uses: { ec2: 'a' }, min: 2 }), controlPlane({ name: 'api', faults: ['ControlPlaneImpaired'] })], { maxFaults: 1 });
    // min 2 with one instance running: the group launches one.
    const s0 = m.init()[0];
    expect(m.actions(s0).map((a) => a.type)).toContain('g.AsgLaunch');
    const impaired = run(m, [{ ...controlPlaneImpaired(), type: 'api.ControlPlaneImpaired' } as Action]);
    expect(m.actions(impaired).map((a) => a.type)).not.toContain('g.AsgLaunch');
  });
});
