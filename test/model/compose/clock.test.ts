/** One clock per composition: every component's timers count the same seconds per Tick. */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { az } from '../../../model/aws/az/index.js';
import { capacity } from '../../../model/aws/capacity/index.js';
import { ec2 } from '../../../model/aws/ec2/index.js';
import { elb } from '../../../model/aws/elb/index.js';
import { sqs } from '../../../model/aws/sqs/index.js';
import { compose } from '../../../model/compose/compose.js';

const fleet = (tick?: number) => [az(), capacity(), ec2({ slots: 2, initial: [0, 1], ...(tick ? { tickSeconds: tick } : {}) }), elb({ slots: 2, registered: [0, 1] })];

describe('the composition clock', () => {
  it('takes the components’ default when they agree', () => {
    expect(compose(fleet()).tickSeconds).toBe(60);
    expect(compose([az(), capacity()]).tickSeconds).toBeUndefined();
  });

  it('refuses components whose defaults differ, naming them, unless compose sets the clock', () => {
    expect(() => compose([...fleet(), sqs()])).toThrow("compose: the components' default ticks differ (ec2 60 s, elb 60 s, sqs 10 s); choose one clock with compose({ tickSeconds })");
    const m = compose([...fleet(), sqs()], { tickSeconds: 30 });
    expect(m.tickSeconds).toBe(30);
  });

  it('puts components left on their defaults on the clock: the same states as giving it to each', () => {
    const byCompose = exploreExhaustive(compose(fleet(), { tickSeconds: 30, maxFaults: 1 }), { full: true });
    const byEach = exploreExhaustive(compose([az(), capacity(), ec2({ slots: 2, initial: [0, 1], tickSeconds: 30 }), elb({ slots: 2, registered: [0, 1], tickSeconds: 30 })], { maxFaults: 1 }), { full: true });
    const onDefaults = exploreExhaustive(compose(fleet(), { maxFaults: 1 }), { full: true });
    expect(byCompose.stats.distinctStates).toBe(byEach.stats.distinctStates);
    expect(byCompose.stats.transitions).toBe(byEach.stats.transitions);
    // 30 s ticks count a 30 s health-check interval as one tick instead of a fraction: another space.
    expect(onDefaults.stats.distinctStates).not.toBe(byCompose.stats.distinctStates);
  });

  it('re-ticks the defaults to an explicit tick, and refuses explicit ticks that disagree', () => {
    expect(compose([az(), capacity(), ec2({ slots: 2, initial: [0, 1], tickSeconds: 30 }), elb({ slots: 2, registered: [0, 1] })]).tickSeconds).toBe(30);
    expect(() => compose([az(), capacity(), ec2({ slots: 2, tickSeconds: 30 }), elb({ slots: 2, tickSeconds: 10 })])).toThrow(
      'compose: components count time in different ticks (ec2 30 s, elb 10 s); give them one tickSeconds, or compose({ tickSeconds })',
    );
    expect(() => compose([az(), capacity(), ec2({ slots: 2, tickSeconds: 30 })], { tickSeconds: 60 })).toThrow(
      "compose: the composition's clock is 60 s a tick, but ec2 30 s given explicitly; drop their tickSeconds or make them agree",
    );
  });

  it.each([0, -1, Number.NaN, Infinity])('refuses a clock of %s seconds', (bad) => {
    expect(() => compose(fleet(), { tickSeconds: bad })).toThrow(/compose: tickSeconds must be a positive number of seconds/);
  });
});
