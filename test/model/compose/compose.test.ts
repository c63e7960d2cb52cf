import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { az, azOutage, azRecover, azUp, type AzState } from '../../../model/aws/az/index.js';
import { asg, type AsgState } from '../../../model/aws/asg/index.js';
import { capacity, type CapacityState } from '../../../model/aws/capacity/index.js';
import type { Component, World } from '../../../model/compose/component.js';
import { compose, tick, TICK, type FaultsState } from '../../../model/compose/compose.js';
import { ec2, launchInstance, occupiedInAz, type Ec2State } from '../../../model/aws/ec2/index.js';
import type { Action } from '../../../model/core/model.js';
import { t, type Schema } from '../../../model/core/schema.js';
import { deepFreeze, enabledLabels, run } from '../support.js';

const RecSlice = t.record('Rec', { seen: t.int(0, 7), okAtStep: t.bool() });
type RecSlice = { readonly seen: number; readonly okAtStep: boolean };
const NO_ACTIONS = { op: [], fault: [], control: [] };

/** A test component counting the actions routed to it; `okAtStep` records whether zone 0 was up in the world it saw. */
function recorder(name: string, subscribes: string[], extra: Partial<Component<RecSlice>> = {}) {
  const calls = { n: 0 };
  const c: Component<RecSlice> = {
    name,
    schema: RecSlice,
    parameters: [],
    catalog: NO_ACTIONS,
    subscribes,
    init: () => ({ seen: 0, okAtStep: false }),
    actions: () => {},
    reduce(slice, _a, world) {
      calls.n++;
      return { seen: Math.min(7, slice.seen + 1), okAtStep: azUp(world, 0) };
    },
    ...extra,
  };
  return { c, calls };
}

describe('compose routing', () => {
  it('routes one AZ outage to every subscriber in one step, and only to them', () => {
    const lb = recorder('lb', ['AzOutage']);
    const db = recorder('db', ['AzOutage', 'AzRecover']);
    const queue = recorder('queue', []);
    const m = compose([az(), lb.c, db.c, queue.c]);
    const s0 = m.init()[0];
    const s1 = m.next(s0, azOutage(0));
    expect((s1.az as AzState).up).toEqual([false, true]);
    expect(s1.lb).toEqual({ seen: 1, okAtStep: true }); // each reducer saw the OLD world: zone 0 still up
    expect(s1.db).toEqual({ seen: 1, okAtStep: true });
    expect(s1.queue).toBe(s0.queue);
    expect([lb.calls.n, db.calls.n, queue.calls.n]).toEqual([1, 1, 0]);
    const s2 = m.next(s1, azRecover(0));
    expect([lb.calls.n, db.calls.n]).toEqual([1, 2]);
    expect(s2.lb).toBe(s1.lb);
  });

  it('builds worlds with the components in order, and returns the same world when nothing changed', () => {
    const noop: Action = { type: 'Noop', kind: 'op' };
    const idle = recorder('idle', ['Noop'], {
      catalog: { op: ['Noop'], fault: [], control: [] },
      actions: (_w, out) => void out.push(noop),
      reduce: (slice) => slice,
    });
    const m = compose([az(), idle.c], { maxFaults: 1 });
    const s0 = m.init()[0];
    expect(Object.keys(s0)).toEqual(['az', 'idle', 'faults']);
    expect(m.next(s0, noop)).toBe(s0);
    expect(Object.keys(m.next(s0, azOutage(1)))).toEqual(['az', 'idle', 'faults']);
  });

  it('enables Tick only while some timer runs', () => {
    const m = compose([az(), ec2({ slots: 1, ops: ['LaunchInstance'], faults: [], bootSeconds: 120 })]);
    const s0 = m.init()[0];
    expect(enabledLabels(m, s0)).not.toContain('Tick');
    const s1 = run(m, [launchInstance(0, 0)]);
    expect(enabledLabels(m, s1).at(-1)).toBe('Tick');
    const s2 = run(m, [tick()], s1);
    expect(enabledLabels(m, s2)).toContain('Tick');
    const s3 = run(m, [tick()], s2);
    expect(enabledLabels(m, s3)).not.toContain('Tick');
    expect(tick()).toBe(TICK);
  });

  it('stops offering faults once the global budget is spent; ops stay', () => {
    const m = compose([az({ azs: 3, maxDown: 2 }), capacity({ azs: 3 }), ec2({ slots: 1, azs: 3, ops: ['LaunchInstance'], faults: [] })], { maxFaults: 1 });
    const s0 = m.init()[0];
    expect((s0.faults as FaultsState).used).toBe(0);
    const s1 = run(m, [azOutage(0)]);
    expect((s1.faults as FaultsState).used).toBe(1);
    // no more outages, no repair either: the failed zone stays down
    expect(enabledLabels(m, s1)).toEqual(['LaunchInstance(0, 1)', 'LaunchInstance(0, 2)']);
    expect(() => m.next(s1, azRecover(0))).toThrow(/fault budget/);
    const s2 = run(m, [launchInstance(0, 1)], s1);
    expect((s2.faults as FaultsState).used).toBe(1);
  });

  it('names components, formats and marks recovery actions', () => {
    const fancy = recorder('fancy', ['Poke'], {
      catalog: { op: ['Poke'], fault: [], control: [] },
      format: (a) => `poke!${(a as Action & { n: number }).n}`,
    });
    const m = compose([az(), fancy.c], { recovery: ['Poke'] });
    const poke = { type: 'Poke', kind: 'op', n: 3 } as Action;
    expect(m.component!(azOutage(0))).toBe('az');
    expect(m.component!(poke)).toBe('fancy');
    expect(m.component!(TICK)).toBe('compose');
    expect(m.format!(poke)).toBe('poke!3');
    expect(m.format!(azOutage(1))).toBe('AzOutage(1)');
    expect(m.isRecovery!(poke)).toBe(true);
    expect(m.isRecovery!(azOutage(0))).toBe(false);
  });
});

