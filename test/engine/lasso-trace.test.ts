// Lasso counterexamples: trace format version 3 (`loopIndex`, covered by the checksum;
// versions 1 and 2 still read), the replay rule on a lasso (the cycle must close), and the
// renderers: terminal text, JSON, ITF (its `loop`), Mermaid (a loop block) and HTML.
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { checkScenario } from '../../engine/check.js';
import { replayVerdict } from '../../engine/replay-rule.js';
import { defineScenario } from '../../engine/scenario.js';
import { parseTrace, toTrace, TraceError, type Trace } from '../../engine/trace.js';
import { traceChecksum } from '../../engine/trace-integrity.js';
import type { Action, Model } from '../../model/core/model.js';
import { eventually } from '../../model/core/property.js';
import { renderHtmlReport, renderTraceHtml } from '../../report/html.js';
import { counterexampleToItf, itfToStates } from '../../report/itf.js';
import { toJsonRuns } from '../../report/json.js';
import { counterexampleToMermaid } from '../../report/mermaid.js';
import { formatCounterexample } from '../../report/text.js';

type Spin = { readonly x: number; readonly done: boolean };
/** x spins 0 → 1 → … → period - 1 → 0 (Spin, control) until Finish (an op unless `fairFinish`). */
function spinner(period = 3, fairFinish = false): Model<Spin, Action> {
  const spin = { type: 'Spin', kind: 'control' } as const;
  const finish = { type: 'Finish', kind: fairFinish ? 'control' : 'op' } as const;
  return {
    init: () => [{ x: 0, done: false }],
    actions: (s) => (s.done ? [] : [finish, spin]),
    next: (s, a) => (a.type === 'Spin' ? { x: (s.x + 1) % period, done: false } : { x: s.x, done: true }),
    properties: [eventually('Done', (s) => s.done, 'the spinner finishes')],
  };
}

const META = { scenario: 'spinner', parameters: {}, property: 'Done', kind: 'eventually', mode: 'exhaustive' } as const;

function spinTrace(): Trace {
  const cx = exploreExhaustive(spinner()).properties[0].counterexample!;
  return toTrace(cx, META);
}

const text = (doc: unknown) => JSON.stringify(doc, null, 2);

describe('trace version 3', () => {
  it('a lasso is saved with its loopIndex and reads back equal', () => {
    const t = spinTrace();
    expect(t).toMatchObject({ version: 3, kind: 'eventually', loopIndex: 0 });
    expect(t.steps.map((s) => s.label)).toEqual(['Spin', 'Spin', 'Spin']);
    expect(parseTrace(text(t))).toEqual(t);
  });

  it('the checksum covers the loop index: moving, adding or dropping it is an edit', () => {
    const t = spinTrace();
    for (const edited of [{ ...t, loopIndex: 1 }, { ...t, loopIndex: undefined }]) {
      expect(() => parseTrace(text(edited))).toThrow(/^trace: checksum mismatch: the trace was edited/);
    }
    const { loopIndex: _l, ...noLoop } = t;
    const sealed = { ...noLoop, checksum: traceChecksum(noLoop) };
    expect(() => parseTrace(text({ ...sealed, loopIndex: 2 }))).toThrow(/checksum mismatch/);
  });

  it('a version-2 trace still reads, with the checksum it was written with', () => {
    // Version 2's checksum had no loopIndex: the same function gives the same sum without one.
    const { checksum: _c, loopIndex: _l, ...content } = { ...spinTrace(), kind: 'always' as const, property: 'Safe' };
    const v2 = { ...content, version: 2, checksum: traceChecksum(content) };
    expect(v2.checksum).toBe('sha256:' + traceChecksum(content).slice(7));
    expect(parseTrace(text(v2))).toMatchObject({ version: 2, kind: 'always' });
  });

  it('refuses a loop index out of range, or one (or a liveness kind) in an older version, in one line', () => {
    const t = spinTrace();
    const bad = (doc: object) => () => parseTrace(text({ ...doc, checksum: traceChecksum(doc as Trace) }));
    expect(bad({ ...t, loopIndex: 4 })).toThrow('trace: loopIndex must be an integer from 0 to the number of steps');
    expect(bad({ ...t, loopIndex: -1 })).toThrow(TraceError);
    expect(bad({ ...t, loopIndex: 1.5 })).toThrow('loopIndex must be an integer');
    expect(bad({ ...t, version: 2 })).toThrow('trace: kind eventually needs version 3');
    expect(bad({ ...t, version: 2, kind: 'always' })).toThrow('trace: loopIndex needs version 3');
  });
});

