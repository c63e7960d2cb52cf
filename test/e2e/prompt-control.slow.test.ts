// faultline check --prompt-control / --no-prompt-control: on by default for a composed
// scenario, off for a hand-written one; either flag overrides the default. Runs the built dist/.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, faultline } from './support.js';

let out: string;
beforeAll(() => {
  assertBuilt();
  out = mkdtempSync(join(tmpdir(), 'faultline-prompt-'));
});

type Doc = { scenario: string; properties: { name: string; verdict: string }[]; stats: { distinctStates: number } };

function states(args: readonly string[]): { states: number; verdicts: string[] } {
  const r = faultline(['check', ...args, '--mode', 'exhaustive', '--json', '--out', out]);
  expect(r.code, r.stderr).toBe(0);
  const [doc] = JSON.parse(r.stdout) as Doc[];
  return { states: doc.stats.distinctStates, verdicts: doc.properties.map((p) => `${p.name} ${p.verdict}`) };
}

describe('check: prompt control', () => {
  it('asg-n-plus-1 (composed): 76 states by default and with --prompt-control, 116 with --no-prompt-control, the same verdicts', () => {
    const byDefault = states(['asg-n-plus-1']);
    const on = states(['asg-n-plus-1', '--prompt-control']);
    const off = states(['asg-n-plus-1', '--no-prompt-control']);
    expect([byDefault.states, on.states, off.states]).toEqual([76, 76, 116]);
    expect(off.verdicts).toEqual(byDefault.verdicts);
  });

  it('two-phase-commit (hand-written, no clock): unchanged either way', () => {
    expect(states(['two-phase-commit']).states).toBe(288);
    expect(states(['two-phase-commit', '--no-prompt-control']).states).toBe(288);
  });
});
