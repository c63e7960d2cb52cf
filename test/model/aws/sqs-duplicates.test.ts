import { describe, expect, it } from 'vitest';
import {
  copyDelivered, deleteMessage, noDuplicateProcessing, noLostMessage, processMessage, receiveMessage, sendMessage, sendResponseLost, type SqsOptions,
} from '../../../model/aws/sqs/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose } from '../../../model/compose/compose.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import type { Property } from '../../../model/core/property.js';
import { TICK, enabledLabels, isEnabled, run } from '../support.js';
import { NoLostMessage, NoDuplicateProcessing, model, queue, slice, ticks } from './sqs-support.js';

// Duplicates that need no fault (a standard queue delivers at least once) and those a producer's
// retry makes, with the FIFO deduplication interval (INV-SQS-7). The other gotchas are in
// sqs.test.ts and sqs-retention-zones.test.ts.

/** The exhaustive verdicts of `props` on the queue alone, composed with `maxFaults`. */
const verdicts = (o: SqsOptions, maxFaults?: number, props: Property<World>[] = [NoDuplicateProcessing, NoLostMessage]) => {
  const r = exploreExhaustive(compose([queue(o)], { properties: props, ...(maxFaults === undefined ? {} : { maxFaults }) }));
  expect(r.stats.complete).toBe(true);
  return r.properties;
};

describe('sqs: a standard queue delivers at least once, with no fault (CopyDelivered)', () => {
  it('a processed and deleted message is delivered once more and processed again', () => {
    const m = model({ messages: 1, workers: 1, maxCrashes: 0 });
    // The tick's flush receives, processes and deletes it.
    const deleted = run(m, [sendMessage(0), TICK]);
    expect(slice(deleted).messages[0]).toMatchObject({ status: 'deleted', processed: 1, copies: 1 });
    const copy = run(m, [copyDelivered(0)], deleted);
    expect(slice(copy).messages[0]).toMatchObject({ status: 'visible', processed: 1, copies: 0 });
    const again = run(m, [TICK], copy);
    expect(slice(again).messages[0]).toMatchObject({ status: 'deleted', processed: 2, receives: 2, copies: 0 });
    expect(noDuplicateProcessing(slice(again))).toBe(false);
    // One copy per message: no further one, so the state space stays finite.
    expect(isEnabled(m, again, copyDelivered(0))).toBe(false);
  });

  it('is an op, not a fault: enabled with the fault budget at 0', () => {
    const m = compose([queue({ messages: 1, workers: 1, maxCrashes: 0 })], { maxFaults: 0 });
    const s = run(m, [sendMessage(0), TICK]);
    expect(copyDelivered(0).kind).toBe('op');
    expect(enabledLabels(m, s)).toEqual(['CopyDelivered(0)']);
  });

  it('NoDuplicateProcessing fails with maxFaults 0 and processing well within the visibility timeout', () => {
    const [dup, lost] = verdicts({ messages: 2, workers: 2, maxCrashes: 0, processingSeconds: 10 }, 0);
    expect(dup.verdict).toBe('fails');
    // The copy comes while worker 0 still processes: worker 1 receives it at the next tick, both finish at the one after.
    expect(dup.counterexample!.labels).toEqual(['SendMessage(0)', 'ReceiveMessage(0, 0)', 'CopyDelivered(0)', 'Tick', 'Tick']);
    expect(lost.verdict).toBe('holds');
    // Instant processing, one worker: its delete after the copy came is stale, and the same tick's flush takes the copy.
    const [instant] = verdicts({ messages: 1, workers: 1, maxCrashes: 0 }, 0);
    expect(instant.counterexample!.labels).toEqual(['SendMessage(0)', 'ReceiveMessage(0, 0)', 'CopyDelivered(0)', 'Tick']);
  });

  it('turning the copies off (an unsafe assumption) is what made the same queue hold', () => {
    const [dup] = verdicts({ messages: 2, workers: 2, maxCrashes: 0, processingSeconds: 10, inherentDuplicates: false }, 0);
    expect(dup.verdict).toBe('holds');
    const m = model({ messages: 1, workers: 1, inherentDuplicates: false });
    expect(slice(run(m, [sendMessage(0), TICK])).messages[0]).toMatchObject({ status: 'deleted', copies: 0 });
  });

  it('a copy delivered while the first is in flight: two workers process it, the first delete (a stale handle) deletes nothing', () => {
    const m = model({ messages: 1, workers: 2, maxCrashes: 0 });
    const both = run(m, [sendMessage(0), receiveMessage(0, 0), copyDelivered(0), receiveMessage(1, 0)]);
    expect(slice(both).workers.map((w) => [w.status, w.handleValid])).toEqual([['busy', false], ['busy', true]]);
    const firstDone = run(m, [processMessage(0), processMessage(1), deleteMessage(0)], both);
    expect(slice(firstDone).messages[0]).toMatchObject({ status: 'inflight', processed: 2 });
    const s = run(m, [deleteMessage(1)], firstDone);
    expect(slice(s).messages[0]).toMatchObject({ status: 'deleted', processed: 2, receives: 2 });
    expect(noLostMessage(slice(s))).toBe(true);
  });

  it('a copy of a message still queued and never received is the same visible message: nothing to deliver yet', () => {
    const m = model({ messages: 1, workers: 1 });
    const s = run(m, [sendMessage(0)]);
    expect(isEnabled(m, s, copyDelivered(0))).toBe(false);
    expect(isEnabled(m, run(m, [receiveMessage(0, 0)], s), copyDelivered(0))).toBe(true);
  });

  it('a copy after a delete gets the whole retention period; one delivered in flight keeps the message’s', () => {
    const m = model({ tickSeconds: 60, retentionSeconds: 600, visibilityTimeoutSeconds: 600, messages: 1, workers: 1, processingSeconds: 120 });
    const inflight = run(m, [sendMessage(0), TICK, copyDelivered(0)]);
    expect(slice(inflight).messages[0]).toMatchObject({ status: 'visible', ttl: 9 });
    const m2 = model({ tickSeconds: 60, retentionSeconds: 600, messages: 1, workers: 1 });
    const deleted = run(m2, [sendMessage(0), TICK]);
    expect(slice(deleted).messages[0]).toMatchObject({ status: 'deleted', ttl: 0 });
    expect(slice(run(m2, [copyDelivered(0)], deleted)).messages[0]).toMatchObject({ status: 'visible', ttl: 10 });
  });

  it('FIFO queues have no copies of their own; asking for them is refused', () => {
    const m = model({ fifo: true, messages: 1, workers: 1 });
    const s = run(m, [sendMessage(0), TICK]);
    expect(slice(s).messages[0]).toMatchObject({ status: 'deleted', copies: 0 });
    expect(enabledLabels(m, s)).not.toContain('CopyDelivered(0)');
    expect(verdicts({ fifo: true, messages: 2, workers: 2, maxCrashes: 0 }, 0)[0].verdict).toBe('holds');
    expect(() => queue({ fifo: true, inherentDuplicates: true })).toThrow('sqs: inherentDuplicates is for standard queues');
  });
});

