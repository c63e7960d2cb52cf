/**
 * How the reports show a measured property's worst value (engine/worst.ts): the default
 * summary's row, the verbose row and witness trace, --json, JUnit and HTML. Models from
 * test/fixtures/worst-models.ts, whose figures are computed by hand there.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario, type CheckResult } from '../../engine/check.js';
import { defineScenario } from '../../engine/scenario.js';
import type { Model } from '../../model/core/model.js';
import { always } from '../../model/core/property.js';
import { formatWorst } from '../../report/format.js';
import { renderHtmlReport } from '../../report/html.js';
import { toJsonRuns } from '../../report/json.js';
import { renderJunit } from '../../report/junit.js';
import { formatSummary } from '../../report/terminal-summary.js';
import { formatResults } from '../../report/text.js';
import { peak, server, type X } from '../fixtures/worst-models.js';

const MODELS: Readonly<Record<string, () => Model<any, any>>> = {
  server: () => server(180),
  wedge: () => server(120, { wedge: true }),
  peak: () => peak(10),
  'peak-early': () => peak(3),
};
const EXPECT: Readonly<Record<string, Readonly<Record<string, 'fails'>>>> = { wedge: { Up: 'fails' }, 'peak-early': { Below: 'fails' } };

function run(name: string): CheckResult {
  return checkScenario(defineScenario({ name, description: '', model: MODELS[name], modes: ['exhaustive'], expect: EXPECT[name] ?? {} }))[0];
}
const modelFor = (r: CheckResult) => MODELS[r.scenario]();

describe('formatWorst', () => {
  it('a value and its unit; "never" and "unbounded"; "at least" for a search that stopped early; steps pluralised', () => {
    expect(formatWorst('always', { label: 'RPO', unit: 's', value: 300, complete: true })).toBe('worst RPO 300 s');
    expect(formatWorst('recovers', { label: 'RTO', unit: 's', value: 3_720, complete: true })).toBe('worst RTO 3,720 s');
    expect(formatWorst('recovers', { label: 'RTO', unit: 's', value: Infinity, complete: true })).toBe('worst RTO never');
    expect(formatWorst('always', { label: 'RPO', unit: 's', value: Infinity, complete: false })).toBe('worst RPO unbounded');
    expect(formatWorst('always', { label: 'Lag', unit: 's', value: 5, complete: false })).toBe('worst Lag at least 5 s');
    expect(formatWorst('recovers', { label: 'Fix', unit: 'steps', value: 1, complete: true })).toBe('worst Fix 1 step');
    expect(formatWorst('always', { label: 'Cost', unit: 'USD', value: 2.5, complete: true })).toBe('worst Cost 2.5 USD');
  });
});

describe('the default summary', () => {
  it('adds the worst value to the row of a measured property only, after the counterexample length', () => {
    const text = formatSummary(['server', 'wedge', 'peak', 'peak-early'].map(run), { color: false });
    expect(text.split('\n').slice(0, 4)).toEqual([
      '✓  server      exhaustive  Up     holds  worst RTO 180 s',
      '✓  wedge       exhaustive  Up     fails  4 steps, worst RTO never',
      '✓  peak        exhaustive  Below  holds  worst Lag 9 s',
      '✓  peak-early  exhaustive  Below  fails  1 step, worst Lag at least 5 s',
    ]);
  });
});

const SERVER_WITNESS = `    worst RTO 180 s: Up, a shortest path to the state, 1 step, then its slowest recovery path, 4 steps
      1. model  fault    Crash(3)
          down: false → true
          timer: 0 → 3
      ── recovery path: faults and ops stop, control actions only ──
      2. model  control  Tick
          timer: 3 → 2
      3. model  control  Tick
          timer: 2 → 1
      4. model  control  Tick
          timer: 1 → 0
      5. model  control  Restart
          down: true → false
         restored after 180 s (3 ticks of 60 s), and it stays`;

describe('--verbose', () => {
  it('prints the worst on the row and the witness trace: the path to the state, then its slowest recovery path', () => {
    const text = formatResults([run('server')], { color: false, modelFor });
    expect(text.split('\n')[0]).toMatch(/ ✓ {2}worst RTO 180 s$/);
    expect(text).toContain(SERVER_WITNESS);
  });

  it('an always measure: a shortest path to a state with the worst value, no violation marked', () => {
    const text = formatResults([run('peak')], { color: false, modelFor });
    expect(text).toContain(['    worst Lag 9 s: Below, a shortest path to it, 2 steps', '      1. model  op  Up', '          x: 0 → 1', '      2. model  op  Up', '          x: 1 → 2'].join('\n'));
    expect(text).not.toContain('violated');
  });

  it('"never": a path to the first state that never recovers and why (stuck); a witness that is the counterexample is named, not drawn twice', () => {
    const text = formatResults([run('wedge')], { color: false, modelFor });
    expect(text).toContain(
      [
        '    worst RTO never: Up, a shortest path to a state that never recovers, 1 step, then a recovery path that shows it, 0 steps',
        '      1. model  fault  Wedge',
        '          down: false → true',
        '          wedged: false → true',
        '      ── recovery path: faults and ops stop, control actions only ──',
        '         no recovery move is enabled any more: the recovery path is stuck',
      ].join('\n'),
    );
    const early = formatResults([run('peak-early')], { color: false, modelFor });
    expect(early).toContain("    worst Lag at least 5 s: Below's counterexample above reaches it");
  });

  it('a worst of 0 in the initial state says so', () => {
    const flat: Model<X, never> = { init: () => [{ x: 0 }], actions: () => [], next: (s) => s, properties: [always<X>('Flat', () => true, undefined, { of: () => 0, unit: 's', label: 'Lag' })] };
    const [r] = checkScenario(defineScenario({ name: 'flat', description: '', model: () => flat, modes: ['exhaustive'] }));
    expect(formatResults([r], { color: false, modelFor: () => flat })).toContain('    worst Lag 0 s: Flat, in the initial state');
  });
});

describe('--json, JUnit and HTML', () => {
  it('--json: label, value, unit, complete and the witness steps (null for never: JSON has no Infinity)', () => {
    const [srv, wedge] = toJsonRuns([run('server'), run('wedge')], { modelFor });
    expect(srv.properties[0].worst).toEqual({
      label: 'RTO',
      value: 180,
      unit: 's',
      complete: true,
      length: 5,
      steps: ['Crash(3)', 'Tick', 'Tick', 'Tick', 'Restart'].map((label, i) => ({ label, kind: i === 0 ? 'fault' : 'control', component: 'model' })),
      recoveryFrom: 1,
    });
    expect(wedge.properties[0].worst).toMatchObject({ value: null, length: 1, recoveryFrom: 1 });
    expect(JSON.parse(JSON.stringify(wedge)).properties[0].worst.value).toBeNull();
  });

  it('JUnit and HTML carry the phrase', () => {
    const results = [run('server'), run('peak-early')];
    const xml = renderJunit(results);
    expect(xml).toContain('<system-out>holds as expected\nworst RTO 180 s</system-out>');
    expect(xml).toMatch(/counterexample \(1 steps\)\n1\. Up \(op\)\nworst Lag at least 5 s/);
    const html = renderHtmlReport(results, { modelFor });
    expect(html).toContain('<td>worst RTO 180 s</td>');
    expect(html).toContain('<td>1 steps, worst Lag at least 5 s</td>');
  });

  it('a property without a measure shows none', () => {
    const plain: Model<X, never> = { init: () => [{ x: 0 }], actions: () => [], next: (s) => s, properties: [always<X>('Flat', () => true)] };
    const [r] = checkScenario(defineScenario({ name: 'plain', description: '', model: () => plain, modes: ['exhaustive'] }));
    expect(r.properties[0].worst).toBeUndefined();
    expect(formatSummary([r], { color: false })).not.toContain('worst');
    expect(toJsonRuns([r])[0].properties[0]).not.toHaveProperty('worst');
  });
});
