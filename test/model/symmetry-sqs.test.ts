// sqs's workers declared as a slot set (model/aws/sqs/state.ts): the declaration checked state
// by state (engine/symmetry.ts), where it must not hold (processing as long as the visibility
// timeout) and must not merge (workers of other zones), the composition's rule (a component
// that reduces sqs's actions keeps the symmetry only by declaring its references), and the
// same verdicts and replayable counterexamples with and without reduction.
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { checkSymmetry } from '../../engine/symmetry.js';
import { replay } from '../../engine/trace.js';
import { az } from '../../model/aws/az/index.js';
import { sqs, type SqsOptions, type SqsState, type SqsWorker } from '../../model/aws/sqs/index.js';
import type { Component, World } from '../../model/compose/component.js';
import { compose, type ComposedModel } from '../../model/compose/compose.js';
import type { Action } from '../../model/core/model.js';
import { always, sometimes } from '../../model/core/property.js';
import { t, type Schema } from '../../model/core/schema.js';
import { compileSymmetry } from '../../model/core/symmetry.js';
import { noDuplicateProcessing, noEndlessRedelivery, noLostMessage, reachedAzOutage, reachedDeadLetter, reachedWorkerCrashMidMessage } from '../../properties/data.js';
import { bundledScenarios } from '../../scenarios/index.js';
import { referenceBfs } from '../engine/reference-bfs.js';

const queue = (o: SqsOptions) => sqs({ retentionSeconds: Infinity, tickSeconds: 30, ...o });

