// The replay rule (engine/replay-rule.ts) on a small model changed in each way a fix can
// meet a saved trace: still violates, no longer reproduces, or violates another way.
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { exitCodeOf, recheckDepth, replayVerdict } from '../../engine/replay-rule.js';
import { parseTrace, toTrace, TraceDiverged, TraceError, type Trace } from '../../engine/trace.js';
import type { Counterexample } from '../../engine/report.js';
import { chainModel, type Variant } from '../fixtures/chain-model.js';

/** A saved trace (through its JSON form) for `property`'s counterexample in `variant`. */
function savedTrace(property: 'Safe' | 'Recovered', variant: Variant = 'original'): Trace {
  const model = chainModel(variant);
  const result = exploreExhaustive(model).properties.find((p) => p.name === property)!;
  return parseTrace(JSON.stringify(toTrace(result.counterexample!, { scenario: 'chain', parameters: {}, property, kind: result.kind, mode: 'exhaustive' })));
}

/** A trace of the given steps (for sometimes, which the explorers report without a path). */
function traceOf(property: string, kind: Trace['kind'], types: readonly string[], extra: Partial<Counterexample> = {}): Trace {
  const actions = types.map((type) => ({ type, kind: 'op' as const }));
  return toTrace({ actions, labels: [...types], length: types.length, initIndex: 0, ...extra }, { scenario: 'chain', parameters: {}, property, kind, mode: 'random' });
}

const labels = (cx: Counterexample) => cx.labels;