describe('compose errors', () => {
  it('rejects duplicate names', () => {
    expect(() => compose([az(), az()])).toThrow(/two components are named "az"/);
  });
  it('rejects an action type originated by two components', () => {
    const rogue = recorder('rogue', [], { catalog: { op: [], fault: ['AzOutage'], control: [] } });
    expect(() => compose([az(), rogue.c])).toThrow(/AzOutage is originated by both az and rogue/);
  });
  it('rejects a subscription to a type nobody originates', () => {
    const lonely = recorder('lonely', ['QueueEmptied']);
    expect(() => compose([az(), lonely.c])).toThrow(/lonely subscribes to QueueEmptied, which no component originates/);
    expect(() => compose([ec2()])).toThrow(/ec2 subscribes to AzOutage/);
  });
  it('rejects a component originating Tick, an unknown recovery type and the reserved faults name', () => {
    const ticker = recorder('ticker', ['Tick'], { catalog: { op: [], fault: [], control: ['Tick'] } });
    expect(() => compose([ticker.c])).toThrow(/only compose originates/);
    expect(() => compose([az()], { recovery: ['Remap'] })).toThrow(/recovery action Remap/);
    expect(() => compose([recorder('faults', []).c], { maxFaults: 1 })).toThrow(/reserved/);
  });
});

// ---- Property tests over the small composition: az + capacity + ec2 + asg, 2 AZs, min 2 ----

function small(maxFaults?: number, maintenancePolicy: 'launch-first' | 'terminate-first' = 'launch-first') {
  const components = [
    az(),
    capacity({ limitPerAz: 2, reserved: [1, 0] }),
    ec2({ slots: 3, initial: [0, 1], autoScaling: true, ops: ['RebootInstance', 'StopInstance', 'StartInstance'], autoRecoverySeconds: 60 }),
    asg({ min: 2, healthCheckType: 'ELB', gracePeriodSeconds: 120, instanceRefresh: true, maintenancePolicy }),
  ] as Component[];
  const fields: Record<string, Schema<unknown>> = {};
  for (const c of components) fields[c.name] = c.schema;
  if (maxFaults !== undefined) fields.faults = t.record('Faults', { used: t.int(0, maxFaults) });
  return { model: compose(components, { maxFaults }), schema: t.record('World', fields as never) };
}

