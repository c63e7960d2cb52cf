/**
 * Worst values of measured properties (engine/worst.ts): the largest measure over the states
 * exhaustive search stores, a shortest path to it, on every storage path (inferred codes,
 * fingerprints, a schema's codes, packed transitions, symmetry reduction, worker threads);
 * recovers' worst recovery time with its slowest recovery path, and "never". Models are small
 * and the figures computed by hand (test/fixtures/worst-models.ts).
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive, type ExhaustiveOptions } from '../../engine/bfs.js';
import { exploreParallel } from '../../engine/parallel/explore.js';
import type { Report } from '../../engine/report.js';
import { replay } from '../../engine/trace.js';
import { ModelError } from '../../engine/model-error.js';
import type { Model } from '../../model/core/model.js';
import { always, recovers } from '../../model/core/property.js';
import { peak, PEAKS, server, type Form, type Server, type ServerAction, type Step, type X } from '../fixtures/worst-models.js';

const MODULE = new URL('../fixtures/worst-models.ts', import.meta.url).href;

interface Path {
  readonly name: string;
  readonly form: Form;
  readonly opts?: ExhaustiveOptions;
  readonly workers?: number;
}
const PATHS: readonly Path[] = [
  { name: 'inferred codes (the default)', form: 'plain' },
  { name: 'fingerprints', form: 'plain', opts: { infer: false } },
  { name: 'schema codes', form: 'schema' },
  { name: 'packed transitions', form: 'packed' },
  { name: 'symmetry reduction', form: 'schema', opts: { symmetry: true } },
  { name: '2 workers, schema', form: 'schema', workers: 2 },
  { name: '3 workers, packed', form: 'packed', workers: 3 },
];

async function explorePeak(path: Path, bound: number, extra: ExhaustiveOptions = {}): Promise<Report> {
  const opts = { ...path.opts, ...extra };
  return path.workers
    ? exploreParallel({ module: MODULE, export: 'peak', args: [bound, path.form] }, { workers: path.workers, ...opts })
    : exploreExhaustive(peak(bound, path.form), opts);
}

describe.each(PATHS)('always with a measure, storage path: $name', (path) => {
  it('finds the worst, 9 (PEAKS[2] and PEAKS[4]), by the shortest path to it: Up, Up', async () => {
    const r = await explorePeak(path, 10);
    const [p] = r.properties;
    expect(p.verdict).toBe('holds');
    expect(r.stats.distinctStates).toBe(7);
    expect(p.worst).toMatchObject({ label: 'Lag', unit: 's', value: Math.max(...PEAKS), complete: true });
    expect(p.worst!.trace.labels).toEqual(['Up', 'Up']);
    expect(p.worst!.trace.recoveryFrom).toBeUndefined();
    // The trace replays to a state whose measure is the worst value.
    const model = peak(10);
    let s = model.init()[p.worst!.trace.initIndex];
    for (const a of p.worst!.trace.actions) s = model.next(s, a as Step);
    expect(PEAKS[s.x]).toBe(9);
  });

  it('says the value is a lower bound when the search stops early: bound 3 fails at x = 1 (Lag 5); --full measures every state', async () => {
    const stopped = (await explorePeak(path, 3)).properties[0];
    expect(stopped.verdict).toBe('fails');
    expect(stopped.counterexample!.labels).toEqual(['Up']);
    expect(stopped.worst).toMatchObject({ value: 5, complete: false });
    const full = (await explorePeak(path, 3, { full: true })).properties[0];
    expect(full.worst).toMatchObject({ value: 9, complete: true });
    expect(full.worst!.trace.labels).toEqual(['Up', 'Up']);
  });
});

describe('the worst value does not change the search', () => {
  it('the same states, transitions and verdicts with and without the measure', () => {
    const measured = peak(3);
    const bare: Model<X, Step> = { ...measured, properties: [always<X>('Below', (s) => PEAKS[s.x] < 3)] };
    const a = exploreExhaustive(measured);
    const b = exploreExhaustive(bare);
    expect(a.stats).toMatchObject({ distinctStates: b.stats.distinctStates, transitions: b.stats.transitions, maxDepth: b.stats.maxDepth });
    expect(b.properties[0].worst).toBeUndefined();
    expect(a.properties[0].counterexample).toEqual(b.properties[0].counterexample);
  });
});

describe('recovers with a measure: the worst recovery time', () => {
  const FORMS = [
    { name: 'inferred codes', build: (w: number, o = {}) => exploreExhaustive(server(w, o), { full: true }) },
    { name: 'fingerprints', build: (w: number, o = {}) => exploreExhaustive(server(w, o), { full: true, infer: false }) },
    { name: 'schema codes', build: (w: number, o = {}) => exploreExhaustive(server(w, { ...o, form: 'schema' }), { full: true }) },
    {
      name: '2 workers, schema',
      build: (w: number, o = {}) => exploreParallel({ module: MODULE, export: 'server', args: [w, { ...o, form: 'schema' }] }, { workers: 2, full: true }),
    },
  ] as const;

  it.each(FORMS)('$name: Crash(3) then 3 ticks of 60 s: 180 s, with the slowest recovery path', async ({ build }) => {
    const r = await build(180);
    const [p] = r.properties;
    expect(p.verdict).toBe('holds');
    expect(p.worst).toMatchObject({ label: 'RTO', unit: 's', value: 3 * 60, complete: true });
    expect(p.worst!.trace).toMatchObject({ labels: ['Crash(3)', 'Tick', 'Tick', 'Tick', 'Restart'], recoveryFrom: 1 });
  });

  it.each(FORMS)('$name: a state that never recovers makes it "never", witnessed by its stuck recovery path', async ({ build }) => {
    const r = await build(180, { wedge: true });
    const [p] = r.properties;
    expect(p.verdict).toBe('fails');
    // The counterexample is the first failing state (Wedge is the only failure at 180 s) and the witness is the same trace.
    expect(p.worst).toMatchObject({ value: Infinity, complete: true });
    expect(p.worst!.trace).toMatchObject({ labels: ['Wedge'], recoveryFrom: 1 });
    expect(p.worst!.trace.labels).toEqual(p.counterexample!.labels);
  });

  it('the "never" witness is the first state that never recovers, not the first counterexample', () => {
    // At 120 s, Crash(3) (180 s) fails first in BFS order; the witness of "never" is Wedge's.
    const [p] = exploreExhaustive(server(120, { wedge: true }), { full: true }).properties;
    expect(p.counterexample!.labels.slice(0, 1)).toEqual(['Crash(3)']);
    expect(p.worst).toMatchObject({ value: Infinity, trace: { labels: ['Wedge'], recoveryFrom: 1 } });
  });

  it('a finite worst above the bound: the property fails, the worst is the whole slowest path (not cut at the bound)', () => {
    const model = server(60);
    const [p] = exploreExhaustive(model, { full: true }).properties;
    expect(p.verdict).toBe('fails');
    expect(p.worst).toMatchObject({ value: 180, trace: { labels: ['Crash(3)', 'Tick', 'Tick', 'Tick', 'Restart'], recoveryFrom: 1 } });
    // The witness replays: the path to the state, then its recovery path (which fails the 60 s bound).
    const cx = p.worst!.trace;
    expect(replay(model, model.properties[0], cx.actions.map((action) => ({ action })), { recoveryFrom: cx.recoveryFrom }).violated).toBe(true);
  });

  it('with within (steps): 3 ticks and the restart, 4 steps', () => {
    const [p] = exploreExhaustive(server(0, { steps: 4 }), { full: true }).properties;
    expect(p.verdict).toBe('holds');
    expect(p.worst).toMatchObject({ unit: 'steps', value: 4, complete: true });
  });

  it('without a measure, no worst', () => {
    const bare: Model<Server, ServerAction> = { ...server(180), tickSeconds: 60, properties: [recovers<Server>('Up', (s) => !s.down, { withinSeconds: 180 })] } as Model<Server, ServerAction>;
    expect(exploreExhaustive(bare).properties[0].worst).toBeUndefined();
  });
});

describe('checkpoints: a resumed run measures the earlier sessions\' states again', () => {
  it('the same worst as an uninterrupted run', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { loadCheckpoint } = await import('../../engine/checkpoint.js');
    const file = join(mkdtempSync(join(tmpdir(), 'faultline-worst-')), 'ckpt');
    const model = peak(10, 'schema');
    const first = exploreExhaustive(model, { maxStates: 4, checkpoint: { file } });
    expect(first.stats.complete).toBe(false);
    expect(first.properties[0].worst).toMatchObject({ complete: false });
    const resumed = exploreExhaustive(model, { resume: loadCheckpoint(file), checkpoint: { file } });
    expect(resumed.stats.complete).toBe(true);
    expect(resumed.properties[0].worst).toMatchObject({ value: 9, complete: true, trace: { labels: ['Up', 'Up'] } });
  });
});

describe('a measure is checked', () => {
  it('a measure that returns no number is a one-line model error naming the property', () => {
    const model = { ...peak(10), properties: [always<{ x: number }>('Below', () => true, undefined, { of: (s) => (s.x === 1 ? Number.NaN : 0), unit: 's', label: 'Lag' })] };
    expect(() => exploreExhaustive(model)).toThrow(ModelError);
    expect(() => exploreExhaustive(model)).toThrow(/property Below: its measure returned NaN \(expected a number\)/);
  });

  it('a measure that throws is the property\'s error', () => {
    const model = { ...peak(10), properties: [always<{ x: number }>('Below', () => true, undefined, { of: () => { throw new Error('boom'); }, unit: 's', label: 'Lag' })] };
    expect(() => exploreExhaustive(model)).toThrow(/property Below threw/);
  });

  it('label and unit are short one-line strings; of a function', () => {
    expect(() => always('P', () => true, undefined, { of: () => 0, unit: 's', label: '' })).toThrow('always P: measure.label must be a short one-line string, got ""');
    expect(() => always('P', () => true, undefined, { of: () => 0, unit: 'a\nb', label: 'L' })).toThrow(/measure.unit must be a short one-line string/);
    expect(() => always('P', () => true, undefined, { of: 1 as never, unit: 's', label: 'L' })).toThrow('always P: measure.of must be a function of the state');
    expect(() => recovers('P', () => true, { withinSeconds: 1, measure: { label: ' ' } })).toThrow(/recovers P: measure.label/);
  });
});