describe('the replay rule on a lasso', () => {
  it('still violates while the cycle closes and stays fair', () => {
    const v = replayVerdict(spinner(), spinTrace());
    expect(v.outcome).toBe('still-violates');
    if (v.outcome === 'still-violates') expect(v.counterexample).toMatchObject({ loopIndex: 0, length: 3 });
  });

  it('no longer reproduces once the design is fair to Finish: the whole graph is searched again', () => {
    const v = replayVerdict(spinner(3, true), spinTrace());
    expect(v).toMatchObject({
      outcome: 'no-longer-reproduces',
      line: 'no longer reproduces: the trace replays but Done is no longer violated; no violation in the whole state graph',
      complete: true,
    });
  });

  it('a cycle that no longer closes is re-checked, and the new lasso replaces it', () => {
    // With a period of 4 the three saved spins end at x = 3, not back at 0.
    const v = replayVerdict(spinner(4), spinTrace());
    expect(v.outcome).toBe('new-counterexample');
    if (v.outcome === 'new-counterexample') {
      expect(v.why).toBe('the trace replays but its cycle no longer closes (the state after step 3 is not the state after step 0)');
      expect(v.counterexample).toMatchObject({ labels: ['Spin', 'Spin', 'Spin', 'Spin'], loopIndex: 0 });
    }
  });
});

describe('lassos in every output', () => {
  const model = spinner();
  const cx = exploreExhaustive(model).properties[0].counterexample!;
  const prop = { name: 'Done', kind: 'eventually' } as const;

  it('terminal text: the cycle is marked and where it loops back is said', () => {
    expect(formatCounterexample(model, prop, cx, { color: false })).toBe(
      [
        'Done (eventually) never holds on this fair path: 0 steps, then a cycle of 3 steps that repeats for ever',
        '  the spinner finishes',
        '  ── cycle: the steps below repeat for ever ──',
        '  1. model  control  Spin',
        '      x: 0 → 1',
        '  2. model  control  Spin',
        '      x: 1 → 2',
        '  3. model  control  Spin',
        '      x: 2 → 0',
        '     ↺ back to the initial state: steps 1–3 repeat for ever',
        '  ✗ Done violated for ever',
      ].join('\n'),
    );
  });

  it('a state that lasts for ever is said so', () => {
    const stuck = spinner();
    const noFair: Model<Spin, Action> = { ...stuck, actions: (s) => (s.done ? [] : [{ type: 'Finish', kind: 'op' }]) };
    const lasso = exploreExhaustive(noFair).properties[0].counterexample!;
    expect(lasso).toMatchObject({ length: 0, loopIndex: 0 });
    expect(formatCounterexample(noFair, prop, lasso, { color: false })).toContain('↺ stays in this state for ever: no fair action (control, Tick, recovery op) is enabled in it');
  });

  it('JSON: the loop index beside the steps', () => {
    const [r] = checkScenario(defineScenario({ name: 'spinner', description: '', model, modes: ['exhaustive'], expect: { Done: 'fails' } }));
    const [run] = toJsonRuns([r], { modelFor: () => model });
    expect(run.properties[0]).toMatchObject({ verdict: 'fails', met: true, counterexample: { length: 3, loopIndex: 0 } });
  });

  it('ITF: `loop` is the state the last one is followed by, and the closing state is not listed twice', () => {
    const itf = counterexampleToItf(model, cx, { property: 'Done', kind: 'eventually' });
    expect(itf.loop).toBe(0);
    expect(itf.states).toHaveLength(3);
    expect(itf['#meta']['loop-action']).toBe('Spin');
    expect(itfToStates(itf)).toEqual([{ x: 0, done: false }, { x: 1, done: false }, { x: 2, done: false }]);
  });

  it('Mermaid: the cycle is a loop block with a note on where it goes back to', () => {
    const diagram = counterexampleToMermaid(model, prop, cx);
    const lines = diagram.split('\n');
    const open = lines.indexOf('  loop for ever, steps 1–3');
    expect(open).toBeGreaterThan(0);
    expect(lines.indexOf('  end')).toBeGreaterThan(open);
    expect(diagram).toContain('Note over C0: ↺ back to the initial state#58; steps 1–3 repeat for ever');
  });

  it('HTML: the cycle is marked on the timeline, for a check and for a saved trace', () => {
    const [r] = checkScenario(defineScenario({ name: 'spinner', description: '', model, modes: ['exhaustive'], expect: { Done: 'fails' } }));
    const page = renderHtmlReport([r], { modelFor: () => model });
    expect(page).toContain('cycle ↺ repeats for ever (back to the initial state)');
    expect(page).toContain('<p class="loop-note">↺ back to the initial state: steps 1–3 repeat for ever</p>');
    expect(renderTraceHtml(model, spinTrace())).toContain('loop-mark');
  });
});
