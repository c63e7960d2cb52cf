import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { parseTrace, replay, saveTrace, toTrace, TraceDiverged, TraceError } from '../../engine/trace.js';
import { SIZES, sqsPool } from '../../scenarios/sqs-pool/model.js';

function earlyDeleteTrace() {
  const model = sqsPool(SIZES.small, 'early-delete');
  const cx = exploreExhaustive(model).properties[0].counterexample!;
  return { model, trace: toTrace(cx, { scenario: 'sqs-pool:early-delete', parameters: { size: 'small' }, property: 'NoLostMessage', kind: 'always', mode: 'exhaustive' }) };
}

describe('traces', () => {
  it('have the version-2 shape with steps numbered by position', () => {
    const { trace } = earlyDeleteTrace();
    expect(trace).toMatchObject({ format: 'faultline-trace', version: 2, scenario: 'sqs-pool:early-delete', property: 'NoLostMessage', kind: 'always', mode: 'exhaustive' });
    expect(trace.steps.map((s) => s.label)).toEqual(['Send(0)', 'Receive(0, 0)', 'Crash(0)']);
    expect(trace.steps[1].action).toEqual({ type: 'Receive', kind: 'op', worker: 0, msg: 0 });
  });

  it('are saved without overwriting an existing file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-trace-'));
    const { trace } = earlyDeleteTrace();
    const a = saveTrace(trace, dir);
    const b = saveTrace(trace, dir);
    expect(a).not.toBe(b);
    expect(readdirSync(dir)).toHaveLength(2);
    expect(parseTrace(readFileSync(a, 'utf8'))).toEqual(trace);
  });

  it('replay reproduces the violation, and a fixed model no longer shows it', () => {
    const { model, trace } = earlyDeleteTrace();
    const r = replay(model, model.properties[0], trace.steps);
    expect(r.violated).toBe(true);
    expect(r.steps.map((s) => s.holds)).toEqual([true, true, false]);
    const fixed = sqsPool(SIZES.small, 'correct');
    expect(replay(fixed, fixed.properties[0], trace.steps).violated).toBe(false);
  });

  it('replay names the first step whose action is not enabled', () => {
    const { model, trace } = earlyDeleteTrace();
    const withoutSend = trace.steps.slice(1);
    expect(() => replay(model, model.properties[0], withoutSend)).toThrow(TraceDiverged);
    expect(() => replay(model, model.properties[0], withoutSend)).toThrow(TraceError);
    expect(() => replay(model, model.properties[0], withoutSend)).toThrow('step 1: Receive(0, 0) is not enabled');
  });

  it('parseTrace rejects malformed documents with one line', () => {
    expect(() => parseTrace('{ nope')).toThrow(/not valid JSON/);
    expect(() => parseTrace('[]')).toThrow(/expected a JSON object/);
    expect(() => parseTrace(JSON.stringify({ format: 'faultline-trace', version: 3 }))).toThrow(/unsupported version 3/);
    const { trace } = earlyDeleteTrace();
    expect(() => parseTrace(JSON.stringify({ ...trace, steps: [{ action: { kind: 'op' } }] }))).toThrow('trace: step 1: action must be an object with a type and a kind');
  });
});
