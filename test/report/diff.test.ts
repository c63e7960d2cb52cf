import { describe, expect, it } from 'vitest';
import { childPath, diffStates, formatChange, formatValue } from '../../report/diff.js';

describe('diffStates', () => {
  it('names changed leaves by path, in key order', () => {
    const before = { ec2: { instances: [{ state: 'running', az: 0 }, { state: 'running', az: 1 }] }, crashes: 0 };
    const after = { ec2: { instances: [before.ec2.instances[0], { state: 'terminated', az: 1 }] }, crashes: 1 };
    expect(diffStates(before, after).map(formatChange)).toEqual(['ec2.instances[1].state: running → terminated', 'crashes: 0 → 1']);
  });

  it('is empty for equal states, shared or not', () => {
    const s = { a: [1, 2], b: { c: true } };
    expect(diffStates(s, s)).toEqual([]);
    expect(diffStates(s, { a: [1, 2], b: { c: true } })).toEqual([]);
  });

  it('reports added and removed elements and keys as absent', () => {
    expect(diffStates({ xs: [1], k: 1 }, { xs: [1, 2], j: 2 })).toEqual([
      { path: 'xs[1]', before: undefined, after: 2 },
      { path: 'k', before: 1, after: undefined },
      { path: 'j', before: undefined, after: 2 },
    ]);
    expect(formatChange({ path: 'j', before: undefined, after: 2 })).toBe('j: (absent) → 2');
  });

  it('reports a change of shape at the subtree, and scalar states as (state)', () => {
    expect(diffStates({ a: { b: 1 } }, { a: [1] })).toEqual([{ path: 'a', before: { b: 1 }, after: [1] }]);
    expect(diffStates(3, 4)).toEqual([{ path: '(state)', before: 3, after: 4 }]);
  });

  it('quotes keys that are not identifiers', () => {
    expect(childPath('', 'a b')).toBe('["a b"]');
    expect(childPath('x', 'ok_1')).toBe('x.ok_1');
    expect(diffStates({ 'us-east-1a': 1 }, { 'us-east-1a': 2 })[0].path).toBe('["us-east-1a"]');
  });
});

describe('formatValue', () => {
  it('keeps enum strings bare and quotes the rest', () => {
    expect(formatValue('running')).toBe('running');
    expect(formatValue('two words')).toBe('"two words"');
    expect(formatValue('')).toBe('""');
    expect(formatValue({ q: 'visible', timer: 0, done: false })).toBe('{q: visible, timer: 0, done: false}');
    expect(formatValue([1, [true]])).toBe('[1, [true]]');
    expect(formatValue(null)).toBe('null');
  });
});
