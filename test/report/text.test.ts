import { describe, expect, it } from 'vitest';
import { checkScenario, type CheckResult } from '../../engine/check.js';
import { defineScenario } from '../../engine/scenario.js';
import { sqsPoolEarlyDelete } from '../../scenarios/sqs-pool/index.js';
import { ANSI_PATTERN, shouldColor, stripAnsi } from '../../report/colors.js';
import { formatCounterexample, formatResults } from '../../report/text.js';
import { FLEET_CATALOG, fleetModel, bundled } from './fixtures.js';

function earlyDelete(): { result: CheckResult; model: ReturnType<typeof sqsPoolEarlyDelete.build> } {
  const [result] = checkScenario(bundled('sqs-pool:early-delete'), { modes: ['exhaustive'], params: { size: 'small' } });
  return { result, model: sqsPoolEarlyDelete.build(result.parameters) };
}

const EARLY_DELETE_TRACE = `NoLostMessage (always) is violated after 3 steps
  every message deleted from the queue was processed, or is held by a worker
  1. model  op     Send(0)
      msgs[0].q: unsent → visible
  2. model  op     Receive(0, 0)
      msgs[0].q: visible → deleted
      workers[0].w: idle → busy
      workers[0].wm: -1 → 0
  3. model  fault  Crash(0)  ✗ NoLostMessage violated
      workers[0].w: busy → down
      workers[0].wm: 0 → -1
      crashes: 0 → 1`;

describe('formatCounterexample', () => {
  it('renders sqs-pool:early-delete (small, exhaustive) as the reviewed numbered steps', () => {
    const { result, model } = earlyDelete();
    const p = result.properties[0];
    expect(p.verdict).toBe('fails');
    expect(formatCounterexample(model, p, p.counterexample!, { color: false })).toBe(EARLY_DELETE_TRACE);
  });

  it('colours only when asked: escape codes with color on, none with it off', () => {
    const { result, model } = earlyDelete();
    const p = result.properties[0];
    const colored = formatCounterexample(model, p, p.counterexample!, { color: true });
    expect(colored).toMatch(ANSI_PATTERN);
    expect(colored).toContain('\u001b[31m'); // red: the fault kind and the violation
    expect(stripAnsi(colored)).toBe(EARLY_DELETE_TRACE);
    expect(formatCounterexample(model, p, p.counterexample!, { color: false })).not.toContain('\u001b');
  });

  it('without a model lists labels and kinds only', () => {
    const { result } = earlyDelete();
    const p = result.properties[0];
    const text = formatCounterexample(undefined, p, p.counterexample!, { color: false });
    expect(text.split('\n')).toEqual([
      'NoLostMessage (always) is violated after 3 steps',
      '  1. model  op     Send(0)',
      '  2. model  op     Receive(0, 0)',
      '  3. model  fault  Crash(0)  ✗ NoLostMessage violated',
    ]);
  });

  it('marks where a recovers counterexample’s recovery path starts, per component', () => {
    const model = fleetModel();
    const [r] = checkScenario(defineScenario({ name: 'fleet', description: '', model, modes: ['exhaustive'] }));
    const healthy = r.properties.find((p) => p.name === 'Healthy')!;
    expect(healthy.counterexample?.recoveryFrom).toBe(1);
    expect(formatCounterexample(model, healthy, healthy.counterexample!, { color: false })).toBe(
      [
        'Healthy (recovers) does not recover within 1 step: 2 steps',
        '  every instance runs again soon',
        '  1. ec2  fault    Terminate(0)',
        '      ec2.instances[0]: running → terminated',
        '  ── recovery path: faults and ops stop, control actions only ──',
        '  2. asg  control  Replace(0)',
        '      ec2.instances[0]: terminated → pending',
        '  ✗ Healthy still not restored within 1 step',
      ].join('\n'),
    );
  });

  it('says when a recovery path is empty (stuck)', () => {
    const cx = { actions: [{ type: 'Terminate', kind: 'fault' as const, instance: 0 }], labels: ['Terminate(0)'], length: 1, initIndex: 0, recoveryFrom: 1 };
    expect(formatCounterexample(fleetModel(), { name: 'Healthy', kind: 'recovers' }, cx, { color: false }).split('\n').slice(-3)).toEqual([
      '  ── recovery path: faults and ops stop, control actions only ──',
      '     no recovery move is enabled: the recovery path is stuck',
      '  ✗ Healthy still not restored within 1 step',
    ]);
  });

  it('says when the initial state already violates the property', () => {
    const model = fleetModel();
    const bad = { ...model, init: () => [{ ec2: { instances: ['terminated', 'terminated'] }, web: { served: false } }] } as typeof model;
    expect(formatCounterexample(bad, { name: 'OneUp', kind: 'always' }, { actions: [], labels: [], length: 0, initIndex: 0 }, { color: false })).toBe(
      'OneUp (always) is violated after 0 steps\n  at least one instance is running\n  ✗ OneUp violated in the initial state',
    );
  });
});

