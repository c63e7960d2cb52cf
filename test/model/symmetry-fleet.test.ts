// ec2's instance slots declared as a slot set (model/aws/ec2/state.ts, `instanceGroups`), elb's
// targets as per-slot items of it (model/aws/elb/state.ts): the declaration checked state by
// state (engine/symmetry.ts) on small fleets, the reduced counts against a naive BFS over
// canonical states, where it must not merge (zones of different capacity, a never-used slot
// beside a terminated one) and where a composition must drop it (asg picks members by slot
// order; ebs and eip hold instance indices that stay behind when detached; a probe of the
// caller's; a per-slot array of another length), and the same verdicts, counterexample lengths
// and replayable counterexamples with and without reduction, on fleets and bundled scenarios.
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { checkSymmetry } from '../../engine/symmetry.js';
import { replay } from '../../engine/trace.js';
import { resolveParameters } from '../../engine/scenario.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { capacity } from '../../model/aws/capacity/index.js';
import { ebs } from '../../model/aws/ebs/index.js';
import { ec2, ec2Schema, isHealthy, type Ec2Options, type Ec2State, type Instance } from '../../model/aws/ec2/index.js';
import { instanceGroups, resolveEc2Options } from '../../model/aws/ec2/options.js';
import { eip } from '../../model/aws/eip/index.js';
import { elb, elbHealthy, type ElbState } from '../../model/aws/elb/index.js';
import type { Component, World } from '../../model/compose/component.js';
import { compose, type ComposedModel } from '../../model/compose/compose.js';
import { t, type Schema } from '../../model/core/schema.js';
import { atLeastNHealthy, nPlusOneRestored, reachedInstanceFailure } from '../../properties/fleet.js';
import { bundledScenarios } from '../../scenarios/index.js';
import { referenceBfs } from '../engine/reference-bfs.js';

const fleet = (o: Ec2Options, properties: ComposedModel['properties'] = [], maxFaults = 2, limit?: readonly number[]): ComposedModel =>
  compose(
    [
      az({ azs: 2 }),
      ...(limit ? [capacity({ limitPerAz: limit })] : []),
      ec2({ slots: 3, ...o }),
      elb({ slots: 3, registered: (o.initial ?? []).map((_, i) => i) }),
    ],
    { maxFaults, properties },
  ) as unknown as ComposedModel;

/** Runs both ways; the same verdicts, and every counterexample found under reduction has the unreduced length and replays on the real model. */
function sameVerdicts(model: ComposedModel, opts: { promptControl?: boolean } = {}): { full: number; reduced: number } {
  const full = exploreExhaustive(model, { full: true, ...opts });
  const reduced = exploreExhaustive(model, { full: true, symmetry: true, ...opts });
  expect(reduced.properties.map((p) => p.verdict)).toEqual(full.properties.map((p) => p.verdict));
  reduced.properties.forEach((r, i) => {
    const cx = r.counterexample;
    expect(cx?.length).toBe(full.properties[i].counterexample?.length);
    if (!cx) return;
    const steps = cx.actions.map((action) => ({ action }));
    expect(replay(model, model.properties[i], steps, { initIndex: cx.initIndex, recoveryFrom: cx.recoveryFrom, promptControl: cx.promptControl }).violated).toBe(true);
  });
  return { full: Number(full.stats.distinctStates), reduced: Number(reduced.stats.distinctStates) };
}

/** `c` with its slice's array `field` re-declared by `declare` (the same items, the same codes). */
function redeclared<S>(c: Component<S, any, any>, field: string, declare: (item: Schema<unknown>, length: number) => Schema<unknown>): Component<S, any, any> {
  const schema = c.schema as unknown as { name?: string; fields: Record<string, Schema<unknown>> };
  const arr = schema.fields[field] as unknown as { item: Schema<unknown>; length: number };
  const name = (c.schema as unknown as { name: string }).name;
  return { ...c, schema: t.record(name, { ...schema.fields, [field]: declare(arr.item, arr.length) }) as unknown as Schema<S> };
}

