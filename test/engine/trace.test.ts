import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import type { Action } from '../../model/core/model.js';
import { parseTrace, replay, saveTrace, toTrace, TraceDiverged, TraceError } from '../../engine/trace.js';
import { SIZES, sqsPool } from '../../scenarios/sqs-pool/model.js';

function earlyDeleteTrace() {
  const model = sqsPool(SIZES.small, 'early-delete');
  const cx = exploreExhaustive(model).properties[0].counterexample!;
  return { model, trace: toTrace(cx, { scenario: 'sqs-pool:early-delete', parameters: { size: 'small' }, property: 'NoLostMessage', kind: 'always', mode: 'exhaustive' }) };
}

describe('traces', () => {
  it('have the version-3 shape with steps numbered by position', () => {
    const { trace } = earlyDeleteTrace();
    expect(trace).toMatchObject({ format: 'faultline-trace', version: 3, scenario: 'sqs-pool:early-delete', property: 'NoLostMessage', kind: 'always', mode: 'exhaustive' });
    expect(trace.steps.map((s) => s.label)).toEqual(['Send(0)', 'Receive(0, 0)', 'Crash(0)']);
    expect(trace.steps[1].action).toEqual({ type: 'Receive', kind: 'op', worker: 0, msg: 0 });
  });

  it('are saved once under <scenario>-<property>-<mode>.json: saving the same steps again writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-trace-'));
    const { trace } = earlyDeleteTrace();
    const a = saveTrace(trace, dir);
    expect(a).toBe(join(dir, 'sqs-pool_early-delete-NoLostMessage-exhaustive.json'));
    expect(saveTrace(trace, dir)).toBe(a);
    // The same steps found by another seed are the same counterexample.
    expect(saveTrace({ ...trace, seed: 7, path: '0:1' }, dir)).toBe(a);
    expect(readdirSync(dir)).toEqual([basename(a)]);
    expect(parseTrace(readFileSync(a, 'utf8'))).toEqual(trace);
  });

  it('different steps get a short hash of the steps, the same one on every run', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-trace-'));
    const { trace } = earlyDeleteTrace();
    const other = toTrace(
      { actions: [...trace.steps.map((s) => s.action), { type: 'Restart', kind: 'control', worker: 0 } as Action], labels: [...trace.steps.map((s) => s.label), 'Restart(0)'], length: 4, initIndex: 0 },
      { scenario: trace.scenario, parameters: trace.parameters, property: trace.property, kind: trace.kind, mode: trace.mode },
    );
    const a = saveTrace(trace, dir);
    const b = saveTrace(other, dir);
    expect(basename(b)).toMatch(/^sqs-pool_early-delete-NoLostMessage-exhaustive-[0-9a-f]{8}\.json$/);
    expect(saveTrace(other, dir)).toBe(b);
    expect(saveTrace(trace, dir)).toBe(a);
    // Other parameters: other content, even with the same steps.
    const medium = saveTrace({ ...trace, parameters: { size: 'medium' } }, dir);
    expect([a, b]).not.toContain(medium);
    expect(readdirSync(dir)).toHaveLength(3);
    // The hash is of the content, not of the run: a fresh directory gets the same name.
    const fresh = mkdtempSync(join(tmpdir(), 'faultline-trace-'));
    writeFileSync(join(fresh, basename(a)), readFileSync(a));
    expect(basename(saveTrace(other, fresh))).toBe(basename(b));
  });

  it('never replaces or reuses a file faultline did not write, or a trace edited since', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-trace-'));
    const { trace } = earlyDeleteTrace();
    const stem = join(dir, 'sqs-pool_early-delete-NoLostMessage-exhaustive.json');
    writeFileSync(stem, 'my notes\n');
    const saved = saveTrace(trace, dir);
    expect(saved).toMatch(/-[0-9a-f]{8}\.json$/);
    expect(readFileSync(stem, 'utf8')).toBe('my notes\n');
    // A copy of the same trace edited by hand (checksum broken) is not faultline's trace any more.
    const edited = JSON.stringify({ ...JSON.parse(readFileSync(saved, 'utf8')), property: 'Other' }, null, 2);
    writeFileSync(saved, edited);
    const again = saveTrace(trace, dir);
    expect(again).toMatch(/-[0-9a-f]{8}-2\.json$/);
    expect(readFileSync(saved, 'utf8')).toBe(edited);
    expect(saveTrace(trace, dir)).toBe(again);
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
    expect(() => parseTrace(JSON.stringify({ format: 'faultline-trace', version: 4 }))).toThrow(/unsupported version 4/);
    const { trace } = earlyDeleteTrace();
    expect(() => parseTrace(JSON.stringify({ ...trace, steps: [{ action: { kind: 'op' } }] }))).toThrow('trace: step 1: action must be an object with a type and a kind');
  });
});
