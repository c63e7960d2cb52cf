// parseTrace's checks, one field at a time: a malformed or hand-edited trace is one line naming
// the field (the file's name first), never a verdict. Each case starts from a trace faultline
// saved and breaks one thing; the checks run before the checksum, so each names its own field.
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { parseTrace, toTrace, TraceError, type Trace } from '../../engine/trace.js';
import { traceChecksum } from '../../engine/trace-integrity.js';
import { chainModel } from '../fixtures/chain-model.js';

const META = { scenario: 'chain', parameters: { size: 'small', n: 2 }, property: 'Safe', kind: 'always', mode: 'exhaustive' } as const;

function saved(): Record<string, unknown> {
  const cx = exploreExhaustive(chainModel('original')).properties[0].counterexample!;
  return JSON.parse(JSON.stringify(toTrace(cx, META))) as Record<string, unknown>;
}

/** The trace with `change` applied and its checksum made right again (so only the field check can object). */
function edited(change: (d: Record<string, unknown>) => void, resign = true): string {
  const d = saved();
  change(d);
  if (resign && d.version !== 1) {
    try {
      d.checksum = traceChecksum(d as unknown as Trace);
    } catch {
      // Steps too broken to sum (not an array, a null step): the field check comes first anyway.
    }
  }
  return JSON.stringify(d);
}

const steps = (d: Record<string, unknown>) => d.steps as Record<string, unknown>[];