describe('ec2 instance groups (instanceGroups)', () => {
  const groups = (o: Ec2Options) => instanceGroups(resolveEc2Options({ slots: 4, ...o }));
  it('without launches every slot is one group; with them the initial slots, then one group per never-used slot', () => {
    expect(groups({ initial: [0, 1] })).toEqual([0, 0, 0, 0]);
    expect(groups({ initial: [0, 1], ops: ['LaunchInstance'] })).toEqual([0, 0, 4, 5]);
    expect(groups({ initial: [0, 1], autoScaling: true })).toEqual([0, 0, 4, 5]);
    expect(groups({ initial: [0, 1, 0, 1], autoScaling: true })).toEqual([0, 0, 0, 0]);
    // A manual launch scans from manualFirstSlot: the initial slots below it are a group apart.
    expect(groups({ initial: [0, 1, 1], ops: ['LaunchInstance'], manualFirstSlot: 1 })).toEqual([0, 1, 1, 5]);
    expect(groups({ initial: [0, 1, 1], manualFirstSlot: 1 })).toEqual([0, 0, 0, 0]);
  });
  it('the schema declares them as the slot set instances', () => {
    const s = ec2Schema(3, 2, 1, 0, 'ebs', [0, 0, 4]) as unknown as { fields: { instances: { slots?: { set: string; groups?: readonly number[] } } } };
    expect(s.fields.instances.slots).toEqual({ set: 'instances', groups: [0, 0, 4] });
    const plain = ec2Schema(3, 2, 1, 0) as unknown as { fields: { instances: { slots?: unknown } } };
    expect(plain.fields.instances.slots).toBeUndefined();
  });
});

describe('az + ec2 + elb: the instance slots are a symmetry, every reachable state, every permutation', () => {
  // The last field: the reduced count, which a naive BFS over canonical states gave (rerun here for
  // the two configurations with never-used slots and unequal zones; pinned for the others, whose
  // naive BFS costs seconds of the quick suite).
  const configs: Record<string, [Ec2Options, number, (readonly number[]) | undefined, number | 'naive']> = {
    'three running instances, faults, terminate and relaunch': [{ initial: [0, 1, 0], ops: ['TerminateInstance', 'LaunchInstance'] }, 1, undefined, 22_937],
    'two running in one zone, one never used, stop and start': [{ initial: [0, 0], ops: ['StopInstance', 'StartInstance', 'RebootInstance'] }, 1, undefined, 21_450],
    'two running, one never used, launches (groups [0, 0, 4])': [{ initial: [0, 0], ops: ['LaunchInstance', 'TerminateInstance'] }, 1, undefined, 'naive'],
    'zones of different capacity (1 and 3)': [{ initial: [0, 1, 1], ops: ['TerminateInstance', 'LaunchInstance'] }, 1, [1, 3], 'naive'],
  };
  for (const [name, [o, faults, limit, reducedCount]] of Object.entries(configs)) {
    it(`${name}: checkSymmetry finds nothing; the reduced count is a naive BFS over canonical states`, () => {
      const model = fleet(o, [], faults, limit);
      expect(model.slotSymmetry.sets.map((s) => s.name)).toEqual(['az.zones', 'ec2.instances']);
      expect(model.slotSymmetry.dropped).toEqual([]);
      const check = checkSymmetry(model, model.slotSymmetry, { maxStates: 800 });
      expect(check.violations).toEqual([]);
      expect(check.exhaustive).toBe(true);
      expect(check.pairs).toBeGreaterThan(check.states);
      const full = exploreExhaustive(model, { full: true });
      const reduced = exploreExhaustive(model, { full: true, symmetry: true });
      const expected = reducedCount === 'naive' ? referenceBfs(model, model.canonical!).states : reducedCount;
      expect(Number(reduced.stats.distinctStates)).toBe(expected);
      expect(Number(reduced.stats.distinctStates)).toBeLessThan(Number(full.stats.distinctStates));
    });
  }

  it('does not merge instances of zones with different capacity, nor a never-used slot with a terminated one', () => {
    const model = fleet({ initial: [0, 1, 1], ops: ['TerminateInstance', 'LaunchInstance'] }, [], 1, [1, 3]);
    const w = model.init()[0];
    const ins = (w.ec2 as Ec2State).instances;
    const withInstances = (xs: readonly Instance[]): World => ({ ...w, ec2: { ...(w.ec2 as Ec2State), instances: xs } });
    const stopped = (x: Instance): Instance => ({ ...x, state: 'stopped' });
    // The instance of zone 0 stopped, or one of zone 1: not one orbit.
    const a = withInstances([stopped(ins[0]), ins[1], ins[2]]);
    const b = withInstances([ins[0], stopped(ins[1]), ins[2]]);
    expect(model.canonical!(a)).not.toEqual(model.canonical!(b));
    // Either instance of zone 1 stopped: one orbit, one representative.
    const c = withInstances([ins[0], ins[1], stopped(ins[2])]);
    expect(model.canonical!(b)).toEqual(model.canonical!(c));
    // The same slots with launches possible and slot 2 never used: slot 2 is a group of its own.
    const launching = fleet({ initial: [0, 1], ops: ['LaunchInstance', 'TerminateInstance'] }, [], 1);
    expect(launching.slotSymmetry.sets.find((x) => x.name === 'ec2.instances')!.groups).toEqual([0, 0, 4]);
    const v = launching.init()[0];
    const vi = (v.ec2 as Ec2State).instances;
    const terminated: Instance = { ...vi[0], state: 'terminated', az: 0, storeData: false };
    const swapped = { ...v, ec2: { ...(v.ec2 as Ec2State), instances: [vi[1], terminated, vi[2]] } };
    const first = { ...v, ec2: { ...(v.ec2 as Ec2State), instances: [terminated, vi[1], vi[2]] } };
    expect(launching.canonical!(swapped)).toEqual(launching.canonical!(first));
    const never = { ...v, ec2: { ...(v.ec2 as Ec2State), instances: [vi[0], vi[1], terminated] } };
    expect(launching.canonical!(never)).not.toEqual(launching.canonical!(first));
  });
});

