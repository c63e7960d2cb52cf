// The CLI with liveness properties (the built CLI, in this process): the one-line notices of
// the --symmetry and --workers fallbacks, random mode's reason, and a saved lasso replayed,
// printed and exported with its loop.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../fuzz/support.js';

const work = tempDir('liveness-cli');
afterAll(work.remove);

const MODEL = `const spin = { type: 'Spin', kind: 'control' };
const finish = { type: 'Finish', kind: 'op' };
export default {
  init: () => [{ x: 0, done: false }],
  actions: (s) => (s.done ? [] : [finish, spin]),
  next: (s, a) => (a.type === 'Spin' ? { x: (s.x + 1) % 3, done: false } : { x: s.x, done: true }),
  canonical: (s) => s,
  codeWords: 1,
  encode: (s, out, off) => { out[off] = s.x | (s.done ? 4 : 0); },
  decode: (code, off) => ({ x: code[off] & 3, done: (code[off] & 4) !== 0 }),
  properties: [{ kind: 'eventually', name: 'Done', pred: (s) => s.done }],
};
`;

describe('faultline check and replay with a liveness property', () => {
  const file = join(work.dir, 'spin.mjs');
  writeFileSync(file, MODEL);
  const out = join(work.dir, 'traces');

  it('--symmetry and --workers fall back with one line each on stderr; the lasso is found either way', async () => {
    const sym = await runInProcess(['check', file, '--mode', 'exhaustive', '--symmetry', '--out', out]);
    expect(sym.code).toBe(1); // the property is expected to hold, and fails
    expect(sym.stderr).toContain('faultline: spin (exhaustive): liveness properties are checked on the full state graph: --symmetry is not applied');
    expect(sym.stdout).toContain('↺ back to the initial state: steps 1–3 repeat for ever');
    const par = await runInProcess(['check', file, '--mode', 'exhaustive', '--workers', '2', '--out', out]);
    expect(par.stderr).toContain('faultline: spin (exhaustive): liveness properties need the whole graph in one store: this run used the serial explorer, not --workers');
    expect(par.stdout).toContain('Done (eventually) never holds on this fair path: 0 steps, then a cycle of 3 steps that repeats for ever');
  });

  it('random mode says why it has no verdict; --json carries the loop index, the reason and the notices', async () => {
    const r = await runInProcess(['check', file, '--mode', 'both', '--symmetry', '--json', '--out', out]);
    const runs = JSON.parse(r.stdout);
    expect(runs[0].properties[0]).toMatchObject({ verdict: 'unknown', reason: expect.stringMatching(/^not checked: liveness is decided on the whole graph/) });
    expect(runs[1].properties[0]).toMatchObject({ verdict: 'fails', counterexample: { length: 3, loopIndex: 0 } });
    expect(runs[1].notices).toHaveLength(1);
    expect(r.stderr).toBe('');
  });

  it('the saved lasso replays (still violated), and exports to ITF with its loop', async () => {
    await runInProcess(['check', file, '--mode', 'exhaustive', '--out', out]);
    const saved = join(out, readdirSync(out).find((f) => f.startsWith('spin-Done-exhaustive'))!);
    const text = await runInProcess(['replay', saved]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('Done is still violated');
    const itf = JSON.parse((await runInProcess(['replay', saved, '--format', 'itf'])).stdout);
    expect(itf.loop).toBe(0);
    expect(itf.states).toHaveLength(3);
    const mermaid = (await runInProcess(['replay', saved, '--format', 'mermaid'])).stdout;
    expect(mermaid).toContain('  loop for ever, steps 1–3');
  });
});
