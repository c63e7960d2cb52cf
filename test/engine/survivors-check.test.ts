// Kills engine-e survivors in engine/check.ts and engine/model-ref.ts (MUTATION.md): the options
// a check passes on, checked mode, the errors it names, allMet; a model named by reference.
// Everything is built inside each `it` (Stryker's per-test coverage records only code run there).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { allMet, checkScenario, type CheckResult } from '../../engine/check.js';
import { ModelError } from '../../engine/model-error.js';
import { loadModelRef } from '../../engine/model-ref.js';
import { defineScenario, InputError } from '../../engine/scenario.js';
import { defineModel, type Action } from '../../model/core/model.js';
import { always } from '../../model/core/property.js';

const INC: Action = { type: 'Inc', kind: 'op' };

/** A counter to 5 whose next writes into the state it is given (checked mode freezes states). */
function scenario(mutates: boolean) {
  const model = defineModel<{ n: number }, Action>({
    init: () => [{ n: 0 }],
    actions: (s) => (s.n < 5 ? [INC] : []),
    next: (s) => {
      if (mutates) {
        (s as { n: number }).n += 0;
      }
      return { n: s.n + 1 };
    },
    properties: [always('Small', (s) => s.n <= 5)],
  });
  return defineScenario({ name: 'counter', description: 'd', model });
}

describe('checkScenario (engine-e survivors)', () => {
  it('wraps the model in checked mode only when asked', () => {
    expect(() => checkScenario(scenario(true), { modes: ['exhaustive'] })).not.toThrow();
    expect(() => checkScenario(scenario(true), { modes: ['exhaustive'], checked: true })).toThrow(ModelError);
    expect(checkScenario(scenario(false), { modes: ['exhaustive'], checked: true })[0].properties[0].met).toBe(true);
  });

  it("passes the caller's random options on", () => {
    const [r] = checkScenario(scenario(false), { modes: ['random'], random: { seed: 5, runs: 2, steps: 3 } });
    expect(r.seed).toBe(5);
    expect(r.stats.transitions).toBeLessThanOrEqual(6);
  });

  it('names the scenario and mode in a model error, and rethrows any other error as it is', () => {
    let err: unknown;
    try {
      checkScenario(scenario(true), { modes: ['exhaustive'], checked: true });
    } catch (e) {
      err = e;
    }
    expect((err as ModelError).message).toMatch(/^counter: .* \(exhaustive\)$/);
    expect(() => checkScenario(scenario(false), { modes: ['exhaustive'], exhaustive: { maxDept: 3 } as object })).toThrow(InputError);
    expect(() => checkScenario(scenario(false), { modes: ['exhaustive'], exhaustive: { maxDept: 3 } as object })).toThrow(/maxDept/);
  });
});

describe('allMet (engine-e survivors)', () => {
  it('is true only when every property of every result met its expectation', () => {
    const result = (...met: boolean[]) => ({ properties: met.map((m) => ({ met: m })) }) as unknown as CheckResult;
    expect(allMet([result(true, true), result(true)])).toBe(true);
    expect(allMet([result(true, true), result(true, false)])).toBe(false);
    expect(allMet([result(false), result(true)])).toBe(false);
    expect(allMet([result(), result(true)])).toBe(true);
    expect(allMet([])).toBe(true);
  });
});

describe('loadModelRef (engine-e survivors)', () => {
  it('builds the model an export names, and says in one line when it names nothing usable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-ref-'));
    const file = join(dir, 'models.mjs');
    writeFileSync(
      file,
      [
        'const model = (n) => ({ init: () => [n], actions: () => [], next: (s) => s, properties: [] });',
        'export const notAFunction = 1;',
        'export function noArgs(...args) { return args.length === 0 ? model(0) : null; }',
        'export async function withArg(n) { return model(n); }',
        'export function notAModel() { return { init: 1 }; }',
      ].join('\n'),
    );
    const url = pathToFileURL(file).href;
    expect((await loadModelRef({ module: url, export: 'noArgs' })).init()).toEqual([0]);
    expect((await loadModelRef({ module: url, export: 'withArg', args: [7] })).init()).toEqual([7]);
    await expect(loadModelRef({ module: url, export: 'missing' })).rejects.toThrow(new InputError(`${url}: no exported function missing`));
    await expect(loadModelRef({ module: url, export: 'notAFunction' })).rejects.toBeInstanceOf(InputError);
    await expect(loadModelRef({ module: url, export: 'notAFunction' })).rejects.toThrow(`${url}: no exported function notAFunction`);
    await expect(loadModelRef({ module: url, export: 'notAModel' })).rejects.toBeInstanceOf(InputError);
    await expect(loadModelRef({ module: url, export: 'notAModel' })).rejects.toThrow(`${url}: notAModel(...) did not return a Model`);
  });
});