describe('sqs: producer retries (SendResponseLost)', () => {
  it('standard: the retry is a second copy, delivered after the first was received (even without the queue’s own copies)', () => {
    const m = model({ messages: 1, workers: 1, maxCrashes: 0, inherentDuplicates: false, maxLostSendResponses: 1 });
    const retried = run(m, [sendMessage(0), sendResponseLost(0)]);
    expect(slice(retried).lostResponses).toBe(1);
    expect(slice(retried).messages[0]).toMatchObject({ status: 'visible', copies: 1 });
    expect(isEnabled(m, retried, copyDelivered(0))).toBe(false);
    const s = run(m, [TICK, copyDelivered(0), TICK], retried);
    expect(slice(s).messages[0]).toMatchObject({ status: 'deleted', processed: 2, copies: 0 });
    // The budget is spent.
    expect(isEnabled(m, s, sendResponseLost(0))).toBe(false);
  });

  it('is a fault: the global budget bounds it, and without a budget the producer never retries', () => {
    expect(sendResponseLost(0).kind).toBe('fault');
    const o = { messages: 1, workers: 1, maxCrashes: 0, inherentDuplicates: false, maxLostSendResponses: 1 };
    expect(verdicts(o)[0].counterexample!.labels).toEqual(['SendMessage(0)', 'ReceiveMessage(0, 0)', 'SendResponseLost(0)', 'CopyDelivered(0)', 'Tick']);
    expect(verdicts(o, 0)[0].verdict).toBe('holds');
    expect(enabledLabels(model({ ...o, maxLostSendResponses: 0 }), run(model(o), [sendMessage(0)]))).toEqual(['ReceiveMessage(0, 0)', 'Tick']);
  });

  describe('FIFO deduplication (INV-SQS-7): one deduplication ID per message, 5-minute interval', () => {
    // One-minute ticks: the interval is 5 ticks; the producer retries for up to 10 minutes.
    const late = { fifo: true, tickSeconds: 60, messages: 1, workers: 1, maxCrashes: 0, maxLostSendResponses: 1, producerRetrySeconds: 600 };

    it('a retry within 5 minutes of the first send is accepted but not delivered, even after the message was deleted', () => {
      const m = model(late);
      const s = run(m, [sendMessage(0), TICK, ...ticks(3), sendResponseLost(0)]);
      expect(slice(s).messages[0]).toMatchObject({ status: 'deleted', processed: 1, copies: 0, age: 4 });
      expect(slice(s).lostResponses).toBe(1);
    });

    it('a retry after the interval is a new message, delivered and processed again', () => {
      const m = model(late);
      const s = run(m, [sendMessage(0), ...ticks(5), sendResponseLost(0)]);
      expect(slice(s).messages[0]).toMatchObject({ status: 'deleted', copies: 1, age: 5 });
      const again = run(m, [copyDelivered(0), TICK], s);
      expect(slice(again).messages[0]).toMatchObject({ status: 'deleted', processed: 2 });
    });

    it('the producer gives up after producerRetrySeconds: no retry, and the clock stops', () => {
      const m = model(late);
      const s = run(m, [sendMessage(0), ...ticks(10)]);
      expect(slice(s).messages[0].age).toBe(10);
      expect(enabledLabels(m, s)).toEqual([]);
    });

    it('NoDuplicateProcessing holds when every retry is within the interval, and fails on a retry after it', () => {
      // Processing (1 min) ends before the visibility timeout (2 min): only a retry can duplicate.
      const within = { ...late, messages: 2, workers: 2, maxLostSendResponses: 2, processingSeconds: 60, visibilityTimeoutSeconds: 120 };
      expect(verdicts({ ...within, producerRetrySeconds: 120 })[0].verdict).toBe('holds');
      expect(verdicts({ ...within, producerRetrySeconds: 300 })[0].verdict).toBe('holds');
      const [dup] = verdicts(late);
      expect(dup.verdict).toBe('fails');
      expect(dup.counterexample!.labels).toEqual(['SendMessage(0)', ...ticks(5).map(() => 'Tick'), 'SendResponseLost(0)', 'CopyDelivered(0)', 'Tick']);
    });

    it('a producer that never gives up retries after the interval too', () => {
      expect(verdicts({ ...late, producerRetrySeconds: Infinity })[0].verdict).toBe('fails');
    });

    it('a new deduplication ID per attempt defeats deduplication: a retry within the interval duplicates', () => {
      const [dup] = verdicts({ ...late, producerRetrySeconds: 60, dedupIdPerAttempt: true });
      expect(dup.counterexample!.labels).toEqual(['SendMessage(0)', 'SendResponseLost(0)', 'Tick', 'CopyDelivered(0)', 'Tick']);
      expect(() => queue({ dedupIdPerAttempt: true })).toThrow('sqs: dedupIdPerAttempt is for FIFO queues');
    });

    it('a tick that straddles the end of the interval counts as after it (the side of the duplicate)', () => {
      // 70 s ticks: age 3 is at most 280 s (within); age 4 may be past 300 s.
      const m = model({ ...late, tickSeconds: 70 });
      expect(slice(run(m, [sendMessage(0), ...ticks(3), sendResponseLost(0)])).messages[0].copies).toBe(0);
      expect(slice(run(m, [sendMessage(0), ...ticks(4), sendResponseLost(0)])).messages[0].copies).toBe(1);
    });

    it('the age is kept only where it decides something: standard queues and short retry periods have no clock', () => {
      expect(queue({ ...late, producerRetrySeconds: 300 }).schema.codec().words).toBe(queue({ ...late, maxLostSendResponses: 0 }).schema.codec().words);
      const standard = model({ tickSeconds: 60, messages: 1, workers: 1, maxLostSendResponses: 1, producerRetrySeconds: 600 });
      expect(slice(run(standard, [sendMessage(0), TICK])).messages[0].age).toBe(0);
    });
  });

  it('options are checked', () => {
    expect(() => queue({ producerRetrySeconds: 0 })).toThrow('sqs: producerRetrySeconds must be an integer in 1..1209600 or Infinity, got 0');
    expect(() => queue({ maxLostSendResponses: -1 })).toThrow('sqs: maxLostSendResponses must be an integer in 0..64, got -1');
    expect(() => queue({ maxLostSendResponse: 1 } as SqsOptions)).toThrow('sqs: unknown option maxLostSendResponse (did you mean maxLostSendResponses?)');
  });
});

describe('sqs: the size of the new fields', () => {
  it('a message’s age is explained where it grows the state space', () => {
    const c = compose([queue({ fifo: true, maxLostSendResponses: 1, producerRetrySeconds: 900 })]);
    expect(c.explainField('sqs.messages[].age')).toBe(
      "time since the first send, up to the producer's retries (producerRetrySeconds 900) past the 5-minute deduplication interval, in 10 s ticks; a producerRetrySeconds of 300 or less needs no clock, or set a coarser tickSeconds",
    );
  });
});
