// `faultline replay` end to end, by the replay rule: a user's model file is checked, then
// changed the ways a fix can change it, and the saved trace replayed against each; traces
// edited by hand, malformed or holding control characters are exit 2 with one line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Variant } from '../fixtures/chain-model.js';

const BIN = resolve('dist/cli/bin.js');
const CHAIN = resolve('test/fixtures/chain-model.ts');

function faultline(args: string[], opts: { cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: opts.cwd, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Exit 2, one line on stderr starting `faultline: `, no stack trace, no raw control character. */
function expectOneLineError(r: ReturnType<typeof faultline>, pattern: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^faultline: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/);
}

let dir: string;
let model: string;
const setModel = (variant: Variant) => writeFileSync(model, `import { chainScenario } from ${JSON.stringify(CHAIN)};\nexport default chainScenario('${variant}');\n`);

/** Checks the model file as `variant` and returns the saved trace of Safe. */
function checkAndSave(variant: Variant, out = join(dir, `traces-${variant}`)): string {
  setModel(variant);
  const r = faultline(['check', model, '--json', '--out', out]);
  expect(r.stderr).toBe('');
  const [doc] = JSON.parse(r.stdout);
  const file = doc.properties.find((p: { name: string }) => p.name === 'Safe').counterexample.file;
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 3, checksum: expect.stringMatching(/^sha256:/) });
  return file;
}

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'faultline-replay-'));
  model = join(dir, 'chain.ts');
});

