import { describe, expect, it } from 'vitest';
import { checkScenario } from '../../engine/check.js';
import { toJsonRuns, type JsonRun } from '../../report/json.js';
import { MergeError, mergeJsonRuns, parseJsonRuns, validateJsonRuns } from '../../report/merge.js';
import { bundled } from './fixtures.js';

function shard(over: { verdict?: string; length?: number; file?: string; reached?: string; runs?: number; complete?: boolean; seed?: number; depth?: number; coverage?: Record<string, number> }): JsonRun {
  const verdict = over.verdict ?? 'holds';
  return validateJsonRuns(
    [
      {
        scenario: 'pool',
        mode: 'random',
        parameters: { size: 'small' },
        seed: over.seed ?? 1,
        properties: [
          {
            name: 'NoLoss',
            kind: 'always',
            expected: 'holds',
            verdict,
            ...(verdict === 'fails'
              ? { counterexample: { length: over.length, file: over.file, steps: Array.from({ length: over.length ?? 0 }, (_, i) => ({ label: `A${i}` })) } }
              : {}),
          },
          { name: 'Drained', kind: 'sometimes', expected: 'reached', verdict: over.reached ?? 'unreached' },
        ],
        stats: {
          distinctStates: null,
          transitions: 100,
          maxDepth: over.depth ?? 5,
          searchMs: 1000,
          statesPerSecond: 100,
          complete: over.complete ?? true,
          runs: over.runs ?? 10,
          steps: 100,
        },
        ...(over.coverage ? { coverage: { actions: { model: over.coverage } } } : {}),
      },
    ],
    'shard',
  )[0];
}

describe('mergeJsonRuns', () => {
  it('lets a failure in any shard win, keeping the shortest counterexample', () => {
    const [m] = mergeJsonRuns([[shard({ verdict: 'fails', length: 7, file: 'a.json' })], [shard({})], [shard({ verdict: 'fails', length: 4, file: 'c.json', seed: 3 })]]);
    const p = m.properties[0];
    expect(p.verdict).toBe('fails');
    expect(p.met).toBe(false);
    expect(p.counterexample).toMatchObject({ length: 4, file: 'c.json' });
    expect(m.seeds).toEqual([1, 1, 3]);
    expect(m.seed).toBeUndefined();
  });

  it('lets reached in any shard win, and sums, maxes and ands the statistics', () => {
    const [m] = mergeJsonRuns([
      [shard({ runs: 10, depth: 4, coverage: { Send: 2, Crash: 1 } })],
      [shard({ reached: 'reached', runs: 15, depth: 9, complete: false, coverage: { Send: 3 } })],
    ]);
    expect(m.properties.map((p) => [p.name, p.verdict, p.met])).toEqual([
      ['NoLoss', 'holds', true],
      ['Drained', 'reached', true],
    ]);
    expect(m.stats).toMatchObject({ distinctStates: null, transitions: 200, steps: 200, runs: 25, searchMs: 2000, maxDepth: 9, complete: false, statesPerSecond: 100, shards: 2 });
    expect(m.coverage).toEqual({ actions: { model: { Send: 5, Crash: 1 } } });
  });

  it('keeps runs with different scenarios, modes or parameters apart, in first-seen order', () => {
    const other = { ...shard({}), parameters: { size: 'large' } };
    const merged = mergeJsonRuns([[shard({}), other], [shard({})]]);
    expect(merged.map((r) => r.parameters)).toEqual([{ size: 'small' }, { size: 'large' }]);
    expect(merged[0].stats.shards).toBe(2);
    expect(merged[1].stats.shards).toBeUndefined();
  });

  it('refuses shards that disagree on what a property is', () => {
    const a = shard({});
    const b = { ...a, properties: [{ ...a.properties[0], expected: 'fails' as const }] };
    expect(() => mergeJsonRuns([[a], [b]])).toThrow(new MergeError('pool (random) NoLoss: expected verdict differs between shards (holds, fails)'));
  });

  it('merges the output of toJsonRuns from real runs', () => {
    const shards = [1, 2].map((seed) => toJsonRuns(checkScenario(bundled('sqs-pool:early-delete'), { modes: ['random'], random: { seed } }), { traceFile: () => `t${seed}.json` }));
    const json = shards.map((s) => parseJsonRuns(JSON.stringify(s), 'x.json'));
    const [m] = mergeJsonRuns(json);
    expect(m.properties[0].verdict).toBe('fails');
    expect(m.properties[0].counterexample?.length).toBe(3);
    expect(m.properties[0].counterexample?.steps.map((s) => s.kind)).toEqual(['op', 'op', 'fault']);
    expect(m.stats.runs).toBe((shards[0][0].stats.runs ?? 0) + (shards[1][0].stats.runs ?? 0));
  });
});

describe('validation', () => {
  const valid = () => JSON.parse(JSON.stringify([shard({})]));
  const bad = (edit: (d: any) => void): string => {
    const d = valid();
    edit(d);
    try {
      validateJsonRuns(d, 'shard-3.json');
    } catch (e) {
      expect(e).toBeInstanceOf(MergeError);
      return (e as Error).message;
    }
    throw new Error('expected a MergeError');
  };

  it('names the file and the field in one line', () => {
    expect(() => parseJsonRuns('{', 'a.json')).toThrow(/^a\.json: not valid JSON/);
    expect(() => validateJsonRuns({}, 'a.json')).toThrow('a.json: the document must be an array of runs (the output of check --json)');
    expect(bad((d) => (d[0].scenario = 3))).toBe('shard-3.json: [0].scenario must be a non-empty string');
    expect(bad((d) => (d[0].mode = 'swarm'))).toBe('shard-3.json: [0].mode must be one of random, exhaustive');
    expect(bad((d) => (d[0].properties[1].verdict = 'maybe'))).toBe('shard-3.json: [0].properties[1].verdict must be one of holds, fails, reached, unreached, unknown');
    expect(bad((d) => (d[0].properties[0].counterexample = { length: 2, steps: [{}] }))).toBe('shard-3.json: [0].properties[0].counterexample.steps must be an array of { label }');
    expect(bad((d) => delete d[0].stats.complete)).toBe('shard-3.json: [0].stats.complete must be a boolean');
    expect(bad((d) => (d[0].stats.searchMs = -1))).toBe('shard-3.json: [0].stats.searchMs must be a non-negative number');
    expect(bad((d) => (d[0].stats.distinctStates = 'x'))).toBe('shard-3.json: [0].stats.distinctStates must be a number or null');
    for (const m of [bad((d) => (d[0].properties = null)), bad((d) => (d[0].coverage = []))]) expect(m).not.toContain('\n');
  });
});