/** Invariants of the composition: each slot is in exactly one of free / member / leaving, and the books agree. */
function checkBooks(s: World): void {
  const ins = (s.ec2 as Ec2State).instances;
  const members = (s.asg as AsgState).members;
  let free = 0;
  let inGroup = 0;
  let leaving = 0;
  for (let i = 0; i < ins.length; i++) {
    const st = ins[i].state;
    const isFree = st === 'none' || st === 'terminated';
    const isMember = st === 'pending' || st === 'running' || st === 'stopping' || st === 'stopped';
    const isLeaving = st === 'shutting-down';
    expect(Number(isFree) + Number(isMember) + Number(isLeaving)).toBe(1);
    free += Number(isFree);
    inGroup += Number(isMember);
    leaving += Number(isLeaving);
    if (isFree) expect(members[i]).toEqual({ unhealthy: false, replace: false, grace: 0, impaired: 0, age: 0 });
    if (ins[i].timer > 0) expect(st === 'pending' || (st === 'running' && !ins[i].systemOk)).toBe(true);
  }
  expect(free + inGroup + leaving).toBe(ins.length);
  expect(inGroup).toBeLessThanOrEqual(3);
  const cap = s.capacity as CapacityState;
  for (let z = 0; z < 2; z++) expect(occupiedInAz(s, z)).toBeLessThanOrEqual(Math.max(cap.limit[z], cap.reserved[z]));
}

describe('compose properties (az + capacity + ec2 + asg)', () => {
  for (const [maxFaults, policy] of [[undefined, 'terminate-first'], [2, 'launch-first']] as const) {
    it(`random walks keep next pure, deterministic, in-schema and codec-exact (maxFaults ${maxFaults ?? 'unset'}, ${policy})`, () => {
      const { model, schema } = small(maxFaults, policy);
      const code = new Uint32Array(model.codeWords!);
      const taken = new Set<string>();
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 80 }), (choices) => {
          let s = model.init()[0];
          for (const choice of choices) {
            deepFreeze(s);
            const enabled = model.actions(s);
            expect(enabledLabels(model, s)).toEqual(enabled.map((a) => model.format!(a))); // stable order
            if (enabled.length === 0) return;
            const a = enabled[choice % enabled.length];
            taken.add(a.type);
            const next = model.next(s, a); // throws on a frozen input if it mutates
            expect(model.next(s, a)).toEqual(next);
            schema.validate(next);
            checkBooks(next);
            model.encode!(next, code, 0);
            const back = model.decode!(code, 0);
            expect(back).toEqual(next);
            expect(Object.keys(back)).toEqual(Object.keys(next));
            s = next;
          }
        }),
        { seed: 42, numRuns: maxFaults === undefined ? 300 : 150 },
      );
      // the walks did reach the interesting transitions (without a budget, faults crowd out
      // most replacements: about 12 faults are enabled for every control step)
      const reached = ['AzOutage', 'InsufficientCapacity', 'HostFailure', 'AutoRecover', 'AsgMarkUnhealthy', 'AsgTerminate', 'InstanceTerminated', 'StartInstanceRefresh', 'Tick'];
      if (maxFaults !== undefined) reached.push('AsgLaunch', 'InstanceRunning');
      for (const type of reached) expect(taken).toContain(type);
    });
  }

  it('round-trips every world reachable within 7 steps through the codec', () => {
    const { model } = small(2);
    const code = new Uint32Array(model.codeWords!);
    const seen = new Set<string>();
    let frontier = [...model.init()];
    for (let depth = 0; depth < 7; depth++) {
      const next: World[] = [];
      for (const s of frontier) {
        model.encode!(s, code, 0);
        const key = code.join(',');
        if (seen.has(key)) continue;
        seen.add(key);
        expect(model.decode!(code, 0)).toEqual(s);
        for (const a of model.actions(s)) next.push(model.next(s, a));
      }
      frontier = next;
    }
    expect(seen.size).toBeGreaterThan(500);
  });
});

