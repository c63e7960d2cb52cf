import { describe, expect, it } from 'vitest';
import {
  deleteMessage, isLost, noLostMessage, processMessage, receiveMessage, sendMessage, workerCrash, workerRestart, type SqsOptions,
} from '../../../model/aws/sqs/index.js';
import { azOutage } from '../../../model/aws/az/index.js';
import type { World } from '../../../model/compose/component.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import type { Property } from '../../../model/core/property.js';
import { TICK, isEnabled, run, solo, zones } from '../support.js';
import { NoLostMessage, model, queue, slice, ticks } from './sqs-support.js';

// Retention, FIFO and zone gotchas of sqs (the transitions and the other gotchas are in sqs.test.ts).

const verdicts = (o: SqsOptions, props: Property<World>[]) => {
  const r = exploreExhaustive(solo(queue(o), { properties: props }));
  expect(r.stats.complete).toBe(true);
  return r.properties;
};

describe('sqs: gotchas', () => {
  describe('retention (INV-SQS-5, INV-SQS-6)', () => {
    // Minute ticks: retention 5 min = 5 ticks, visibility 30 s = 1 tick.
    const dlqRun = (o: SqsOptions) => {
      const m = model({ tickSeconds: 60, retentionSeconds: 300, messages: 1, workers: 1, poisonMessages: [0], deadLetterQueue: true, maxReceiveCount: 1, ...o });
      return slice(run(m, [sendMessage(0), receiveMessage(0, 0), processMessage(0), TICK, receiveMessage(0, 0)])).messages[0];
    };

    it('a standard DLQ keeps the enqueue time: its retention minus the age is what is left', () => {
      expect(dlqRun({ dlqRetentionSeconds: 600 })).toMatchObject({ status: 'deadLettered', ttl: 9 });
      expect(dlqRun({ dlqRetentionSeconds: 120 })).toMatchObject({ status: 'deadLettered', ttl: 1 });
    });

    it('a standard DLQ retention shorter than the message age expires it on arrival', () => {
      expect(dlqRun({ dlqRetentionSeconds: 60 })).toMatchObject({ status: 'expired', processed: 0 });
    });

    it('a FIFO DLQ restarts the clock', () => {
      expect(dlqRun({ fifo: true, dlqRetentionSeconds: 120 })).toMatchObject({ status: 'deadLettered', ttl: 2 });
    });

    it('a dead-lettered message still expires when the DLQ retention ends', () => {
      const m = model({ tickSeconds: 60, retentionSeconds: 300, dlqRetentionSeconds: 120, messages: 1, workers: 1, poisonMessages: [0], deadLetterQueue: true, maxReceiveCount: 1 });
      const s = run(m, [sendMessage(0), receiveMessage(0, 0), processMessage(0), TICK, receiveMessage(0, 0), TICK]);
      expect(slice(s).messages[0]).toMatchObject({ status: 'expired', processed: 0 });
      expect(noLostMessage(slice(s))).toBe(false);
    });

    // Hour ticks: retention 2 h; workers down 3 h lose the message, down 1 h do not.
    const outage = (restartHours: number, retentionHours: number) =>
      verdicts({ tickSeconds: 3600, messages: 1, workers: 1, maxCrashes: 1, retentionSeconds: retentionHours * 3600, restartSeconds: restartHours * 3600 }, [NoLostMessage])[0];

    it('INV-SQS-6: workers down longer than the retention period lose the backlog silently', () => {
      const r = outage(3, 2);
      expect(r.verdict).toBe('fails');
      expect(r.counterexample!.labels).toEqual(['SendMessage(0)', 'WorkerCrash(0)', 'Tick', 'Tick']);
    });

    it('retention longer than the outage keeps every message', () => {
      expect(outage(1, 2).verdict).toBe('holds');
      expect(outage(3, 4).verdict).toBe('holds');
    });

    it('a message that expires while a worker holds it is not lost: the worker still processes it', () => {
      const m = model({ tickSeconds: 60, retentionSeconds: 120, messages: 1, workers: 1, processingSeconds: 180, visibilityTimeoutSeconds: 600 });
      const s = run(m, [sendMessage(0), receiveMessage(0, 0), TICK, TICK]);
      expect(slice(s).messages[0].status).toBe('expired');
      expect(isLost(slice(s), 0)).toBe(false);
      const done = run(m, [TICK, processMessage(0), deleteMessage(0)], s);
      expect(slice(done).messages[0]).toMatchObject({ status: 'expired', processed: 1 });
      expect(noLostMessage(slice(done))).toBe(true);
    });
  });

  describe('FIFO (INV-SQS-8)', () => {
    it('messages are sent in order, and one in flight blocks its group for a full visibility timeout', () => {
      const m = model({ fifo: true, messages: 2, workers: 2 });
      expect(isEnabled(m, m.init()[0], sendMessage(1))).toBe(false);
      const s = run(m, [sendMessage(0), sendMessage(1)]);
      expect(isEnabled(m, s, receiveMessage(0, 1))).toBe(false);
      const crashed = run(m, [receiveMessage(0, 0), workerCrash(0)], s);
      expect(isEnabled(m, crashed, receiveMessage(1, 1))).toBe(false);
      const blocked = run(m, ticks(2), crashed);
      expect(slice(blocked).workers[1].status).toBe('idle');
      expect(slice(blocked).messages[1].status).toBe('visible');
      // The timeout ends: the head comes back first, and only then does message 1 follow.
      const back = run(m, [TICK, receiveMessage(1, 0)], blocked);
      expect(isEnabled(m, back, receiveMessage(0, 1))).toBe(false);
    });

    it('other message groups are not blocked', () => {
      const m = model({ fifo: true, messages: 2, workers: 2, messageGroups: [0, 1] });
      const s = run(m, [sendMessage(0), sendMessage(1), receiveMessage(0, 0)]);
      expect(isEnabled(m, s, receiveMessage(1, 1))).toBe(true);
    });
  });

  describe('AZ outage', () => {
    const q = queue({ workerAzs: [0, 1] });
    const zoneWorld = (up0: boolean, up1: boolean): World => ({ az: { up: [up0, up1] } });

    it('crashes the workers in the zone (outside the crash budget); they restart only when the zone is up', () => {
      const m = solo(q, { others: zoneWorld(true, true) });
      const s = run(m, [sendMessage(0), receiveMessage(0, 0)]);
      const out = q.reduce(slice(s), azOutage(0), s);
      expect(out.workers[0]).toEqual({ status: 'down', message: -1, handleValid: false, timer: 0 });
      expect(out.workers[1].status).toBe('idle');
      expect(out.crashes).toBe(0);
      const down = { ...zoneWorld(false, true), sqs: out };
      const restartable: unknown[] = [];
      q.actions(down, restartable as never);
      expect(restartable).not.toContainEqual(workerRestart(0));
      expect(q.reduce(out, TICK, down).workers[0].status).toBe('down');
      const back = { ...zoneWorld(true, true), sqs: out };
      expect(q.reduce(out, TICK, back).workers[0].status).toBe('idle');
      expect(q.subscribes).toContain('AzOutage');
    });

    it('NoLostMessage holds under a worker crash and an AZ outage (workers in two zones)', () => {
      const r = exploreExhaustive(solo(queue({ workerAzs: [0, 1], tickSeconds: 30 }), { ...zones(2), properties: [NoLostMessage] }));
      expect(r.stats.complete).toBe(true);
      expect(r.properties[0].verdict).toBe('holds');
    });

    it('without workerAzs sqs does not subscribe to zone faults (it composes without an az component)', () => {
      expect(queue().subscribes).not.toContain('AzOutage');
    });
  });
});