describe('parseTrace: one line naming what is wrong', () => {
  it.each<[string, (d: Record<string, unknown>) => void, string]>([
    ['another format', (d) => (d.format = 'faultline-trace-x'), 'my.json: format must be "faultline-trace"'],
    ['version 4', (d) => (d.version = 4), 'my.json: unsupported version 4 (this faultline reads versions 1, 2 and 3)'],
    ['an empty scenario', (d) => (d.scenario = ''), 'my.json: scenario must be a non-empty string'],
    ['a scenario that is a number', (d) => (d.scenario = 3), 'my.json: scenario must be a non-empty string'],
    ['a property that is not a string', (d) => (d.property = null), 'my.json: property must be a string'],
    ['an unknown kind', (d) => (d.kind = 'never'), 'my.json: kind must be always, sometimes, recovers, eventually, leadsTo, eventuallyAlways or alwaysEventually'],
    ['a liveness kind in version 2', (d) => ((d.version = 2), (d.kind = 'eventually')), 'my.json: kind eventually needs version 3'],
    ['an unknown mode', (d) => (d.mode = 'both'), 'my.json: mode must be random or exhaustive'],
    ['parameters that are an array', (d) => (d.parameters = []), 'my.json: parameters must be an object'],
    ['parameters that are null', (d) => (d.parameters = null), 'my.json: parameters must be an object'],
    ['a file that is not a string', (d) => (d.file = 1), 'my.json: file must be a string'],
    ['a negative initIndex', (d) => (d.initIndex = -1), 'my.json: initIndex must be a non-negative integer'],
    ['a fractional initIndex', (d) => (d.initIndex = 0.5), 'my.json: initIndex must be a non-negative integer'],
    ['a negative recoveryFrom', (d) => (d.recoveryFrom = -2), 'my.json: recoveryFrom must be a non-negative integer'],
    ['a fractional recoveryFrom', (d) => (d.recoveryFrom = 1.5), 'my.json: recoveryFrom must be a non-negative integer'],
    ['steps that are not an array', (d) => (d.steps = {}), 'my.json: steps must be an array'],
    ['promptControl in version 2', (d) => ((d.version = 2), (d.promptControl = true)), 'my.json: promptControl needs version 3'],
    ['promptControl false', (d) => (d.promptControl = false), 'my.json: promptControl must be true when present'],
    ['loopIndex in version 2', (d) => ((d.version = 2), (d.loopIndex = 0)), 'my.json: loopIndex needs version 3'],
    ['a negative loopIndex', (d) => (d.loopIndex = -1), 'my.json: loopIndex must be an integer from 0 to the number of steps'],
    ['a loopIndex past the steps', (d) => (d.loopIndex = 4), 'my.json: loopIndex must be an integer from 0 to the number of steps'],
    ['a fractional loopIndex', (d) => (d.loopIndex = 1.5), 'my.json: loopIndex must be an integer from 0 to the number of steps'],
    ['a step that is null', (d) => (steps(d)[1] = null as never), 'my.json: step 2: expected an object'],
    ['a step without an action', (d) => delete steps(d)[0].action, 'my.json: step 1: action must be an object with a type and a kind'],
    ['an action without a kind', (d) => delete (steps(d)[2].action as Record<string, unknown>).kind, 'my.json: step 3: action must be an object with a type and a kind'],
    ['an action whose type is a number', (d) => ((steps(d)[0].action as Record<string, unknown>).type = 1), 'my.json: step 1: action must be an object with a type and a kind'],
    ['a step without a label (version 2 and 3)', (d) => delete steps(d)[1].label, 'my.json: step 2: label must be a string'],
    ['parameters that are a number', (d) => (d.parameters = 5), 'my.json: parameters must be an object'],
    ['a step that is a number', (d) => (steps(d)[0] = 7 as never), 'my.json: step 1: expected an object'],
    ['an action that is null', (d) => (steps(d)[1].action = null), 'my.json: step 2: action must be an object with a type and a kind'],
  ])('%s', (_what, change, message) => {
    const text = edited(change);
    expect(() => parseTrace(text, 'my.json')).toThrow(TraceError);
    expect(() => parseTrace(text, 'my.json')).toThrow(message);
  });

  it('the edge values that are allowed: a loopIndex equal to the number of steps, initIndex and recoveryFrom 0, promptControl true', () => {
    for (const change of [(d: Record<string, unknown>) => (d.loopIndex = 3), (d: Record<string, unknown>) => ((d.initIndex = 0), (d.recoveryFrom = 0)), (d: Record<string, unknown>) => (d.promptControl = true)]) {
      expect(() => parseTrace(edited(change), 'my.json')).not.toThrow();
    }
  });

  it('version 1 needs neither labels nor a checksum; versions 2 and 3 need a well-formed checksum', () => {
    const v1 = edited((d) => {
      d.version = 1;
      delete d.checksum;
      for (const s of steps(d)) delete s.label;
    }, false);
    expect(parseTrace(v1, 'my.json').steps).toHaveLength(3);
    expect(() => parseTrace(edited((d) => delete d.checksum, false), 'my.json')).toThrow('my.json: checksum must be "sha256:" and 64 hex digits (version 3)');
    expect(() => parseTrace(edited((d) => (d.checksum = 'sha256:xyz'), false), 'my.json')).toThrow('checksum must be "sha256:" and 64 hex digits (version 3)');
    // An array holding the right checksum reads as that string to a regular expression: still not a checksum.
    expect(() => parseTrace(edited((d) => (d.checksum = [d.checksum]), false), 'my.json')).toThrow('my.json: checksum must be "sha256:" and 64 hex digits (version 3)');
    expect(() => parseTrace(edited((d) => (d.property = 'Other'), false), 'my.json')).toThrow('my.json: checksum mismatch: the trace was edited');
  });

  it('a random-mode trace, and a trace with or without its file name, read', () => {
    expect(parseTrace(edited((d) => (d.mode = 'random')), 'my.json').mode).toBe('random');
    expect(parseTrace(edited((d) => (d.file = 'x.json')), 'my.json').file).toBe('x.json');
    expect(parseTrace(edited((d) => delete d.file), 'my.json').file).toBeUndefined();
    // An early trace without parameters reads as having none.
    expect(parseTrace(edited((d) => delete d.parameters), 'my.json').parameters).toEqual({});
  });

  it('nesting deeper than 100 levels is refused before any field is read', () => {
    const deep = (n: number) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;
    expect(() => parseTrace(deep(150), 'my.json')).toThrow('my.json: nested more than 100 levels deep');
    expect(() => parseTrace(deep(50), 'my.json')).toThrow('my.json: format must be');
  });

  it('what is not a JSON object', () => {
    expect(() => parseTrace('[]', 'my.json')).toThrow('my.json: expected a JSON object');
    expect(() => parseTrace('null', 'my.json')).toThrow('my.json: expected a JSON object');
    expect(() => parseTrace('"trace"', 'my.json')).toThrow('my.json: expected a JSON object');
    expect(() => parseTrace('{', 'my.json')).toThrow(/^my\.json: not valid JSON \(/);
  });
});
