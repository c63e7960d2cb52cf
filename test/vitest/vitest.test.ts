import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { check, faultlineMatchers, replayTrace, setupFaultline, TraceStillFailsError } from '../../vitest.js';
import { checkScenario } from '../../engine/check.js';
import { saveTrace, toTrace, TraceError } from '../../engine/trace.js';
import { sqsPoolCorrect, sqsPoolEarlyDelete } from '../../scenarios/sqs-pool/index.js';
import { twoPhaseCommit } from '../../scenarios/two-phase-commit.js';
import { dieHardModel } from '../../scenarios/die-hard.js';
import { fixedPool } from './fixtures/fixed-pool.js';
import { bundled } from '../report/fixtures.js';
import { chainScenario, type Variant } from '../fixtures/chain-model.js';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => join(here, 'fixtures', name);
const tmp = mkdtempSync(join(tmpdir(), 'faultline-vitest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('check and the matchers', () => {
  it('registers on import: toHold, toFail, toBeReached, toMeetExpectations', () => {
    expect(check(sqsPoolCorrect)).toHold('NoLostMessage');
    expect(check(sqsPoolEarlyDelete)).toFail('NoLostMessage');
    expect(check(sqsPoolEarlyDelete)).not.toHold('NoLostMessage');
    expect(check(twoPhaseCommit)).toBeReached('ReachedCommit');
    expect(check(sqsPoolEarlyDelete)).toMeetExpectations();
    setupFaultline(); // idempotent
    expect(Object.keys(faultlineMatchers)).toEqual(['toHold', 'toFail', 'toBeReached', 'toMeetExpectations']);
  });

  it('checks a bare model too, in the modes asked for', () => {
    const results = check(dieHardModel, { name: 'jugs', modes: ['exhaustive'] });
    expect(results.map((r) => [r.scenario, r.mode])).toEqual([['jugs', 'exhaustive']]);
    expect(results[0]).toFail('NotSolved');
  });

  it('prints the counterexample, with the changed fields, when toHold fails', () => {
    const results = check(sqsPoolEarlyDelete, { modes: ['exhaustive'] });
    let message = '';
    try {
      expect(results).toHold('NoLostMessage');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('expected NoLostMessage to hold in every mode:\n  sqs-pool:early-delete (exhaustive): NoLostMessage fails\n    NoLostMessage (always) is violated after 3 steps');
    expect(message).toContain('      3. model  fault  Crash(0)  ✗ NoLostMessage violated\n          workers[0].w: busy → down');
    expect(message).not.toContain('\u001b');
  });

  it('explains unmet expectations and unknown property names', () => {
    const results = checkScenario(bundled('sqs-pool:early-delete'), { modes: ['exhaustive'] }); // not through check(): labels only
    const unmet = results.map((r) => ({ ...r, properties: r.properties.map((p) => ({ ...p, expected: 'holds' as const, met: false })) }));
    expect(() => expect(unmet).toMeetExpectations()).toThrow(/NoLostMessage expected holds, got fails[\s\S]*3\. model {2}fault {2}Crash\(0\)/);
    expect(() => expect(results).toHold('NoSuchThing')).toThrow('no property named NoSuchThing in these results (known: NoLostMessage)');
    expect(() => expect(results).not.toFail('NoLostMessage')).toThrow('expected NoLostMessage not to fail in some mode');
    expect(() => expect({}).toHold('X')).toThrow(/expect a CheckResult/);
  });
});

describe('replayTrace', () => {
  it('fails, showing the steps, while the bundled sqs-pool:early-delete still loses the message', async () => {
    const err = await replayTrace(fixture('early-delete.trace.json')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TraceStillFailsError);
    expect((err as Error).name).toBe('AssertionError');
    expect((err as Error).message).toMatch(/^sqs-pool:early-delete: the trace .*early-delete\.trace\.json still violates NoLostMessage\n/);
    expect((err as Error).message).toContain('  3. model  fault  Crash(0)  ✗ NoLostMessage violated');
  });

  it('passes once replayed against the fixed scenario, saying why in one line', async () => {
    const outcome = await replayTrace(fixture('early-delete.trace.json'), { scenarios: [fixedPool] });
    expect(outcome.trace.scenario).toBe('sqs-pool:early-delete');
    expect(outcome.divergedAt).toBeUndefined();
    expect(outcome.line).toBe('no longer reproduces: the trace replays but NoLostMessage is no longer violated; no violation within depth 7');
  });

  it('loads the scenario file the trace records (with tsx, through the CLI\'s loader), buggy or fixed', async () => {
    await expect(replayTrace(fixture('early-delete-buggy-file.trace.json'))).rejects.toThrow(TraceStillFailsError);
    await expect(replayTrace(pathToFileURL(fixture('early-delete-fixed-file.trace.json')))).resolves.toMatchObject({ trace: { file: 'fixed-pool.ts' } });
  });

  it('replays a trace the engine saves now', async () => {
    const [r] = checkScenario(bundled('sqs-pool:early-delete'), { modes: ['random'] });
    const p = r.properties[0];
    const file = saveTrace(toTrace(p.counterexample!, { scenario: r.scenario, parameters: r.parameters, property: p.name, kind: p.kind, mode: r.mode }), tmp);
    await expect(replayTrace(file)).rejects.toThrow(/still violates NoLostMessage/);
    await expect(replayTrace(file, { scenarios: [fixedPool] })).resolves.toBeDefined();
  });

  describe('after a change to the model (the replay rule)', () => {
    const saved = (variant: Variant = 'original') => {
      const [r] = checkScenario(chainScenario(variant));
      const p = r.properties.find((x) => x.name === 'Safe')!;
      return saveTrace(toTrace(p.counterexample!, { scenario: r.scenario, parameters: r.parameters, property: p.name, kind: p.kind, mode: r.mode }), tmp);
    };

    it('a step no longer enabled and no violation within the depth: resolves with the line', async () => {
      await expect(replayTrace(saved(), { scenarios: [chainScenario('no-b')] })).resolves.toMatchObject({
        divergedAt: 2,
        line: 'no longer reproduces: step 2 B is not enabled; no violation within depth 7',
      });
    });

    it('a step no longer enabled but another violation within the depth: an assertion error with the new steps', async () => {
      const err = await replayTrace(saved(), { scenarios: [chainScenario('detour')] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TraceStillFailsError);
      expect((err as Error).name).toBe('AssertionError');
      expect((err as Error).message).toMatch(/^chain: the saved trace no longer reproduces \(step 2 B is not enabled\), but Safe is violated another way in 2 steps \(trace .*\.json\)\n/);
      expect((err as Error).message).toMatch(/2\. model +op +D +✗ Safe violated/);
    });

    it('a violation in the initial state (no steps) still fails', async () => {
      await expect(replayTrace(saved('born-broken'), { scenarios: [chainScenario('born-broken')] })).rejects.toThrow(TraceStillFailsError);
    });

    it('a trace edited by hand, or malformed, rejects with a one-line TraceError', async () => {
      const file = saved();
      const doc = JSON.parse(readFileSync(file, 'utf8'));
      const edited = join(tmp, 'edited.json');
      writeFileSync(edited, JSON.stringify({ ...doc, steps: doc.steps.slice(1) }));
      const err = await replayTrace(edited, { scenarios: [chainScenario('original')] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TraceError);
      expect((err as Error).message).toMatch(/^edited\.json: checksum mismatch: the trace was edited \([^\n]*\)$/);
      const malformed = join(tmp, 'malformed.json');
      writeFileSync(malformed, '{ "format": "faultline-trace", \u001b');
      const bad = await replayTrace(malformed).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(TraceError);
      expect((bad as Error).message).toMatch(/^malformed\.json: not valid JSON/);
      expect((bad as Error).message).not.toMatch(/[\u0000-\u001f]/);
    });
  });

  it('says when the scenario cannot be found', async () => {
    const trace = fixture('early-delete.trace.json');
    await expect(replayTrace(trace, { scenarios: [sqsPoolCorrect] })).rejects.toThrow(new TraceError(`${trace}: no scenario named sqs-pool:early-delete (have: sqs-pool)`));
    const file = join(tmp, 'missing-file.json');
    writeFileSync(file, JSON.stringify({ ...toTrace({ actions: [], labels: [], length: 0, initIndex: 0 }, { scenario: 'x', parameters: {}, property: 'P', kind: 'always', mode: 'random' }), file: 'nope.ts' }));
    await expect(replayTrace(file)).rejects.toThrow(new TraceError(`${file}: scenario file nope.ts not found`));
  });
});

describe('replayTrace with the trace embedded and the scenario module imported (what an emitted test does)', () => {
  const doc = JSON.parse(readFileSync(fixture('early-delete-buggy-file.trace.json'), 'utf8'));

  it('fails with the module still buggy, passes with it fixed; the trace is named as embedded', async () => {
    const buggy = await import('./fixtures/buggy-pool.js');
    const err = await replayTrace(doc, { module: buggy }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TraceStillFailsError);
    expect((err as Error).message).toMatch(/^sqs-pool:early-delete: the embedded trace still violates NoLostMessage\n/);
    const fixed = await import('./fixtures/fixed-pool.js');
    await expect(replayTrace(doc, { module: fixed })).resolves.toMatchObject({ trace: { scenario: 'sqs-pool:early-delete' }, line: expect.stringMatching(/^no longer reproduces/) });
  });

  it('takes a scenario exported by name, a CommonJS default wrapped once more, or a bare model under the trace\'s name', async () => {
    await expect(replayTrace(doc, { module: { fixedPool } })).resolves.toBeDefined();
    await expect(replayTrace(doc, { module: { default: { default: fixedPool } } })).resolves.toBeDefined();
    const [r] = checkScenario(bundled('die-hard'), { modes: ['exhaustive'] });
    const p = r.properties.find((x) => x.counterexample)!;
    const jugs = toTrace(p.counterexample!, { scenario: 'jugs', parameters: {}, property: p.name, kind: p.kind, mode: 'exhaustive' });
    await expect(replayTrace(jugs, { module: { default: dieHardModel } })).rejects.toThrow(/^jugs: the embedded trace still violates NotSolved\n/);
  });

  it('an embedded trace edited by hand rejects with a one-line TraceError; a module without the scenario says so', async () => {
    await expect(replayTrace({ ...doc, version: 2, checksum: `sha256:${'0'.repeat(64)}` }, { module: { fixedPool } })).rejects.toThrow(/^embedded trace: checksum mismatch/);
    await expect(replayTrace(doc, { module: { sqsPoolCorrect } })).rejects.toThrow(new TraceError('embedded trace: no scenario named sqs-pool:early-delete (have: sqs-pool)'));
    await expect(replayTrace(doc, { module: {} })).rejects.toThrow(new TraceError('embedded trace: no scenario named sqs-pool:early-delete (have: none)'));
  });
});
