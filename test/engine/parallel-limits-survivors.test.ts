// Mutation survivors of engine/parallel/explore.ts (MUTATION.md, engine-h), lines 214-297: the string
// dictionary merged at each level's barrier (8-bit ids), the level loop's stops (a stop inside an
// expansion or an insert, maxDepth, every property decided) and maxStates' shares per worker.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exploreExhaustive, type ExhaustiveOptions } from '../../engine/bfs.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import { loadModelRef, type ModelRef } from '../../engine/model-ref.js';
import type { Report } from '../../engine/report.js';
import { codesOwned, ENTERED, RELEASE } from '../fixtures/parallel-limits-models.js';

const LIMITS = new URL('../fixtures/parallel-limits-models.ts', import.meta.url).href;
const PLAIN = new URL('../fixtures/parallel-plain-models.ts', import.meta.url).href;
const limits = (name: string, ...args: unknown[]): ModelRef => ({ module: LIMITS, export: name, args });
const plain = (name: string, ...args: unknown[]): ModelRef => ({ module: PLAIN, export: name, args });

/** The serial explorer's run and the parallel one's on the model `r` names. */
async function both(r: ModelRef, workers: number, opts: ExhaustiveOptions = {}) {
  const model = await loadModelRef(r);
  return { serial: exploreExhaustive(model, opts), parallel: await exploreParallel(r, { workers, ...opts }) };
}

/** What must equal between a serial and a parallel run that completes. */
function summary(r: Report) {
  return {
    counts: [r.stats.distinctStates, r.stats.transitions, r.stats.maxDepth, r.stats.complete, r.stats.stoppedBy],
    properties: r.properties.map((p) => [p.name, p.verdict, p.counterexample?.length ?? null]),
  };
}

/**
 * A gate the fixture's workers wait at, and the hook that stops the run once one waits: the first
 * call after a worker entered says "stop" (the explorer then sets its stop flag), the next one
 * also releases the workers, so they go on with the flag already set. Before that it says "go on".
 */
function tripwire() {
  const gate = new SharedArrayBuffer(8);
  const g = new Int32Array(gate);
  let tripped = false;
  const stop = (): boolean => {
    if (Atomics.load(g, ENTERED) === 0) return false;
    if (tripped) {
      Atomics.store(g, RELEASE, 1);
      Atomics.notify(g, RELEASE);
    }
    tripped = true;
    return true;
  };
  return { gate, stop, entered: () => Atomics.load(g, ENTERED) };
}

/** Memory use as the explorer polls it: far past any limit once `stop()` says so. */
function memoryStopsWhen(stop: () => boolean): void {
  vi.spyOn(process.memoryUsage, 'rss').mockImplementation(() => (stop() ? Number.MAX_SAFE_INTEGER : 1));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the string dictionary of an inferred layout, merged at each barrier', () => {
  it('exactly 256 strings keep the 8-bit fields (the memory of a run with fewer strings); 289 widen them; the serial counts', async () => {
    const bytes: number[] = [];
    for (const size of [15, 16, 17]) {
      // size² cells, each named by a string of its own: 225, 256 and 289 strings.
      const { serial, parallel } = await both(plain('grid', size), 2, { full: true });
      expect(summary(parallel)).toEqual(summary(serial));
      expect(parallel.stats.distinctStates).toBe(size * size);
      bytes.push(parallel.stats.structBytes!);
    }
    // Per worker a store of the default capacity: its bytes differ only by the code's words.
    expect(bytes[1]).toBe(bytes[0]);
    expect(bytes[2]).toBeGreaterThan(bytes[1]);
  });

  it('new strings in both workers at one level, each worker\'s within 8-bit ids, all of them together not: widened, the serial counts', async () => {
    // 151 strings after level 1; level 2 adds 150 more (b0..b149), about half seen in each worker.
    const { serial, parallel } = await both(limits('named', 150), 2, { full: true });
    expect(parallel.notices).toBeUndefined();
    expect(summary(parallel)).toEqual(summary(serial));
    expect(parallel.stats.distinctStates).toBe(301);
  });
});