describe('faultline replay after a change to the model', () => {
  it('exit 1 while the trace still violates, 0 with one line once it no longer reproduces', () => {
    const trace = checkAndSave('original');
    const still = faultline(['replay', trace]);
    expect(still.code).toBe(1);
    expect(still.stdout).toMatch(/3\. model +op +C +✗ Safe violated/);
    expect(still.stdout).toContain('Safe is still violated');

    setModel('no-b');
    const diverged = faultline(['replay', trace]);
    expect(diverged).toEqual({ code: 0, stdout: 'no longer reproduces: step 2 B is not enabled; no violation within depth 7\n', stderr: '' });

    setModel('fixed');
    const fixed = faultline(['replay', trace]);
    expect(fixed).toEqual({ code: 0, stdout: 'no longer reproduces: the trace replays but Safe is no longer violated; no violation within depth 7\n', stderr: '' });

    const json = JSON.parse(faultline(['replay', trace, '--format', 'json']).stdout);
    expect(json).toMatchObject({ outcome: 'no-longer-reproduces', violated: false, reason: expect.stringMatching(/^no longer reproduces: /) });
  });

  it('exit 1 with the new counterexample, saved beside the trace, when another violation is within the depth', () => {
    const trace = checkAndSave('original', join(dir, 'detour-traces'));
    setModel('detour');
    const r = faultline(['replay', trace]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the saved trace no longer reproduces (step 2 B is not enabled), but Safe is violated another way in 2 steps:');
    expect(r.stdout).toMatch(/2\. model +op +D +✗ Safe violated/);
    const saved = /saved the new counterexample to (.+)\n$/.exec(r.stdout)![1];
    expect(dirname(saved)).toBe(join(dir, 'detour-traces'));
    expect(basename(saved)).toMatch(/^chain-Safe-exhaustive-[0-9a-f]{8}\.json$/); // other steps than the saved trace's: a hash of them
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toMatchObject({ version: 3, mode: 'exhaustive', steps: [{ label: 'A' }, { label: 'D' }] });
    expect(faultline(['replay', saved]).code).toBe(1); // the new trace reproduces on the changed model
    // Replaying again finds the same counterexample already saved: no third file.
    const json = JSON.parse(faultline(['replay', trace, '--format', 'json']).stdout);
    expect(json).toMatchObject({ outcome: 'new-counterexample', violated: true, steps: [{ label: 'A' }, { label: 'D' }], savedTo: saved });
    expect(readdirSync(join(dir, 'detour-traces')).sort()).toEqual(['chain-Recovered-exhaustive.json', basename(saved), 'chain-Safe-exhaustive.json'].sort());
  });

  it('a trace with no steps (a violating initial state) replays with exit 1 while it still violates', () => {
    const trace = checkAndSave('born-broken');
    expect(JSON.parse(readFileSync(trace, 'utf8')).steps).toEqual([]);
    const r = faultline(['replay', trace]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Safe is still violated');
    setModel('no-b');
    expect(faultline(['replay', trace]).stdout).toBe('no longer reproduces: the trace replays but Safe is no longer violated; no violation within depth 4\n');
  });

  it('the bundled early-delete trace against the correct pool no longer reproduces (a version-1 trace: no checksum)', () => {
    const r = faultline(['check', 'sqs-pool:early-delete', '--mode', 'exhaustive', '--json', '--out', join(dir, 'pool')]);
    const file = JSON.parse(r.stdout)[0].properties[0].counterexample.file;
    const { checksum: _c, ...trace } = JSON.parse(readFileSync(file, 'utf8'));
    const fixed = join(dir, 'pool', 'fixed-v1.json');
    writeFileSync(fixed, JSON.stringify({ ...trace, version: 1, scenario: 'sqs-pool' }));
    expect(faultline(['replay', fixed])).toEqual({ code: 0, stdout: 'no longer reproduces: the trace replays but NoLostMessage is no longer violated; no violation within depth 7\n', stderr: '' });
  });
});

describe('faultline replay refuses bad traces (exit 2, one line)', () => {
  let trace: string;
  let doc: { scenario: string; parameters: Record<string, unknown>; steps: { label: string }[] } & Record<string, unknown>;
  const write = (name: string, content: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return file;
  };
  beforeAll(() => {
    trace = checkAndSave('original', join(dir, 'bad'));
    doc = JSON.parse(readFileSync(trace, 'utf8'));
    setModel('original');
  });

  it.each<[string, () => unknown]>([
    ['a step removed', () => ({ ...doc, steps: doc.steps.slice(1) })],
    ['the scenario changed', () => ({ ...doc, scenario: 'chain2' })],
    ['a parameter changed', () => ({ ...doc, parameters: { size: 'large' } })],
    ['a label changed', () => ({ ...doc, steps: doc.steps.map((s, i) => (i === 0 ? { ...s, label: 'Z' } : s)) })],
  ])('edited by hand: %s', (_what, edit) => {
    const file = write('edited.json', edit());
    expectOneLineError(faultline(['replay', file]), /^faultline: edited\.json: checksum mismatch: the trace was edited \(/);
  });

  it('control characters and a byte-order mark: one line, escaped; a leading BOM is accepted', () => {
    const text = readFileSync(trace, 'utf8');
    expectOneLineError(faultline(['replay', write('raw.json', text.replace('"chain"', '"chain\u001b[2J\u0007"'))]), /^faultline: raw\.json: not valid JSON/);
    expectOneLineError(faultline(['replay', write('trailing.json', text + '\u0000\u001b]0;x\u0007')]), /^faultline: trailing\.json: not valid JSON/);
    const moved = faultline(['replay', write('moved.json', { ...doc, file: 'gone\u001b[31m\u2028.ts' })]);
    expectOneLineError(moved, /scenario file gone\\u001b\[31m\\u2028\.ts not found$/);
    const bom = faultline(['replay', write('bom.json', '\ufeff' + text)]);
    expect(bom.code).toBe(1);
    expect(bom.stdout).toContain('Safe is still violated');
    expectOneLineError(faultline(['replay', write('mid-bom.json', '{\ufeff' + text.slice(1))]), /^faultline: mid-bom\.json: not valid JSON/);
  });

  it('--emit-test refuses a malformed or edited trace and writes nothing', () => {
    const before = readdirSync(dir).length;
    const edited = write('emit-edited.json', { ...doc, steps: doc.steps.slice(1) });
    expectOneLineError(faultline(['replay', edited, '--emit-test']), /checksum mismatch/);
    const malformed = write('emit-malformed.json', '{ "format": "faultline-trace", ');
    expectOneLineError(faultline(['replay', malformed, '--emit-test', join(dir, 'named.test.ts')]), /not valid JSON/);
    expect(readdirSync(dir).length).toBe(before + 2); // the two traces, no test file
    const ok = faultline(['replay', trace, '--emit-test']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^wrote .*chain-Safe-exhaustive\.test\.ts: it fails while Safe is still violated \(by this trace, or another way within depth 7\)\n$/);
  });
});
