import { describe, expect, it } from 'vitest';
import { checkScenario, type CheckResult } from '../../engine/check.js';
import { defineScenario } from '../../engine/scenario.js';
import { renderJunit } from '../../report/junit.js';
import { fleetModel, bundled } from './fixtures.js';
import { findAll, parseXml } from './xml.js';

describe('renderJunit', () => {
  it('writes one testsuite per scenario and mode, one testcase per property, failures for unmet expectations', () => {
    const results = [
      ...checkScenario(bundled('sqs-pool:early-delete'), { modes: ['exhaustive'] }),
      ...checkScenario(defineScenario({ name: 'fleet', description: '', model: fleetModel(), modes: ['exhaustive'] })),
    ];
    const doc = parseXml(renderJunit(results, { traceFile: (r, p) => `traces/${r.scenario}-${p.name}.json` }));
    expect(doc.name).toBe('testsuites');
    expect(doc.attrs).toMatchObject({ name: 'faultline', tests: '4', failures: '2' });
    const suites = findAll(doc, 'testsuite');
    expect(suites.map((s) => s.attrs.name)).toEqual(['sqs-pool:early-delete (exhaustive, size=small)', 'fleet (exhaustive)']);
    expect(suites.map((s) => findAll(s, 'testcase').length)).toEqual([1, 3]);
    const cases = findAll(doc, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual(['NoLostMessage (always)', 'OneUp (always)', 'Healthy (recovers)', 'Served (sometimes)']);

    // Expected to fail and failed: passes, the steps kept in system-out.
    expect(findAll(cases[0], 'failure')).toHaveLength(0);
    expect(findAll(cases[0], 'system-out')[0].text).toContain('1. Send(0) (op)\n2. Receive(0, 0) (op)\n3. Crash(0) (fault)');

    const [failure] = findAll(cases[1], 'failure');
    expect(failure.attrs).toEqual({ message: 'expected holds, got fails', type: 'fails' });
    expect(failure.text).toBe(
      'expected holds, got fails\ncounterexample (2 steps)\n1. Terminate(0) (fault)\n2. Terminate(1) (fault)\nsaved: traces/fleet-OneUp.json',
    );
    expect(findAll(cases[2], 'failure')[0].text).toContain('1. Terminate(0) (fault)\n-- recovery path --\n2. Replace(0) (control)');
    expect(findAll(cases[3], 'failure')).toHaveLength(0);
  });

  it('escapes hostile names and drops characters XML cannot hold', () => {
    const hostile: CheckResult = {
      scenario: '<evil & "co">',
      parameters: { 'a<b': "it's" },
      mode: 'random',
      properties: [
        {
          name: ']]></testcase><x a="',
          kind: 'always',
          expected: 'holds',
          verdict: 'fails',
          met: false,
          counterexample: { actions: [{ type: 'T', kind: 'op' }], labels: ['Bad\u0001<label>&amp;'], length: 1, initIndex: 0 },
        },
      ],
      stats: { distinctStates: null, transitions: 1, maxDepth: 1, searchMs: 1, statesPerSecond: 1, complete: true },
    };
    const doc = parseXml(renderJunit([hostile]));
    const [suite] = findAll(doc, 'testsuite');
    expect(suite.attrs.name).toBe('<evil & "co"> (random, a<b=it\'s)');
    const [tc] = findAll(doc, 'testcase');
    expect(tc.attrs.name).toBe(']]></testcase><x a=" (always)');
    expect(findAll(tc, 'failure')[0].text).toContain('1. Bad\uFFFD<label>&amp; (op)');
  });

  it('the well-formedness check rejects broken XML', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow(/closes/);
    expect(() => parseXml('<a>x < y</a>')).toThrow();
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
    expect(() => parseXml('<a/><b/>')).toThrow(/more than one root/);
    expect(() => parseXml('<a>&nbsp;</a>')).toThrow(/unknown entity/);
  });
});
