/**
 * A control action whose delay is a range (`mayDefer`): recovery paths and prompt control must
 * explore the whole range, not only its low end. Before `mayDefer`, every control action was
 * due at once, so a recovery bound was checked against the fastest end of a 60-120 s RDS
 * failover or a [lo, hi] Auto Scaling impaired wait: an optimistic "holds".
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { deferredTick, recoveryMoves } from '../../engine/recovery.js';
import { asg } from '../../model/aws/asg/index.js';
import { az } from '../../model/aws/az/index.js';
import { ec2, healthyCount } from '../../model/aws/ec2/index.js';
import { dbAvailable, dbInstanceFailure, rds, rdsSlice } from '../../model/aws/rds/index.js';
import type { World } from '../../model/compose/component.js';
import { compose, tick } from '../../model/compose/compose.js';
import { defineModel, type Action, type Model } from '../../model/core/model.js';
import { recovers } from '../../model/core/property.js';
import { run } from '../model/support.js';

interface Job {
  readonly t: number;
  readonly done: boolean;
  readonly failed: boolean;
}
const TICK: Action = Object.freeze({ type: 'Tick', kind: 'control' });
const FAIL: Action = Object.freeze({ type: 'Fail', kind: 'fault' });
const FINISH: Action = Object.freeze({ type: 'Finish', kind: 'control' });
const LO = 2;
const HI = 5;

/** A job that fails, then finishes anywhere from LO to HI ticks later; `deferrable` says so to the engine. */
function job(deferrable: boolean, within: number): Model<Job, Action> {
  return defineModel<Job, Action>({
    init: () => [{ t: 0, done: false, failed: false }],
    actions(s) {
      if (!s.failed) return [FAIL];
      if (s.done) return [];
      const out: Action[] = [];
      if (s.t >= LO) out.push(FINISH);
      if (s.t < HI) out.push(TICK);
      return out;
    },
    next(s, a) {
      if (a === FAIL) return { t: 0, done: false, failed: true };
      if (a === FINISH) return { ...s, done: true };
      return { ...s, t: s.t + 1 };
    },
    properties: [recovers<Job>('Finished', (s) => !s.failed || s.done, { within })],
    ...(deferrable ? { mayDefer: (s: Job, a: Action) => a === FINISH && s.t < HI } : {}),
  });
}

describe('a ranged delay (mayDefer)', () => {
  it('recovery paths let time pass beside a deferrable action, up to its deadline', () => {
    const m = job(true, 99);
    const waiting = { t: LO, done: false, failed: true };
    expect(recoveryMoves(m, waiting)).toEqual([FINISH, TICK]);
    expect(recoveryMoves(m, { ...waiting, t: HI })).toEqual([FINISH]);
    // Without mayDefer the action is due at once: no Tick beside it.
    expect(recoveryMoves(job(false, 99), waiting)).toEqual([FINISH]);
  });

  it('prompt control keeps Tick beside a deferrable action, and drops it at the deadline', () => {
    const m = job(true, 99);
    const acts = [FINISH, TICK];
    expect(deferredTick(m, acts, { t: LO, done: false, failed: true })).toBe(-1);
    expect(deferredTick(job(false, 99), acts, { t: LO, done: false, failed: true })).toBe(1);
  });

  it.each([
    // [bound in steps, verdict with mayDefer, verdict without]: the finish takes LO..HI ticks plus itself.
    [LO + 1, 'fails', 'holds'],
    [HI, 'fails', 'holds'],
    [HI + 1, 'holds', 'holds'],
  ] as const)('a recovery bound of %i steps: %s with the range explored, %s when it ended at its low end', (within, deferred, prompt) => {
    expect(exploreExhaustive(job(true, within)).properties[0].verdict).toBe(deferred);
    expect(exploreExhaustive(job(false, within)).properties[0].verdict).toBe(prompt);
  });

  it('prompt-control search explores the range too: the same states as the full search', () => {
    const full = exploreExhaustive(job(true, 99)).stats.distinctStates;
    expect(exploreExhaustive(job(true, 99), { promptControl: true }).stats.distinctStates).toBe(full);
    expect(exploreExhaustive(job(false, 99), { promptControl: true }).stats.distinctStates).toBeLessThan(full!);
  });
});

describe('the AWS components that declare a range', () => {
  it('RDS: a Multi-AZ failover of 60-120 s restores the database within 120 s, not 60', () => {
    const m = (withinSeconds: number) => compose([rds({ tickSeconds: 30, deployment: 'multiAz', writes: 1, backupRetentionDays: 0, azFaults: false })], {
      properties: [recovers<World>('DbBack', (w) => dbAvailable(rdsSlice(w), w), { withinSeconds })],
    });
    expect(exploreExhaustive(m(60)).properties[0].verdict).toBe('fails');
    expect(exploreExhaustive(m(90)).properties[0].verdict).toBe('fails');
    expect(exploreExhaustive(m(120)).properties[0].verdict).toBe('holds');
    // Step by step: at 60 s the completion is enabled and time may still pass; at 120 s it is due.
    const model = m(120);
    const T = tick();
    const at60 = run(model, [dbInstanceFailure(), T, T]);
    expect(model.mayDefer!(at60, { type: 'DbFailoverComplete', kind: 'control' })).toBe(true);
    const at120 = run(model, [T, T], at60);
    expect(model.mayDefer!(at120, { type: 'DbFailoverComplete', kind: 'control' })).toBe(false);
  });

  it('Auto Scaling: a host failure (impaired status) marked after [60, 180] s is replaced within the high end, not the low one', () => {
    const m = (withinSeconds: number) => compose([
      az({ azs: 2, maxDown: 0 }),
      ec2({ slots: 3, azs: 2, tickSeconds: 60, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: ['HostFailure'], bootSeconds: 60 }),
      asg({ azs: 2, tickSeconds: 60, min: 2, gracePeriodSeconds: 0, impairedWaitSeconds: [60, 180] }),
    ], { maxFaults: 1, properties: [recovers<World>('TwoHealthy', (w) => healthyCount(w) >= 2, { withinSeconds })] });
    // Mark (lo 60 .. hi 180 s), terminate, launch, boot (60 s).
    expect(exploreExhaustive(m(60 + 60)).properties[0].verdict).toBe('fails');
    expect(exploreExhaustive(m(180 + 60)).properties[0].verdict).toBe('holds');
  });
});
