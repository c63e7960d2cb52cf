/**
 * sqs's packed form (model/aws/sqs/packed.ts), a second implementation of its actions, its
 * reducer (receive, process, delete, visibility changes, copies, retries, crashes, its Tick's
 * flush and countdowns) and its `ticking` on the world's code: compared with the object
 * functions by `checkPacked` on every reachable state of hand-picked compositions and on the
 * reachable states of seeded random ones over sqs's options, and the explorer's results
 * (counts, verdicts, counterexamples) compared with and without it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asg } from '../../../model/aws/asg/index.js';
import { az } from '../../../model/aws/az/index.js';
import { controlPlane } from '../../../model/aws/control-plane/index.js';
import { ec2 } from '../../../model/aws/ec2/index.js';
import { sqs, type SqsOptions } from '../../../model/aws/sqs/index.js';
import type { Action, Model } from '../../../model/core/model.js';
import type { Component, World } from '../../../model/compose/component.js';
import { compose, type ComposedModel } from '../../../model/compose/compose.js';
import { packedLayout } from '../../../model/compose/packed.js';
import { t } from '../../../model/core/schema.js';
import { checkPacked } from '../../../engine/packed-check.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { agreesOnSample, onObjects, sameResults } from './packed-support.js';
import { noDuplicateProcessing, noEndlessRedelivery, noLostMessage, reachedDeadLetter, reachedMessageExpired } from '../../../properties/data.js';

const composed = (cs: unknown[], options: object = {}): ComposedModel => compose(cs as Component[], options) as unknown as ComposedModel;

describe('sqs: packed transitions on hand-picked compositions, every reachable state', () => {
  const cases: [string, () => unknown[], object, number][] = [
    ['a standard queue with its defaults (a copy a message, one crash)', () => [sqs()], {}, 200],
    [
      'three messages, processing as long as the visibility timeout (the duplicate), poison, a DLQ after two receives',
      () => [sqs({ tickSeconds: 30, messages: 3, workers: 2, visibilityTimeoutSeconds: 30, processingSeconds: 30, poisonMessages: [2], deadLetterQueue: true, maxReceiveCount: 2, retentionSeconds: Infinity })],
      {},
      1_000,
    ],
    [
      'retention and a DLQ retention shorter than it (a dead-lettered message expires at once), a delay',
      () => [sqs({ tickSeconds: 60, messages: 2, workers: 1, visibilityTimeoutSeconds: 60, processingSeconds: 120, retentionSeconds: 180, deadLetterQueue: true, maxReceiveCount: 1, dlqRetentionSeconds: 120, delaySeconds: 60 })],
      {},
      200,
    ],
    [
      'a FIFO queue of two groups, a producer retrying past the deduplication interval, the FIFO DLQ clock',
      () => [sqs({ tickSeconds: 120, fifo: true, messages: 3, workers: 2, messageGroups: [0, 1, 0], maxLostSendResponses: 2, producerRetrySeconds: 600, deadLetterQueue: true, maxReceiveCount: 1, dlqRetentionSeconds: 240, visibilityTimeoutSeconds: 120, retentionSeconds: Infinity })],
      {},
      500,
    ],
    [
      'FIFO with a new deduplication ID per attempt, and a producer that gives up within the interval',
      () => [
        sqs({ name: 'sqs', fifo: true, messages: 2, workers: 1, maxLostSendResponses: 1, dedupIdPerAttempt: true, retentionSeconds: Infinity }),
      ],
      {},
      50,
    ],
    [
      'standard retries (each a copy), no inherent duplicate',
      () => [sqs({ messages: 2, workers: 2, inherentDuplicates: false, maxLostSendResponses: 2, retentionSeconds: Infinity })],
      {},
      100,
    ],
    [
      'heartbeats against the 12-hour cap and releases, processing of eleven hours (the last heartbeat would pass the cap)',
      () => [sqs({ tickSeconds: 3_600, messages: 1, workers: 2, visibilityTimeoutSeconds: 7_200, processingSeconds: 39_600, extendVisibility: true, releaseVisibility: true, retentionSeconds: Infinity })],
      {},
      200,
    ],
    [
      'delete on receive (the anti-pattern) with crashes',
      () => [sqs({ tickSeconds: 10, messages: 2, workers: 2, deleteOnReceive: true, maxCrashes: 2, retentionSeconds: Infinity })],
      {},
      50,
    ],
    [
      'workers in two zones: an outage takes a zone\'s workers down until it is back, restarts after a minute',
      () => [az({ azs: 2, maxDown: 1 }), sqs({ tickSeconds: 30, messages: 2, workers: 2, workerAzs: [0, 1], restartSeconds: 60, maxCrashes: 2, retentionSeconds: Infinity })],
      {},
      500,
    ],
    [
      'a queue beside a web tier, zones with gray failures, one fault budget for both',
      () => [
        az({ azs: 2, faults: ['AzOutage', 'AzEbsStuck'] }),
        ec2({ slots: 3, initial: [0, 1], autoScaling: true }),
        asg({ min: 2 }),
        sqs({ tickSeconds: 60, messages: 1, workers: 2, workerAzs: [0, 1], visibilityTimeoutSeconds: 60, retentionSeconds: Infinity }),
      ],
      { maxFaults: 1 },
      2_000,
    ],
    [
      'a queue behind a control plane (its calls are data plane: never gated)',
      () => [controlPlane({ faults: ['ControlPlaneImpaired'] }), sqs({ messages: 1, workers: 1, retentionSeconds: Infinity })],
      {},
      20,
    ],
  ];
  for (const [name, components, options, atLeast] of cases) {
    it(name, () => {
      const m = composed(components(), options);
      expect(m.packed).toBeDefined();
      const r = checkPacked(m as unknown as Model<World, Action>, { maxStates: 200_000 });
      expect(r.mismatches).toEqual([]);
      expect(r.complete).toBe(true);
      expect(r.states).toBeGreaterThan(atLeast);
    });
  }
});

describe('sqs on codes: the explorer\'s results', () => {
  it('the object search\'s counts, verdicts and counterexamples (lost, duplicated, dead-lettered, expired, endless redelivery)', () => {
    sameResults(
      composed([az({ azs: 2, maxDown: 1 }), sqs({ tickSeconds: 30, messages: 2, workers: 2, workerAzs: [0, 1], restartSeconds: 60, retentionSeconds: Infinity })], {
        properties: [noLostMessage(), noDuplicateProcessing()],
      }),
    );
    sameResults(
      composed([sqs({ tickSeconds: 30, messages: 2, workers: 1, deleteOnReceive: true, retentionSeconds: Infinity })], { properties: [noLostMessage(), noDuplicateProcessing()] }),
    );
    sameResults(
      composed([sqs({ tickSeconds: 60, messages: 2, workers: 1, poisonMessages: [0], deadLetterQueue: true, maxReceiveCount: 2, retentionSeconds: 240, dlqRetentionSeconds: 180, processingSeconds: 60, visibilityTimeoutSeconds: 60 })], {
        properties: [noLostMessage(), reachedDeadLetter(), reachedMessageExpired(), noEndlessRedelivery({ within: 6 })],
      }),
    );
    sameResults(composed([sqs({ tickSeconds: 30, messages: 2, workers: 2, processingSeconds: 30, visibilityTimeoutSeconds: 30, retentionSeconds: Infinity })], { properties: [noLostMessage(), noDuplicateProcessing()] }), {
      promptControl: true,
    });
  });

  it('symmetry reduction over interchangeable workers gives the object search\'s reduced counts', () => {
    const m = composed([az({ azs: 2 }), sqs({ tickSeconds: 30, messages: 1, workers: 3, workerAzs: [0, 0, 1], restartSeconds: 60, retentionSeconds: Infinity })], {
      properties: [noLostMessage(), noDuplicateProcessing()],
    });
    expect(m.canonical).toBeDefined();
    sameResults(m, { symmetry: true });
    const full = exploreExhaustive(m as unknown as Model<World, Action>, {});
    const reduced = exploreExhaustive(m as unknown as Model<World, Action>, { symmetry: true });
    expect(reduced.stats.distinctStates).toBeLessThan(full.stats.distinctStates!);
  });
});

describe('sqs: where the packed form does not reach', () => {
  it('a world with a Region (a worker\'s zone reads it through azUp): objects', () => {
    const c = sqs({ messages: 1, workers: 2, workerAzs: [0, 1] }) as unknown as Component;
    const parts = { az: az({ azs: 2 }).schema, sqs: c.schema };
    const withRegion = t.record('World', { region: t.record('Region', { up: t.bool() }), ...parts });
    expect(c.packed!(packedLayout(withRegion as never, ['region', 'az', 'sqs']))).toBeUndefined();
    expect(c.packed!(packedLayout(t.record('World', parts) as never, ['az', 'sqs']))).toBeDefined();
  });

  it('refuses a reducer for a type it does not reduce, in one line', () => {
    const c = sqs({ messages: 1, workers: 1 }) as unknown as Component;
    const layout = packedLayout(compose([c]).schema!, ['sqs']);
    expect(() => c.packed!(layout)!.reducer('Nope')).toThrow('sqs: no packed reducer for Nope');
    expect(() => c.packed!(layout)!.reducer('toString')).toThrow('sqs: no packed reducer for toString');
  });
});

const sqsOpts = fc
  .record({
    messages: fc.integer({ min: 1, max: 3 }),
    workers: fc.integer({ min: 1, max: 3 }),
    maxCrashes: fc.integer({ min: 0, max: 2 }),
    visibilityTimeoutSeconds: fc.constantFrom(0, 30, 60, 120),
    processingSeconds: fc.constantFrom(0, 30, 60, 90),
    restartSeconds: fc.constantFrom(0, 30, 90),
    retentionSeconds: fc.constantFrom(Infinity, 60, 120, 345_600),
    delaySeconds: fc.constantFrom(0, 30),
    deleteOnReceive: fc.boolean(),
    poison: fc.integer({ min: -1, max: 2 }),
    deadLetterQueue: fc.boolean(),
    maxReceiveCount: fc.integer({ min: 1, max: 3 }),
    dlqRetentionSeconds: fc.constantFrom(Infinity, 60, 90),
    fifo: fc.boolean(),
    groups: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 3, maxLength: 3 }),
    zones: fc.option(fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }), { nil: undefined }),
    extendVisibility: fc.boolean(),
    releaseVisibility: fc.boolean(),
    inherentDuplicates: fc.boolean(),
    maxLostSendResponses: fc.integer({ min: 0, max: 2 }),
    producerRetrySeconds: fc.constantFrom(Infinity, 60, 300, 600),
    dedupIdPerAttempt: fc.boolean(),
  })
  .map((o): SqsOptions => ({
    tickSeconds: 30,
    messages: o.messages,
    workers: o.workers,
    maxCrashes: o.maxCrashes,
    visibilityTimeoutSeconds: o.visibilityTimeoutSeconds,
    processingSeconds: o.processingSeconds,
    restartSeconds: o.restartSeconds,
    retentionSeconds: o.retentionSeconds,
    delaySeconds: o.delaySeconds,
    deleteOnReceive: o.deleteOnReceive,
    poisonMessages: o.poison >= 0 && o.poison < o.messages ? [o.poison] : [],
    deadLetterQueue: o.deadLetterQueue,
    maxReceiveCount: o.maxReceiveCount,
    dlqRetentionSeconds: o.dlqRetentionSeconds,
    fifo: o.fifo,
    ...(o.fifo ? { messageGroups: o.groups.slice(0, o.messages), dedupIdPerAttempt: o.dedupIdPerAttempt } : { inherentDuplicates: o.inherentDuplicates }),
    ...(o.zones === undefined ? {} : { workerAzs: o.zones.slice(0, o.workers) }),
    extendVisibility: o.extendVisibility,
    releaseVisibility: o.releaseVisibility,
    maxLostSendResponses: o.maxLostSendResponses,
    producerRetrySeconds: o.producerRetrySeconds,
  }));

describe('sqs: packed transitions over its options (seeded)', () => {
  it('agree with the object functions on the reachable states of random compositions', () => {
    let compared = 0;
    fc.assert(
      fc.property(sqsOpts, fc.boolean(), fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), (o, withAz, maxFaults) => {
        const cs: unknown[] = [];
        if (withAz || o.workerAzs !== undefined) cs.push(az({ azs: 3, maxDown: 1 }));
        cs.push(sqs(o));
        const m = composed(cs, maxFaults === undefined ? {} : { maxFaults });
        agreesOnSample(m as unknown as Model<World, Action>, JSON.stringify(o));
        compared++;
      }),
      { seed: 2026_12_07, numRuns: 150 },
    );
    expect(compared).toBe(150);
  });
});