/** A fixed result so the statistics line is deterministic. */
function fixedResult(): CheckResult {
  const { result } = earlyDelete();
  return {
    ...result,
    stats: { distinctStates: 24, transitions: 30, maxDepth: 3, searchMs: 0.5, statesPerSecond: 48000, complete: true, collisionProbability: 1.5e-17 },
    coverage: { actions: { model: { Send: 9, Crash: 10, Receive: 8 } } },
  };
}

describe('formatResults', () => {
  it('prints a verdict line per property, the stats line, the failed trace and coverage', () => {
    const model = sqsPoolEarlyDelete.build({ size: 'small' });
    const text = formatResults([fixedResult()], { color: false, modelFor: () => model, traceFile: () => 'traces/x.json' });
    const lines = text.split('\n');
    expect(lines[0]).toBe('sqs-pool:early-delete  exhaustive  NoLostMessage  always  expected fails  got fails  ✓  3 steps');
    expect(lines[1]).toBe('    size=small; 24 distinct states, 30 transitions, depth 3, 48,000 states/s, 0.50 ms, complete, collision risk ≤ 1.5e-17');
    expect(text).toContain(EARLY_DELETE_TRACE.split('\n').map((l) => `    ${l}`).join('\n'));
    expect(text).toContain('    saved: traces/x.json');
    expect(text).toContain('    coverage (exhaustive)\n      model  Crash 10, Send 9, Receive 8');
    expect(lines.at(-1)).toBe('1 run, 1 check: 1 as expected, 0 not');
    expect(text).not.toContain('\u001b');
  });

  it('marks unmet expectations, random stats, never-fired catalog actions and unreached sometimes', () => {
    const fleet: CheckResult = {
      scenario: 'fleet',
      parameters: {},
      mode: 'random',
      properties: [
        { name: 'OneUp', kind: 'always', expected: 'holds', verdict: 'holds', met: true },
        { name: 'Served', kind: 'sometimes', expected: 'reached', verdict: 'unreached', met: false },
      ],
      stats: { distinctStates: null, transitions: 500, maxDepth: 9, searchMs: 2500, statesPerSecond: 200, complete: false, stoppedBy: 'time-limit', runs: 100, steps: 500 },
      coverage: { actions: { ec2: { Terminate: 3, Boot: 1 }, asg: { Replace: 2 } } },
      seed: 7,
    };
    const text = formatResults([fleet], { color: false, catalog: FLEET_CATALOG });
    expect(text.split('\n').slice(0, 3)).toEqual([
      'fleet  random  OneUp   always     expected holds    got holds      ✓',
      'fleet  random  Served  sometimes  expected reached  got unreached  ✗',
      '    100 runs, 500 steps, depth 9, 200 steps/s, 2.50 s, stopped by time-limit, seed 7',
    ]);
    expect(text).toContain('      ec2  Terminate 3, Boot 1\n           never fired: AzOutage (fault)');
    expect(text).toContain('      web  nothing fired\n           never fired: Request (op)');
    expect(text).toContain('sometimes never reached: Served');
    expect(text.split('\n').at(-1)).toBe('1 run, 2 checks: 1 as expected, 1 not');
    const colored = formatResults([fleet], { color: true, catalog: FLEET_CATALOG });
    expect(colored).toMatch(ANSI_PATTERN);
    expect(stripAnsi(colored)).toBe(text);
  });

  it('takes the catalog from a composed model’s components', () => {
    const model = fleetModel();
    const results = checkScenario(defineScenario({ name: 'fleet', description: '', model, modes: ['exhaustive'] }), { exhaustive: { coverage: true } });
    expect(formatResults(results, { color: false, modelFor: () => model })).toContain('never fired: AzOutage (fault)');
  });
});

describe('shouldColor', () => {
  it('follows NO_COLOR, FORCE_COLOR and the TTY', () => {
    expect(shouldColor({ isTTY: true }, {})).toBe(true);
    expect(shouldColor({ isTTY: false }, {})).toBe(false);
    expect(shouldColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(shouldColor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(shouldColor({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(true);
  });
});