describe('compose: what a component requires of the others (Component.requires), asked once on the initial world', () => {
  it('refuses a group past ec2\'s slots in one line, naming both sizes, where it used to blame an absent Region', () => {
    expect(() => compose([az(), ec2({ slots: 2, initial: [0], autoScaling: true }), asg({ min: 2 })]))
      .toThrow(/^compose: asg uses ec2 slots 0\.\.2, but ec2 has 2 \(give ec2 slots: 3, or the group fewer slots\)$/);
    // Through a named instance's view: the group sees its own ec2.
    expect(() => compose([az(), ec2({ name: 'webEc2', slots: 2, initial: [0], autoScaling: true }), asg({ name: 'web', min: 2, uses: { ec2: 'webEc2' } })]))
      .toThrow(/^compose: web uses ec2 slots 0\.\.2, but ec2 has 2/);
    // A group that fits, from a later slot, composes.
    expect(() => compose([az(), ec2({ slots: 3, initial: [0], autoScaling: true }), asg({ min: 1, firstSlot: 1, slots: 2 })])).not.toThrow();
  });

  it('refuses a group that launches into zones ec2 does not have (read from the world\'s schema), where the run stopped at the first such launch', () => {
    expect(() => compose([az({ azs: 3 }), ec2({ slots: 3, azs: 2, initial: [0, 1], autoScaling: true }), asg({ azs: 3, min: 2 })]))
      .toThrow(/^compose: asg launches into zones 0\.\.2, but ec2 has 2 zones \(give ec2 azs: 3, or asg azs: 2\)$/);
    expect(() => compose([az({ azs: 2 }), ec2({ slots: 3, azs: 1, initial: [0], autoScaling: true }), asg({ azs: 2, min: 1 })]))
      .toThrow(/^compose: asg launches into zones 0\.\.1, but ec2 has 1 zone \(give ec2 azs: 2, or asg azs: 1\)$/);
    // Through a named instance's view: the group reads its own ec2's zones.
    expect(() => compose([az({ azs: 3 }), ec2({ name: 'webEc2', slots: 3, azs: 2, initial: [0, 1], autoScaling: true }), ec2({ name: 'bigEc2', slots: 2, azs: 3 }), asg({ name: 'web', azs: 3, min: 2, uses: { ec2: 'webEc2' } })]))
      .toThrow(/^compose: web launches into zones 0\.\.2, but ec2 has 2 zones/);
    expect(() => compose([az({ azs: 3 }), ec2({ name: 'webEc2', slots: 3, azs: 3, initial: [0, 1], autoScaling: true }), ec2({ name: 'smallEc2', slots: 2, azs: 1 }), asg({ name: 'web', azs: 3, min: 2, uses: { ec2: 'webEc2' } })])).not.toThrow();
    // Fewer zones than ec2's, or as many, compose.
    expect(() => compose([az({ azs: 3 }), ec2({ slots: 3, azs: 3, initial: [0, 1], autoScaling: true }), asg({ azs: 2, min: 2 })])).not.toThrow();
    expect(() => compose([az({ azs: 3 }), ec2({ slots: 3, azs: 3, initial: [0, 1], autoScaling: true }), asg({ azs: 3, min: 2 })])).not.toThrow();
  });

  it('asks the component once, with the initial world, and names it in the error', () => {
    const seen: World[] = [];
    const base = az() as unknown as Component;
    const picky: Component = { ...base, requires: (w) => (seen.push(w), 'needs something else') };
    expect(() => compose([picky])).toThrow(/^compose: az needs something else$/);
    expect(seen).toHaveLength(1);
    expect(seen[0].az).toEqual(base.init());
    const schemas: unknown[] = [];
    compose([{ ...base, requires: (_w, schema) => (schemas.push(schema), undefined) }]);
    expect(schemas).toHaveLength(1);
    expect((schemas[0] as { fields: object }).fields).toHaveProperty('az');
    const content: Component = { ...base, requires: () => undefined };
    expect(() => compose([content])).not.toThrow();
  });
});