describe('the replay rule', () => {
  it('depth: the trace length plus max(4, half of it)', () => {
    expect([0, 3, 8, 9, 20].map((n) => recheckDepth(n))).toEqual([4, 7, 12, 14, 30]);
    expect(recheckDepth(3, 10)).toBe(13);
  });

  it('still violates: exit 1 with the replayed steps', () => {
    const v = replayVerdict(chainModel('original'), savedTrace('Safe'));
    expect(v.outcome).toBe('still-violates');
    expect(exitCodeOf(v)).toBe(1);
    if (v.outcome !== 'still-violates') return;
    expect(labels(v.counterexample)).toEqual(['A', 'B', 'C']);
    expect(v.replay.steps.map((s) => s.holds)).toEqual([true, true, false]);
  });

  it('diverged, nothing within the depth: exit 0 with one line naming the step', () => {
    const v = replayVerdict(chainModel('no-b'), savedTrace('Safe'));
    expect(v).toMatchObject({ outcome: 'no-longer-reproduces', divergedAt: 2, depth: 7, complete: true });
    expect(exitCodeOf(v)).toBe(0);
    if (v.outcome !== 'no-longer-reproduces') return;
    expect(v.line).toBe('no longer reproduces: step 2 B is not enabled; no violation within depth 7');
  });

  it('replays without the violation, nothing within the depth: exit 0', () => {
    const v = replayVerdict(chainModel('fixed'), savedTrace('Safe'));
    expect(v).toMatchObject({
      outcome: 'no-longer-reproduces',
      line: 'no longer reproduces: the trace replays but Safe is no longer violated; no violation within depth 7',
    });
    expect(v).not.toHaveProperty('divergedAt');
  });

  it('diverged, another violation within the depth: exit 1 with the new, shortest counterexample', () => {
    const v = replayVerdict(chainModel('detour'), savedTrace('Safe'));
    expect(v.outcome).toBe('new-counterexample');
    expect(exitCodeOf(v)).toBe(1);
    if (v.outcome !== 'new-counterexample') return;
    expect(labels(v.counterexample)).toEqual(['A', 'D']);
    expect(v.line).toBe('the saved trace no longer reproduces (step 2 B is not enabled), but Safe is violated another way in 2 steps');
  });

  it('another violation only beyond the depth: exit 0; a wider margin finds it', () => {
    const trace = savedTrace('Safe');
    expect(replayVerdict(chainModel('long-detour'), trace)).toMatchObject({ outcome: 'no-longer-reproduces', depth: 7, complete: true });
    const wide = replayVerdict(chainModel('long-detour'), trace, { margin: 8 });
    expect(wide.outcome).toBe('new-counterexample');
    if (wide.outcome === 'new-counterexample') expect(wide.counterexample.length).toBe(11);
  });

  it('says so when the search stopped at its state bound', () => {
    const v = replayVerdict(chainModel('long-detour'), savedTrace('Safe'), { maxStates: 5 });
    expect(v).toMatchObject({ outcome: 'no-longer-reproduces', complete: false });
    if (v.outcome === 'no-longer-reproduces') expect(v.line).toMatch(/; no violation within depth 7 \(the search stopped at 5 states\)$/);
  });

  it('an initial state that no longer exists is a divergence at step 0', () => {
    const trace = traceOf('Safe', 'always', ['A', 'B', 'C'], { initIndex: 1 });
    expect(replayVerdict(chainModel('no-b'), trace)).toMatchObject({
      outcome: 'no-longer-reproduces',
      divergedAt: 0,
      line: 'no longer reproduces: the model has no initial state 1; no violation within depth 7',
    });
    expect(replayVerdict(chainModel('original'), trace).outcome).toBe('new-counterexample');
  });

  it('a trace with no steps replays: still violated in the initial state, or re-checked', () => {
    const empty = savedTrace('Safe', 'born-broken');
    expect(empty.steps).toEqual([]);
    const v = replayVerdict(chainModel('born-broken'), empty);
    expect(v.outcome).toBe('still-violates');
    if (v.outcome === 'still-violates') expect(v.counterexample.length).toBe(0);
    // Depth max(4, 0) = 4 from the fixed initial state: A, B, C is found...
    const again = replayVerdict(chainModel('original'), empty);
    expect(again.outcome).toBe('new-counterexample');
    if (again.outcome === 'new-counterexample') expect(labels(again.counterexample)).toEqual(['A', 'B', 'C']);
    // ...and without B, nothing is.
    expect(replayVerdict(chainModel('no-b'), empty)).toMatchObject({ outcome: 'no-longer-reproduces', line: 'no longer reproduces: the trace replays but Safe is no longer violated; no violation within depth 4' });
  });

  it('recovers: re-checks the recovery as the explorers do', () => {
    const trace = savedTrace('Recovered');
    expect(trace.steps.map((s) => s.label)).toEqual(['Break']);
    expect(trace.recoveryFrom).toBe(1);
    expect(replayVerdict(chainModel('original'), trace).outcome).toBe('still-violates');
    expect(replayVerdict(chainModel('fixed'), trace)).toMatchObject({
      outcome: 'no-longer-reproduces',
      line: 'no longer reproduces: the trace replays but Recovered is no longer violated; no violation within depth 5',
    });
    const v = replayVerdict(chainModel('detour'), trace);
    expect(v.outcome).toBe('new-counterexample');
    if (v.outcome === 'new-counterexample') expect(v.counterexample).toMatchObject({ labels: ['Wedge'], recoveryFrom: 1 });
  });

  it('sometimes: still reached, reached another way (with the path there), or not reached', () => {
    const trace = traceOf('ReachedC', 'sometimes', ['A', 'B', 'C']);
    expect(replayVerdict(chainModel('original'), trace).outcome).toBe('still-violates');
    const v = replayVerdict(chainModel('detour'), trace);
    expect(v.outcome).toBe('new-counterexample');
    if (v.outcome === 'new-counterexample') {
      expect(labels(v.counterexample)).toEqual(['A', 'D']);
      expect(v.line).toBe('the saved trace no longer reproduces (step 2 B is not enabled), but ReachedC is reached another way in 2 steps');
    }
    expect(replayVerdict(chainModel('no-b'), trace)).toMatchObject({
      outcome: 'no-longer-reproduces',
      line: 'no longer reproduces: step 2 B is not enabled; no state reaching it within depth 7',
    });
  });

  it('errors other than a divergence stay errors', () => {
    expect(() => replayVerdict(chainModel('original'), { ...savedTrace('Safe'), property: 'Gone' })).toThrow(new TraceError('scenario chain has no property Gone'));
    const throwing = { ...chainModel('original'), next: () => { throw new TraceError('step 1: the model threw'); } };
    expect(() => replayVerdict(throwing, savedTrace('Safe'))).toThrow('step 1: the model threw');
  });

  it('a still-violating recovery trace keeps the step its recovery is judged from; others have none', () => {
    const recovered = replayVerdict(chainModel('original'), savedTrace('Recovered'));
    expect(recovered.outcome).toBe('still-violates');
    if (recovered.outcome === 'still-violates') expect(recovered.counterexample.recoveryFrom).toBe(1);
    const safe = replayVerdict(chainModel('original'), savedTrace('Safe'));
    if (safe.outcome === 'still-violates') expect('recoveryFrom' in safe.counterexample).toBe(false);
    expect(safe.outcome).toBe('still-violates');
  });

  it('a new counterexample of one step says "1 step"', () => {
    const v = replayVerdict(chainModel('detour'), savedTrace('Recovered'));
    expect(v).toMatchObject({ outcome: 'new-counterexample', line: 'the saved trace no longer reproduces (the trace replays but Recovered is no longer violated), but Recovered is violated another way in 1 step' });
  });

  it('sometimes: a trace that replays without reaching it says "no longer reached"', () => {
    const v = replayVerdict(chainModel('fixed'), traceOf('ReachedC', 'sometimes', ['A', 'B', 'C']));
    expect(v).toMatchObject({
      outcome: 'no-longer-reproduces',
      line: 'no longer reproduces: the trace replays but ReachedC is no longer reached; no state reaching it within depth 7',
    });
  });

  it('an error while replaying is not re-checked, even when the search would get past it', () => {
    // The model throws once: a re-check (which replays the same steps) would succeed.
    let thrown = false;
    const original = chainModel('original');
    const flaky = {
      ...original,
      next: (s: Parameters<typeof original.next>[0], a: Parameters<typeof original.next>[1]) => {
        if (!thrown) {
          thrown = true;
          throw new Error('the model failed once');
        }
        return original.next(s, a);
      },
    };
    expect(() => replayVerdict(flaky, savedTrace('Safe'))).toThrow('the model failed once');
  });

  it('a diverged label with control characters is escaped in the line', () => {
    const trace = traceOf('Safe', 'always', ['A', 'B\u001b[2J']);
    const v = replayVerdict(chainModel('no-b'), trace);
    expect(v).toMatchObject({ outcome: 'no-longer-reproduces', line: 'no longer reproduces: step 2 B\\u001b[2J is not enabled; no violation within depth 6' });
    expect(new TraceDiverged(2, 'B\u0007').message).toBe('step 2: B\\u0007 is not enabled');
  });
});