describe('where the instance slots are not a symmetry', () => {
  it('one group across a never-used slot: the lowest free slot may be never used or terminated (checkSymmetry finds it)', () => {
    const o: Ec2Options = { slots: 3, initial: [0, 1], ops: ['LaunchInstance', 'TerminateInstance'] };
    const forced = redeclared(ec2(o), 'instances', (item, n) => t.slots('instances', item, n));
    const model = compose([az({ azs: 2 }), forced, elb({ slots: 3, registered: [0, 1] })], { maxFaults: 1 });
    expect(model.slotSymmetry.sets.find((x) => x.name === 'ec2.instances')!.groups).toEqual([0, 0, 0]);
    const check = checkSymmetry(model, model.slotSymmetry, { maxStates: 1500 });
    expect(check.violations.some((v) => v.startsWith('successors differ'))).toBe(true);
    // As declared (groups [0, 0, 4]): nothing.
    const declared = compose([az({ azs: 2 }), ec2(o), elb({ slots: 3, registered: [0, 1] })], { maxFaults: 1 });
    expect(checkSymmetry(declared, declared.slotSymmetry, { maxStates: 1500 }).violations).toEqual([]);
  });

  const composeAws = (group: Component<any, any, any>, maxFaults: number) =>
    compose([az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true }), group, elb({ registered: [0, 1], attachedToAsg: true })], { maxFaults });

  it('with asg (compose-aws): kept, every qualifying member is an action; a group that picks by slot order is caught by checkSymmetry', () => {
    const model = composeAws(asg({ min: 2, healthCheckType: 'ELB', elbHealthy }), 2);
    expect(model.slotSymmetry.sets.map((s) => s.name)).toEqual(['az.zones', 'ec2.instances']);
    expect(model.slotSymmetry.dropped).toEqual([]);
    const check = checkSymmetry(model, model.slotSymmetry, { maxStates: 1200 });
    expect(check.violations).toEqual([]);
    expect(check.pairs).toBeGreaterThan(check.states);
    // The same group made to pick its member by slot order (only the first AsgMarkUnhealthy or
    // AsgTerminate it enables): the successors of an orbit's states differ.
    const group = asg({ min: 2, healthCheckType: 'ELB', elbHealthy });
    const firstOnly: Component<any, any, any> = {
      ...group,
      actions: (w, out) => {
        const from = out.length;
        group.actions(w, out);
        const seen = new Set<string>();
        let to = from;
        for (let k = from; k < out.length; k++) {
          const type = (out[k] as { type: string }).type;
          if ((type === 'AsgMarkUnhealthy' || type === 'AsgTerminate') && seen.has(type)) continue;
          seen.add(type);
          out[to++] = out[k];
        }
        out.length = to;
      },
    };
    const wrong = composeAws(firstOnly, 2);
    expect(wrong.slotSymmetry.sets.map((s) => s.name)).toEqual(['az.zones', 'ec2.instances']);
    expect(checkSymmetry(wrong, wrong.slotSymmetry, { maxStates: 1200 }).violations.some((v) => v.startsWith('successors differ'))).toBe(true);
  });

  it('asg from another slot than 0, or with a health view of the caller own: its members are not declared, ec2 instances dropped', () => {
    const probe = (w: World, i: number) => i !== 0 && elbHealthy(w, i);
    // A probe of the caller's may tell instances and zones apart: nothing is kept.
    const own = composeAws(asg({ min: 2, healthCheckType: 'ELB', elbHealthy: probe }), 1);
    expect(own.canonical).toBeUndefined();
    expect(own.slotSymmetry.dropped).toEqual([
      { set: 'az.zones', reason: expect.stringContaining('asg may index') },
      { set: 'ec2.instances', reason: expect.stringContaining('asg reduces ec2') },
    ]);
    // Members from slot 1 are not ec2's slots 0..: the instances are dropped, the zones kept.
    const later = composeAws(asg({ min: 1, firstSlot: 1, slots: 2 }), 1);
    expect(later.slotSymmetry.sets.map((x) => x.name)).toEqual(['az.zones']);
    expect(later.slotSymmetry.dropped).toEqual([{ set: 'ec2.instances', reason: expect.stringContaining('asg reduces ec2') }]);
    expect(checkSymmetry(later, later.slotSymmetry, { maxStates: 1500 }).violations).toEqual([]);
    // The EC2 health check type never consults elbHealthy: a probe given for it names no slot that matters.
    expect(composeAws(asg({ min: 2, elbHealthy: probe }), 1).slotSymmetry.dropped).toEqual([]);
  });

  it('zones: kept only where every component declares them or treats them alike, with as many zones', () => {
    const sets = (m: ComposedModel) => m.slotSymmetry.sets.map((x) => x.name);
    // asg-single-az: the group's one subnet is zone 0 of two (asg treats 1 of 2 alike).
    const single = compose([az({ azs: 2 }), ec2({ slots: 3, initial: [0, 0], autoScaling: true }), asg({ azs: 1, min: 2 })], { maxFaults: 1 }) as unknown as ComposedModel;
    expect(single.slotSymmetry.dropped).toEqual([{ set: 'az.zones', reason: 'asg treats 1 of the 2 zones of az alike' }]);
    // ec2 built for two zones beside three.
    const wider = compose([az({ azs: 3 }), ec2({ slots: 2, azs: 2, initial: [0, 1] })], { maxFaults: 1 }) as unknown as ComposedModel;
    expect(wider.slotSymmetry.dropped).toEqual([{ set: 'az.zones', reason: 'ec2.instances[].az holds indices up to 1 for the 3 slots of az.zones' }]);
    expect(sets(wider)).toEqual(['ec2.instances']);
    // ebs keeps a volume's zone and declares nothing.
    const disks = compose([az({ azs: 2 }), ec2({ slots: 2, initial: [0, 1] }), ebs({ slots: 2, initial: [0, 1] })], { maxFaults: 1 }) as unknown as ComposedModel;
    expect(disks.slotSymmetry.dropped).toContainEqual({ set: 'az.zones', reason: expect.stringContaining('ebs may index') });
    // Declared anyway where asg knows one zone of two: checkSymmetry finds the zone swap is no symmetry.
    const forced = { ...asg({ azs: 1, min: 2 }), symmetricIn: [{ set: 'az.zones', length: 2 }] };
    const wrong = compose([az({ azs: 2, maxDown: 1, recoverable: false }), ec2({ slots: 3, initial: [0, 0], autoScaling: true, faults: ['HostFailure'] }), forced], { maxFaults: 1 }) as unknown as ComposedModel;
    expect(sets(wrong)).toContain('az.zones');
    expect(checkSymmetry(wrong, wrong.slotSymmetry, { maxStates: 1500 }).violations.some((v) => v.startsWith('successors differ'))).toBe(true);
  });

  it('zones and instances together on compose-aws: half the states, the reduced count a naive BFS over canonical states', () => {
    const model = composeAws(asg({ min: 2, healthCheckType: 'ELB', elbHealthy }), 1) as unknown as ComposedModel;
    const full = exploreExhaustive(model, { full: true });
    const reduced = exploreExhaustive(model, { full: true, symmetry: true });
    expect([Number(full.stats.distinctStates), Number(reduced.stats.distinctStates)]).toEqual([1316, 659]);
    expect(referenceBfs(model, model.canonical!).states).toBe(659);
  });

  it('ebs and eip hold instance indices (kept when detached) and declare no reference: dropped', () => {
    const withEip = compose([az({ azs: 2 }), ec2({ slots: 2, initial: [0, 1] }), eip({ slots: 2, count: 1, associated: [0], ops: ['RemapAddress'] })], { maxFaults: 1 });
    expect(withEip.slotSymmetry.dropped).toContainEqual({ set: 'ec2.instances', reason: expect.stringContaining('eip reduces ec2') });
    expect(withEip.canonical).toBeUndefined();
    const withEbs = compose([az({ azs: 2 }), ec2({ slots: 2, initial: [0, 1] }), ebs({ slots: 2, initial: [0, 1] })], { maxFaults: 1 });
    expect(withEbs.slotSymmetry.dropped).toContainEqual({ set: 'ec2.instances', reason: expect.stringContaining('ebs reduces ec2') });
  });

  it('an elb probe of the caller own (naming slot 0) or of another length: dropped', () => {
    const probe = (w: World, i: number) => i !== 0 && isHealthy(w, i);
    const own = compose([az({ azs: 2 }), ec2({ slots: 3, initial: [0, 1, 0] }), elb({ slots: 3, registered: [0, 1, 2], probe })], { maxFaults: 1 });
    expect(own.slotSymmetry.dropped).toEqual([
      { set: 'az.zones', reason: expect.stringContaining('elb may index') },
      { set: 'ec2.instances', reason: expect.stringContaining('elb reduces ec2') },
    ]);
    const short = compose([az({ azs: 2 }), ec2({ slots: 3, initial: [0, 1, 0] }), elb({ slots: 2, registered: [0, 1] })], { maxFaults: 1 });
    expect(short.slotSymmetry.dropped).toEqual([{ set: 'ec2.instances', reason: 'elb.targets has 2 items for the 3 slots of ec2.instances' }]);
    expect((short.init()[0].elb as ElbState).targets).toHaveLength(2);
  });
});

