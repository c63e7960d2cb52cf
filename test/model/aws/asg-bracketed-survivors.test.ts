/**
 * Killing tests for asg mutants that Stryker left alive and that an earlier, text-splicing run
 * of tools/mutation/apply-mutants.mjs applied as another mutant (MUTATION.md: the tool's bracket bug).
 */
import { describe, expect, it } from 'vitest';
import { ASG, asg, asgLaunch, startInstanceRefresh, type AsgOptions, type AsgState } from '../../../model/aws/asg/index.js';
import { az } from '../../../model/aws/az/index.js';
import { capacity } from '../../../model/aws/capacity/index.js';
import { ec2, type Ec2Options } from '../../../model/aws/ec2/index.js';
import { compose, tick } from '../../../model/compose/compose.js';
import type { World } from '../../../model/compose/component.js';
import { enabledLabels, run, settle } from '../support.js';

/** 2 zones, a group of 2 over slots 0..2 (instances 0 and 1 running); 60 s ticks. */
function group(options: AsgOptions = {}, ec2Options: Ec2Options = {}) {
  return compose([az(), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true, autoRecovery: false, ...ec2Options }), asg({ min: 2, ...options })]);
}
const groupActions = (m: ReturnType<typeof group>, s: World) => enabledLabels(m, s).filter((l) => l.startsWith('Asg'));

describe('asg configuration: sizes must be integers', () => {
  it('rejects a fractional min, desired or max even when they are ordered', () => {
    expect(() => asg({ min: 0.5, desired: 1, max: 2 })).toThrow(/need integers 0 <= min <= desired <= max, got 0.5, 1, 2/);
    expect(() => asg({ min: 1, desired: 1.5, max: 2 })).toThrow(/need integers 0 <= min <= desired <= max, got 1, 1.5, 2/);
    expect(() => asg({ min: 1, desired: 1, max: 2.5 })).toThrow(/need integers 0 <= min <= desired <= max, got 1, 1, 2.5/);
    expect(() => asg({ min: 1, desired: 2, max: 3 })).not.toThrow();
  });
});

describe('asg launch-first replacement: a pending member does not serve', () => {
  it('a refresh that catches a rebalancing launch still pending may terminate it at once: the two running members keep serving', () => {
    // Both running instances in zone 1: the group launches into zone 0 to rebalance, then a refresh marks all three due.
    const m = group({ instanceRefresh: true, maintenancePolicy: 'launch-first' }, { initial: [1, 1] });
    expect(groupActions(m, m.init()[0])).toEqual(['AsgLaunch(2, 0)']);
    const s = run(m, [asgLaunch(2, 0), startInstanceRefresh()]);
    // Terminating a running member would leave 1 serving (< desired 2); the pending one serves nobody.
    expect(groupActions(m, s)).toEqual(['AsgTerminate(2)']);
  });
});

describe('asg maximum lifetime: age stops at the lifetime', () => {
  /** Daily ticks, a one-day maximum lifetime: both initial members expire at the first Tick. */
  const daily = () => group({ tickSeconds: 86_400, maxInstanceLifetimeSeconds: 86_400 }, { tickSeconds: 86_400 });
  const members = (w: World) => (w[ASG] as AsgState).members;

  it('members already at their lifetime give no Tick of their own', () => {
    const m = daily();
    const expired = run(m, [tick()]);
    expect(members(expired).slice(0, 2).map((x) => [x.age, x.replace])).toEqual([[1, true], [1, true]]);
    expect(enabledLabels(m, expired)).not.toContain('Tick');
  });

  it('a Tick taken for another reason leaves an expired member at the lifetime', () => {
    const m = daily();
    // Member 0 is replaced first; its successor's launch needs a Tick while member 1 waits, expired.
    const ages: number[][] = [];
    const { steps } = settle(m, run(m, [tick()]), 12, (s) => ages.push(members(s).map((x) => x.age)));
    expect(steps.slice(0, 4)).toEqual(['AsgTerminate(0)', 'InstanceTerminated(0)', 'AsgLaunch(0, 0)', 'Tick']);
    expect(ages[3][1]).toBe(1);
    expect(Math.max(...ages.flat())).toBe(1);
  });
});