/** Every permutation of `xs`. */
function permutations(xs: readonly number[]): number[][] {
  if (xs.length <= 1) return [[...xs]];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

/**
 * A canonical form written here, apart from symmetry.ts: the least JSON of the world over every
 * renaming of the workers that keeps each in its zone (`groups`; all in one without), with
 * `rename` applied to whatever else names a worker.
 */
function bruteForce(groups: readonly number[], rename: (w: World, inverse: readonly number[]) => World = (w) => w): (w: World) => World {
  const n = groups.length;
  const perms = permutations(Array.from({ length: n }, (_, i) => i)).filter((p) => p.every((old, pos) => groups[old] === groups[pos]));
  return (w) => {
    let best: World | undefined;
    let bestKey = '';
    for (const p of perms) {
      const inverse: number[] = [];
      p.forEach((old, pos) => (inverse[old] = pos));
      const q = w.sqs as SqsState;
      const moved = rename({ ...w, sqs: { ...q, workers: p.map((old) => q.workers[old]) } }, inverse);
      const k = JSON.stringify(moved);
      if (best === undefined || k < bestKey) [best, bestKey] = [moved, k];
    }
    return best!;
  };
}

/** The composition's schema with sqs's workers declared one slot set in one group, whatever the options say. */
function forcedWorkers(model: ComposedModel): ReturnType<typeof compileSymmetry<World>> {
  const world = model.schema as unknown as { fields: Record<string, Schema<unknown>> };
  const q = world.fields.sqs as unknown as { fields: Record<string, Schema<unknown>> };
  const workers = q.fields.workers as unknown as { item: Schema<SqsWorker>; length: number };
  const slice = t.record('SqsState', { ...q.fields, workers: t.slots('workers', workers.item, workers.length) });
  return compileSymmetry(t.record('World', { ...world.fields, sqs: slice }) as unknown as Schema<World>);
}

/** Runs both ways; every counterexample found under reduction has the unreduced length and replays on the real model. */
function sameVerdicts(model: ComposedModel): { full: number; reduced: number } {
  const full = exploreExhaustive(model, { full: true });
  const reduced = exploreExhaustive(model, { full: true, symmetry: true });
  expect(reduced.properties.map((p) => p.verdict)).toEqual(full.properties.map((p) => p.verdict));
  reduced.properties.forEach((r, i) => {
    const cx = r.counterexample;
    expect(cx?.length).toBe(full.properties[i].counterexample?.length);
    if (!cx) return;
    const steps = cx.actions.map((action) => ({ action }));
    expect(replay(model, model.properties[i], steps, { initIndex: cx.initIndex, recoveryFrom: cx.recoveryFrom }).violated).toBe(true);
  });
  return { full: full.stats.distinctStates!, reduced: reduced.stats.distinctStates! };
}

describe('sqs workers are a symmetry of the queue: every reachable state, every permutation', () => {
  const configs: Record<string, SqsOptions> = {
    'instant processing, copies, crashes': { messages: 2, workers: 3 },
    'processing shorter than the timeout, heartbeats and releases': { messages: 2, workers: 2, processingSeconds: 30, visibilityTimeoutSeconds: 60, extendVisibility: true, releaseVisibility: true },
    'lost send responses, producer retries': { messages: 2, workers: 2, processingSeconds: 30, visibilityTimeoutSeconds: 60, maxLostSendResponses: 1 },
    'a poison message and a DLQ': { messages: 2, workers: 2, processingSeconds: 30, visibilityTimeoutSeconds: 60, poisonMessages: [1], deadLetterQueue: true, maxReceiveCount: 1 },
    'FIFO groups': { messages: 3, workers: 3, fifo: true, messageGroups: [0, 0, 1] },
    'retention and delays': { messages: 2, workers: 2, retentionSeconds: 120, delaySeconds: 30, processingSeconds: 30, visibilityTimeoutSeconds: 60 },
  };
  for (const [name, o] of Object.entries(configs)) {
    it(name, () => {
      const model = compose([queue(o)], { properties: [noLostMessage(), noDuplicateProcessing(), reachedWorkerCrashMidMessage()] });
      expect(model.slotSymmetry.sets).toEqual([{ name: 'sqs.workers', length: o.workers, groups: new Array(o.workers).fill(0) }]);
      const c = checkSymmetry(model, model.slotSymmetry, { maxStates: 20_000 });
      expect(c.violations).toEqual([]);
      expect(c.exhaustive).toBe(true);
      expect(c.states).toBeGreaterThan(500);
    });
  }

  it('with zones: AzOutage crashes one zone, workers move only within theirs', () => {
    const model = compose([az({ azs: 2, maxDown: 1 }), queue({ messages: 2, workers: 3, workerAzs: [0, 1, 0], restartSeconds: 60 })], { properties: [noLostMessage(), reachedAzOutage()] });
    expect(model.slotSymmetry.sets).toEqual([{ name: 'sqs.workers', length: 3, groups: [0, 1, 0] }]);
    const c = checkSymmetry(model, model.slotSymmetry, { maxStates: 8_000 });
    expect(c.violations).toEqual([]);
    expect(c.states).toBe(8_000);
  });
});

describe('where the workers must not be exchanged', () => {
  it('processing as long as the visibility timeout: sqs declares no slot set, and a forced one is caught', () => {
    const model = compose([queue({ messages: 2, workers: 3, processingSeconds: 30, visibilityTimeoutSeconds: 30 })], { properties: [noDuplicateProcessing()] });
    expect(model.slotSymmetry.sets).toEqual([]);
    expect(model.canonical).toBeUndefined();
    expect(() => exploreExhaustive(model, { symmetry: true })).toThrow('symmetry reduction needs the model to define canonical(s)');
    // Declared anyway: the flush's worker order matters (one order deletes, the other receives first).
    const forced = forcedWorkers(model)!;
    const c = checkSymmetry({ ...model, canonical: (s: World) => forced.canonical(s) }, forced, { maxStates: 2_000 });
    expect(c.violations.length).toBeGreaterThan(0);
    expect(c.violations[0]).toMatch(/^successors differ on /);
  });

  it('asymmetric zones (two workers in zone 0, one in zone 1): only the two are merged', () => {
    const groups = [0, 0, 1];
    const model = compose([az({ azs: 2, maxDown: 1 }), queue({ messages: 1, workers: 3, workerAzs: groups, restartSeconds: 60 })], {
      properties: [noLostMessage(), sometimes<World>('Zone1WorkerDown', (w) => (w.sqs as SqsState).workers[2].status === 'down'), reachedAzOutage()],
    });
    const reduced = exploreExhaustive(model, { symmetry: true, full: true });
    const zoned = referenceBfs(model, bruteForce(groups));
    const zoneBlind = referenceBfs(model, bruteForce([0, 0, 0]));
    const full = exploreExhaustive(model, { full: true });
    expect(reduced.stats.distinctStates).toBe(zoned.states);
    expect(reduced.stats.transitions).toBe(zoned.transitions);
    expect(zoneBlind.states).toBeLessThan(zoned.states);
    expect(zoned.states).toBeLessThan(full.stats.distinctStates!);
    expect(reduced.properties.map((p) => p.verdict)).toEqual(full.properties.map((p) => p.verdict));
    // A zone-blind declaration would merge a zone-1 worker with a zone-0 one: the check refuses it.
    const blind = forcedWorkers(model)!;
    const c = checkSymmetry({ ...model, canonical: (s: World) => blind.canonical(s) }, blind, { maxStates: 1_000 });
    expect(c.violations.length).toBeGreaterThan(0);
  });
});

/** A component that hears sqs's WorkerCrash and keeps the crashed worker's index. */
function crashLog(workers: number, declared: boolean): Component<{ readonly last: number }> {
  const schema = t.record('CrashLog', { last: declared ? t.slotRef('sqs.workers', workers, { none: -1 }) : t.int(-1, workers - 1) });
  return {
    name: 'log',
    schema: schema as unknown as Schema<{ readonly last: number }>,
    parameters: [],
    catalog: { op: [], fault: [], control: [] },
    subscribes: ['WorkerCrash'],
    init: () => ({ last: -1 }),
    actions: () => {},
    reduce: (_slice, a) => ({ last: (a as Action & { worker: number }).worker }),
  };
}

const lastCrashedDown = always<World>('LastCrashedIsDown', (w) => {
  const last = (w.log as { last: number }).last;
  return last < 0 || (w.sqs as SqsState).workers[last].status === 'down';
});

describe('a composition keeps the workers symmetric only where every component that hears sqs declares its references', () => {
  const options: SqsOptions = { messages: 1, workers: 3, maxCrashes: 2, restartSeconds: 30 };

  it('a component keeping a worker index without declaring it: the set is dropped, with the reason', () => {
    const model = compose([queue(options), crashLog(3, false)], { properties: [noLostMessage(), lastCrashedDown] });
    expect(model.slotSymmetry.sets).toEqual([]);
    expect(model.slotSymmetry.dropped).toEqual([{ set: 'sqs.workers', reason: "log reduces sqs's actions, which may name its workers slots, and declares no reference to them (t.slotRef or t.perSlot)" }]);
    expect(model.canonical).toBeUndefined();
    // Kept anyway, the workers would move without the log's index: states that differ would be merged.
    const unsound = forcedWorkers(model)!;
    const c = checkSymmetry({ ...model, canonical: (s: World) => unsound.canonical(s) }, unsound, { maxStates: 500 });
    expect(c.violations.some((v) => v.startsWith('properties differ'))).toBe(true);
  });

  it('declared with t.slotRef: kept, the index renamed with the workers, counts as a naive BFS over the brute-force form', () => {
    const model = compose([queue(options), crashLog(3, true)], { properties: [noLostMessage(), lastCrashedDown, reachedWorkerCrashMidMessage()] });
    expect(model.slotSymmetry).toMatchObject({ sets: [{ name: 'sqs.workers', length: 3 }], dropped: [] });
    const renameLog = (w: World, inverse: readonly number[]): World => {
      const last = (w.log as { last: number }).last;
      return { ...w, log: { last: last < 0 ? -1 : inverse[last] } };
    };
    const reduced = exploreExhaustive(model, { symmetry: true, full: true });
    const ref = referenceBfs(model, bruteForce([0, 0, 0], renameLog));
    const full = exploreExhaustive(model, { full: true });
    expect(reduced.stats.distinctStates).toBe(ref.states);
    expect(reduced.stats.transitions).toBe(ref.transitions);
    expect(reduced.stats.distinctStates).toBeLessThan(full.stats.distinctStates! / 2);
    // The crashed worker restarts: LastCrashedIsDown fails, on the same shortest path either way.
    expect(full.properties.map((p) => p.verdict)).toEqual(['holds', 'fails', 'reached']);
    sameVerdicts(model);
    expect(checkSymmetry(model, model.slotSymmetry, { maxStates: 3_000 }).violations).toEqual([]);
  });

  it('a component that does not hear sqs needs no declaration (az), and named instances resolve kind.set', () => {
    expect(compose([az(), queue(options)]).slotSymmetry.sets.map((s) => s.name)).toEqual(['sqs.workers']);
    const named: ComposedModel = compose([sqs({ retentionSeconds: Infinity, tickSeconds: 30, ...options, name: 'jobs' }), { ...crashLog(3, true), uses: { sqs: 'jobs' } }]);
    expect(named.slotSymmetry).toMatchObject({ sets: [{ name: 'jobs.workers' }], dropped: [] });
    const s = named.init()[0];
    const crashed = named.next(s, named.actions(s).find((a) => a.type === 'jobs.WorkerCrash' && (a as Action & { worker: number }).worker === 0)!);
    expect(crashed.log).toEqual({ last: 0 });
    // Wherever the representative puts the down worker, the log follows it; a crash of another
    // worker has the same representative.
    const c = named.canonical!(crashed);
    const statuses = (c.jobs as SqsState).workers.map((w) => w.status);
    expect([...statuses].sort()).toEqual(['down', 'idle', 'idle']);
    expect(statuses[(c.log as { last: number }).last]).toBe('down');
    const other = named.next(s, named.actions(s).find((a) => a.type === 'jobs.WorkerCrash' && (a as Action & { worker: number }).worker === 2)!);
    expect(other.log).toEqual({ last: 2 });
    expect(named.canonical!(other)).toEqual(c);
  });
});

describe('the same verdicts with and without symmetry, counterexamples concrete', () => {
  it('always, sometimes and recovers on a poison queue with two workers (NoEndlessRedelivery fails without a DLQ)', () => {
    for (const dlq of [false, true]) {
      const model = compose(
        [queue({ messages: 2, workers: 2, processingSeconds: 30, visibilityTimeoutSeconds: 60, poisonMessages: [0], ...(dlq ? { deadLetterQueue: true, maxReceiveCount: 2 } : {}) })],
        { properties: [noEndlessRedelivery({ within: 12 }), noLostMessage(), noDuplicateProcessing(), reachedWorkerCrashMidMessage(), ...(dlq ? [reachedDeadLetter()] : [])] },
      );
      const { full, reduced } = sameVerdicts(model);
      expect(reduced).toBeLessThan(full);
      const r = exploreExhaustive(model, { symmetry: true }).properties;
      expect(r[0].verdict).toBe(dlq ? 'holds' : 'fails');
      expect(r[2].verdict).toBe('fails');
    }
  });

  it('every bundled scenario whose workers are symmetric: the same verdicts and counterexample lengths, fewer states', () => {
    const reducing: string[] = [];
    for (const sc of bundledScenarios) {
      const model = (typeof sc.model === 'function' ? sc.model(sc.parameters ?? {}) : sc.model) as ComposedModel;
      if (model.slotSymmetry === undefined || model.slotSymmetry.sets.length === 0) continue;
      const { full, reduced } = sameVerdicts(model);
      expect(reduced).toBeLessThanOrEqual(full);
      if (reduced < full) reducing.push(sc.name);
    }
    // The fleets with an Auto Scaling group reduce too (zones and instance slots: symmetry-fleet.test.ts).
    expect(reducing).toEqual([
      'asg-n-plus-1', 'asg-single-az', 'asg-capacity:no-reservation', 'asg-capacity:reserved', 'asg-health-check:ec2', 'asg-health-check:elb',
      'asg-elb-grace-zero', 'instance-rotation:launch-first', 'instance-rotation:terminate-first', 'gray-az-elb-unreachable:ec2-checks',
      'gray-az-elb-unreachable:elb-checks', 'gray-az-ebs-stuck:ec2-checks', 'gray-az-ebs-stuck:elb-checks', 'gray-az-ebs-stuck:balanced-only',
      'sqs-retention:expires', 'sqs-retention:long-enough', 'sqs-retention:dlq-longer', 'sqs-standard-duplicates', 'sqs-fifo-dedup',
      'sqs-producer-retry:after-interval', 'sqs-producer-retry:new-dedup-id', 'web-tier:web-group', 'legacy-server:workers',
    ]);
  });

  it('sqs-workers with three workers (two in zone 0): fewer states, the same verdicts', () => {
    const sc = bundledScenarios.find((s) => s.name === 'sqs-workers')!;
    const model = (sc.model as (p: Record<string, number>) => ComposedModel)({ messages: 1, workers: 3 });
    expect(model.slotSymmetry.sets[0].groups).toEqual([0, 1, 0]);
    const { full, reduced } = sameVerdicts(model);
    expect(reduced).toBeLessThan(full);
  });
});