describe('the same verdicts with and without symmetry, counterexamples concrete', () => {
  it('always, sometimes and recovers on az + ec2 + elb (AtLeastNHealthy(2) fails, NPlusOneRestored fails: no one relaunches)', () => {
    const model = fleet({ initial: [0, 1, 0], ops: ['TerminateInstance', 'LaunchInstance'] }, [atLeastNHealthy(1), atLeastNHealthy(2), nPlusOneRestored(1, 6), reachedInstanceFailure()], 1);
    const { full, reduced } = sameVerdicts(model);
    expect(reduced).toBeLessThan(full);
    const v = exploreExhaustive(model, { symmetry: true }).properties.map((p) => p.verdict);
    expect(v).toEqual(['fails', 'fails', 'fails', 'reached']);
  });

  it('with prompt control, as faultline check runs a composition', () => {
    const model = fleet({ initial: [0, 1, 0], ops: ['RebootInstance'] }, [atLeastNHealthy(1), nPlusOneRestored(2, 6)], 1);
    const { full, reduced } = sameVerdicts(model, { promptControl: true });
    expect(reduced).toBeLessThan(full);
  });

  it('every bundled scenario that applies ec2 instances: the same verdicts and counterexample lengths', () => {
    const applying: string[] = [];
    for (const sc of bundledScenarios) {
      if (!sc.modes.includes('exhaustive')) continue;
      const model = sc.build(resolveParameters(sc, {})) as ComposedModel;
      if (!model.slotSymmetry?.sets.some((s) => s.name.endsWith('.instances'))) continue;
      applying.push(sc.name);
      expect(checkSymmetry(model, model.slotSymmetry, { maxStates: 500 }).violations).toEqual([]);
      sameVerdicts(model, { promptControl: true });
    }
    expect(applying).toEqual([
      'ami-replacement:instance-store', 'asg-n-plus-1', 'asg-single-az', 'asg-capacity:no-reservation', 'asg-capacity:reserved',
      'asg-health-check:ec2', 'asg-health-check:elb', 'asg-elb-grace-zero', 'instance-rotation:launch-first', 'instance-rotation:terminate-first',
      'multi-az-web', 'gray-az-elb-unreachable:ec2-checks', 'gray-az-elb-unreachable:elb-checks', 'gray-az-ebs-stuck:ec2-checks',
      'gray-az-ebs-stuck:elb-checks', 'gray-az-ebs-stuck:balanced-only', 'web-tier:web-group', 'legacy-server:workers',
    ]);
  });
});
