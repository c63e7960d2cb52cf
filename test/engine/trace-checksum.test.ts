// Trace format version 3 (version 2 and a lasso's loopIndex): a checksum over the content
// catches an edit by hand without the model; versions 1 (no checksum) and 2 still read;
// control characters never reach a message raw.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { loadTrace, parseTrace, saveTrace, toTrace, TraceError, type Trace } from '../../engine/trace.js';
import { canonicalJson, printable, traceChecksum } from '../../engine/trace-integrity.js';
import { chainModel } from '../fixtures/chain-model.js';

const META = { scenario: 'chain', parameters: { size: 'small', n: 2 }, property: 'Safe', kind: 'always', mode: 'exhaustive' } as const;

function chainTrace(): Trace {
  const cx = exploreExhaustive(chainModel('original')).properties[0].counterexample!;
  return toTrace(cx, META);
}

const text = (doc: unknown) => JSON.stringify(doc, null, 2);
const mismatch = /^trace: checksum mismatch: the trace was edited \(/;

describe('trace version 3', () => {
  it('carries a sha256 checksum of its content and reads back equal', () => {
    const t = chainTrace();
    expect(t.version).toBe(3);
    expect(t.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(t.steps.map((s) => s.label)).toEqual(['A', 'B', 'C']);
    expect(parseTrace(text(t))).toEqual(t);
  });

  it('saveTrace writes version 3 even when given a version-1 document', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-v2-'));
    const { checksum: _c, ...v1 } = { ...chainTrace(), version: 1 as const };
    const file = saveTrace(v1, dir);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.version).toBe(3);
    expect(loadTrace(file).checksum).toBe(chainTrace().checksum);
  });

  it.each<[string, (t: Trace) => object]>([
    ['a step removed', (t) => ({ ...t, steps: t.steps.slice(1) })],
    ['the last step removed', (t) => ({ ...t, steps: t.steps.slice(0, -1) })],
    ['steps swapped', (t) => ({ ...t, steps: [t.steps[1], t.steps[0], t.steps[2]] })],
    ['the scenario changed', (t) => ({ ...t, scenario: 'chain:fixed' })],
    ['a parameter changed', (t) => ({ ...t, parameters: { ...t.parameters, size: 'large' } })],
    ['a parameter changed in type only', (t) => ({ ...t, parameters: { ...t.parameters, n: '2' } })],
    ['a parameter added', (t) => ({ ...t, parameters: { ...t.parameters, extra: true } })],
    ['a label changed', (t) => ({ ...t, steps: t.steps.map((s, i) => (i === 2 ? { ...s, label: 'Crash' } : s)) })],
    ['an action changed', (t) => ({ ...t, steps: t.steps.map((s, i) => (i === 0 ? { ...s, action: { ...s.action, worker: 1 } } : s)) })],
    ['the property changed', (t) => ({ ...t, property: 'ReachedC' })],
    ['the kind changed', (t) => ({ ...t, kind: 'sometimes' })],
    ['the mode changed', (t) => ({ ...t, mode: 'random' })],
    ['the initial state changed', (t) => ({ ...t, initIndex: 1 })],
    ['a recovery start added', (t) => ({ ...t, recoveryFrom: 1 })],
    ['a seed added', (t) => ({ ...t, seed: 7 })],
    ['a path added', (t) => ({ ...t, path: '0:1' })],
  ])('fails its checksum when %s (one line, exit 2 at the CLI)', (_what, edit) => {
    const edited = text(edit(chainTrace()));
    expect(() => parseTrace(edited)).toThrow(TraceError);
    expect(() => parseTrace(edited)).toThrow(mismatch);
    const message = (() => {
      try {
        parseTrace(edited);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message?.split('\n')).toHaveLength(1);
  });

  it('keeps its checksum when re-indented, keys reordered, or the scenario file moved', () => {
    const t = chainTrace();
    const reordered = Object.fromEntries(Object.entries(t).reverse());
    expect(() => parseTrace(JSON.stringify(reordered))).not.toThrow();
    expect(parseTrace(JSON.stringify({ ...t, file: 'elsewhere/model.ts' })).file).toBe('elsewhere/model.ts');
    // initIndex 0 written out, or left out, is the same trace.
    expect(() => parseTrace(JSON.stringify({ ...t, initIndex: 0 }))).not.toThrow();
  });

  it('needs a well-formed checksum and string labels in versions 2 and 3', () => {
    const { checksum: _c, ...bare } = chainTrace();
    expect(() => parseTrace(text(bare))).toThrow('trace: checksum must be "sha256:" and 64 hex digits (version 3)');
    expect(() => parseTrace(text({ ...bare, version: 2 }))).toThrow('trace: checksum must be "sha256:" and 64 hex digits (version 2)');
    expect(() => parseTrace(text({ ...chainTrace(), checksum: 'md5:abc' }))).toThrow(/checksum must be/);
    const t = chainTrace();
    expect(() => parseTrace(text({ ...t, steps: [{ action: t.steps[0].action }] }))).toThrow('trace: step 1: label must be a string');
    expect(() => parseTrace(text({ ...t, version: 4 }))).toThrow('trace: unsupported version 4 (this faultline reads versions 1, 2 and 3)');
  });

  it('still reads version 1, which has no checksum to check', () => {
    const { checksum: _c, ...t } = chainTrace();
    const v1 = { ...t, version: 1, steps: t.steps.slice(1).map(({ action }) => ({ action })) };
    expect(parseTrace(text(v1))).toMatchObject({ version: 1, scenario: 'chain', steps: [{ action: { type: 'B' } }, { action: { type: 'C' } }] });
  });

  it('a trace with no steps is legitimate (a violation in an initial state)', () => {
    const cx = exploreExhaustive(chainModel('born-broken')).properties[0].counterexample!;
    expect(cx.length).toBe(0);
    const t = toTrace(cx, META);
    expect(t.steps).toEqual([]);
    expect(parseTrace(text(t))).toEqual(t);
    expect(() => parseTrace(text({ ...t, steps: chainTrace().steps }))).toThrow(mismatch);
  });
});

describe('bad bytes in a trace file', () => {
  it('accepts a leading UTF-8 byte-order mark', () => {
    const t = chainTrace();
    expect(parseTrace('\ufeff' + text(t))).toEqual(t);
    const dir = mkdtempSync(join(tmpdir(), 'faultline-bom-'));
    const file = join(dir, 'bom.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text(t))]));
    expect(loadTrace(file)).toEqual(t);
  });

  it('rejects raw control characters in one line, escaped', () => {
    for (const bad of ['{"format":"faultline-trace\u001b[31m"}', '{"format":\u0007"x"}', '\u001b]0;pwned\u0007{}', '{"a":"\u2028"}\u0000']) {
      let message = '';
      try {
        parseTrace(bad, 'evil.json');
      } catch (e) {
        expect(e).toBeInstanceOf(TraceError);
        message = (e as Error).message;
      }
      expect(message).toMatch(/^evil\.json: /);
      expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
    }
  });

  it('escapes control characters that JSON escapes carried into a field', () => {
    const t = toTrace({ actions: [], labels: [], length: 0, initIndex: 0 }, { ...META, scenario: 'chain\u001b[2J', property: 'Safe\nX' });
    const parsed = parseTrace(text(t)); // well-formed and unedited: the name is the caller's to show
    expect(parsed.scenario).toBe('chain\u001b[2J');
    const err = new TraceError(`unknown scenario ${parsed.scenario} has no ${parsed.property}`);
    expect(err.message).toBe('unknown scenario chain\\u001b[2J has no Safe\\u000aX');
    expect(printable('a\u009bb\u202ec\ufeffd\u0000')).toBe('a\\u009bb\\u202ec\\ufeffd\\u0000');
  });
});

describe('canonical JSON', () => {
  it('sorts keys at every level and keeps arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: 'x' })).toBe('{"b":"x"}');
  });

  it('checksums agree for absent optional fields and their defaults', () => {
    const base = { scenario: 's', property: 'P', kind: 'always', mode: 'random', steps: [] };
    expect(traceChecksum(base)).toBe(traceChecksum({ ...base, parameters: {}, initIndex: 0 }));
    expect(traceChecksum(base)).not.toBe(traceChecksum({ ...base, initIndex: 1 }));
  });

  it('covers the recovery start, the seed and the path: changing any of them fails the checksum', () => {
    const base = { scenario: 's', property: 'P', kind: 'recovers', mode: 'random', steps: [], recoveryFrom: 2, seed: 7, path: '3:1' };
    const sum = traceChecksum(base);
    for (const edit of [{ recoveryFrom: 3 }, { recoveryFrom: undefined }, { seed: 8 }, { seed: undefined }, { path: '3:2' }, { path: undefined }]) {
      expect(traceChecksum({ ...base, ...edit })).not.toBe(sum);
    }
  });

  it('writes an undefined array element as null, as JSON.stringify does', () => {
    expect(canonicalJson([1, undefined, 'x'])).toBe('[1,null,"x"]');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