describe('a stop during a level', () => {
  it('a memory limit passed while a worker expands its part of a level: stopped there, that level the frontier', async () => {
    const t = tripwire();
    memoryStopsWhen(t.stop);
    // Level 1: 1100 states, all owned by worker 0 (it polls the stop flag every 1024 states); worker 1 has none.
    const r = await exploreParallel(limits('fan', [1100, 0], { property: 'holds', gate: t.gate, gateDepth: 1 }), { workers: 2, maxMemoryMb: 64 });
    expect(t.entered()).toBeGreaterThan(0);
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'max-memory', distinctStates: 1101, maxDepth: 1, frontier: 1100 });
    expect(r.properties[0].verdict).toBe('unknown');
  });

  it('a signal aborted while a worker expands its part of a level: interrupted, the same partial report', async () => {
    const t = tripwire();
    const signal = {
      get aborted() {
        return t.stop();
      },
    };
    const r = await exploreParallel(limits('fan', [1100, 0], { property: 'holds', gate: t.gate, gateDepth: 1 }), { workers: 2, signal });
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'interrupted', distinctStates: 1101, maxDepth: 1, frontier: 1100 });
    expect(r.properties[0].verdict).toBe('unknown');
  });

  it('a memory limit passed after a level is expanded, before its successors are stored: stopped, not complete, the expansion counted', async () => {
    const t = tripwire();
    memoryStopsWhen(t.stop);
    // The root's one successor is owned by worker 0: only worker 0 has anything to store.
    const r = await exploreParallel(limits('fan', [1, 0], { property: 'holds', gate: t.gate, gateDepth: 0 }), { workers: 2, maxMemoryMb: 64 });
    expect(t.entered()).toBeGreaterThan(0);
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'max-memory', distinctStates: 1, transitions: 1, maxDepth: 0 });
    expect(r.properties[0].verdict).toBe('unknown');
  });

  it('plain objects: a level whose new strings took the ids their worker gave them is not expanded again (a stop meanwhile does not undo it)', async () => {
    const t = tripwire();
    memoryStopsWhen(t.stop);
    // The root's three successors hold three new strings, all first seen in the root's worker.
    const r = await exploreParallel(limits('named', 3, t.gate), { workers: 2, maxMemoryMb: 64 });
    expect(t.entered()).toBeGreaterThan(0);
    expect(r.stats).toMatchObject({ complete: false, stoppedBy: 'max-memory', distinctStates: 1, transitions: 3, maxDepth: 0 });
  });
});

describe('maxDepth and decided properties', () => {
  it('the depth bound at the level that decides the last property: a complete run, as the serial one; one level less: depth', async () => {
    // The least depth bound under which the serial run decides both properties (n = 12 fails, n = 20 is reached).
    const model = await loadModelRef(plain('counter', 20, 12));
    let deepest = 1;
    while (exploreExhaustive(model, { maxDepth: deepest }).properties.some((p) => p.verdict === 'unknown')) deepest++;
    const at = await both(plain('counter', 20, 12), 2, { maxDepth: deepest });
    expect(at.serial.stats).toMatchObject({ complete: true, stoppedBy: undefined });
    expect(at.parallel.stats).toMatchObject({ complete: true, stoppedBy: undefined, maxDepth: deepest });
    expect(summary(at.parallel).properties).toEqual(summary(at.serial).properties);
    expect(at.parallel.properties.map((p) => p.verdict)).toEqual(['fails', 'reached']);
    const short = await both(plain('counter', 20, 12), 2, { maxDepth: deepest - 1 });
    expect(short.serial.stats).toMatchObject({ complete: false, stoppedBy: 'depth' });
    expect(short.parallel.stats).toMatchObject({ complete: false, stoppedBy: 'depth', maxDepth: deepest - 1 });
  });
});

describe('maxStates on 3 workers', () => {
  // Level 1: 2, 12 and 100 states owned by workers 0, 1 and 2. Under 31 states each worker gets 10
  // at first; worker 0 runs out, then worker 1, and worker 2 gets the rest: 31 exactly.
  const PER_WORKER = [2, 12, 100];
  // A safety net: a run that never reaches the bound stops at the time limit (and fails the test) instead of hanging.
  const bound = { maxStates: 31, timeLimitMs: 20_000 };

  it('distinctStates equal to the serial run\'s, a violation in the level stored in part found, coverage as the transitions', async () => {
    expect(codesOwned(PER_WORKER)).toHaveLength(114);
    const { serial, parallel } = await both(limits('fan', PER_WORKER), 3, { ...bound, coverage: true });
    expect(serial.stats).toMatchObject({ distinctStates: 31, complete: false, stoppedBy: 'max-states', maxDepth: 1 });
    expect(parallel.stats).toMatchObject({ distinctStates: 31, complete: false, stoppedBy: 'max-states', maxDepth: 1 });
    // The root's first successor violates the property: the serial run stored and checked it.
    expect(parallel.properties[0]).toMatchObject({ verdict: 'fails', counterexample: { length: 1 } });
    expect(parallel.properties[0].counterexample!.actions).toEqual(serial.properties[0].counterexample!.actions);
    // The level stored in part is checked, not expanded: coverage counts the transitions reported (the root's).
    expect(parallel.stats.transitions).toBe(114);
    const fired = Object.values(parallel.coverage!.actions).flatMap((types) => Object.values(types));
    expect(fired.reduce((a, b) => a + b, 0)).toBe(parallel.stats.transitions);
  });

  it('every property decided before the bound (--full): the level stored in part is still measured, as the serial run measures it', async () => {
    const { serial, parallel } = await both(limits('fan', PER_WORKER, { property: 'measured' }), 3, { ...bound, full: true });
    expect(serial.properties[0].worst!.value).toBe(100);
    expect(parallel.stats).toMatchObject({ distinctStates: 31, stoppedBy: 'max-states' });
    expect(parallel.properties[0].verdict).toBe('fails');
    expect(parallel.properties[0].worst).toMatchObject({ value: 100, complete: false });
    expect(parallel.properties[0].worst!.trace.actions).toEqual(serial.properties[0].worst!.trace.actions);
  });
});
