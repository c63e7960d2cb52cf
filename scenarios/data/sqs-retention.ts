/**
 * `sqs-retention` (INV-SQS-5, INV-SQS-6): how long a queue keeps messages nobody processes.
 *
 * Every variant has the same consumers: two workers that may both crash and stay down for up
 * to `outageHours` (3 h: say a bad deployment rolled back), and the same redrive policy: a
 * dead-letter queue with maxReceiveCount 3, above what the two crashes can cost a healthy
 * message before it is processed (the queue's own delivered copy, at-least-once, can take a
 * healthy message there, but only once processed), so only a poison message is dead-lettered
 * unprocessed. Time moves in one-hour ticks; the 30-second visibility timeout rounds up to one
 * tick, which only makes messages older when they are received again (the conservative
 * direction for retention).
 *
 * - `expires`: the retention period (2 h) is shorter than the outage. A message sent while
 *   both workers are down is never received, and SQS deletes expired messages silently: it
 *   does not move them to the dead-letter queue, whatever the DLQ's retention (here the
 *   14-day maximum). NoLostMessage fails (Send, two crashes, two ticks).
 * - `long-enough`: retention (4 h) longer than the outage bound: every message is received
 *   before it expires. NoLostMessage holds (with 3 h, the retention equal to the outage, it
 *   fails: `--param retentionHours=3`).
 * - `dlq-longer`: message 0 is a poison message (its processing always fails). On the receive
 *   attempt after its third receive it moves to the DLQ, which keeps the original enqueue
 *   time (standard queues): a DLQ whose retention is not above the message's age at the move
 *   expires it on arrival. Here the DLQ's retention is longer than the source's, and a
 *   message is always younger than the source's retention when it moves, so every
 *   dead-lettered message survives the move: NoLostMessage holds. The source's retention had
 *   to be right too: 7 h outlasts the outage plus maxReceiveCount visibility timeouts
 *   (3 h + 3 x 1 h); with 6 h the poison message expires in the source before it is
 *   dead-lettered (`--param retentionHours=6`).
 *
 * What "longer" means in `dlq-longer`: the DLQ's retention is left out of the state
 * (0, the default here, meaning no expiry in the DLQ), i.e. longer than the source's and than anything else in the model.
 * Nothing in the model consumes the DLQ, so a finite DLQ retention would in the end expire
 * every dead-lettered message (AWS does the same, at most 14 days after the enqueue time): the
 * verdict assumes an alarm on the DLQ brings an operator to redrive it within that time.
 * `--param dlqRetentionHours=N` shows a finite one: N at most the message's age at the move
 * (3 to 6 h here) expires it on arrival; N above 7 keeps it in the DLQ until N hours after it
 * was sent, so at least N - 7 hours after the move.
 *
 * Exhaustive only: a few thousand states, and random runs seldom crash both workers at once.
 */
import { defineScenario } from '../../engine/scenario.js';
import type { World } from '../../model/compose/component.js';
import { compose } from '../../model/compose/compose.js';
import { sqs } from '../../model/aws/sqs/index.js';
import { noLostMessage, reachedAllWorkersDown, reachedDeadLetter, reachedMessageExpired } from '../../properties/data.js';
import type { Property } from '../../model/core/property.js';

const HOUR = 3600;

export interface SqsRetentionParams {
  readonly [k: string]: number;
  /** The source queue's MessageRetentionPeriod, hours. */
  readonly retentionHours: number;
  /** How long a crashed worker stays down, hours (the outage bound). */
  readonly outageHours: number;
  /** The DLQ's MessageRetentionPeriod, hours; 0 leaves it out (the DLQ is redriven in time). */
  readonly dlqRetentionHours: number;
}

/** The queue of every variant; `poison` makes message 0 fail every time; `reached`: the variant's Reached… checks. */
function retentionModel(p: SqsRetentionParams, poison: boolean, reached: readonly Property<World>[]) {
  return compose(
    [
      sqs({
        tickSeconds: HOUR,
        messages: 2,
        workers: 2,
        maxCrashes: 2,
        restartSeconds: p.outageHours * HOUR,
        retentionSeconds: p.retentionHours * HOUR,
        deadLetterQueue: true,
        maxReceiveCount: 3,
        dlqRetentionSeconds: p.dlqRetentionHours === 0 ? Infinity : p.dlqRetentionHours * HOUR,
        poisonMessages: poison ? [0] : [],
      }),
    ],
    { properties: [noLostMessage(), ...reached] },
  );
}

/** Retention shorter than the consumers' outage: messages expire. */
export const sqsRetentionExpires = defineScenario<SqsRetentionParams>({
  name: 'sqs-retention:expires',
  description: 'Workers down 3 h, retention 2 h: unreceived messages expire (not dead-lettered); NoLostMessage fails',
  model: (p) => retentionModel(p, false, [reachedAllWorkersDown(), reachedMessageExpired()]),
  parameters: { retentionHours: 2, outageHours: 3, dlqRetentionHours: 14 * 24 },
  modes: ['exhaustive'],
  expect: { NoLostMessage: 'fails' },
});

/** Retention longer than the outage bound: nothing is lost. */
export const sqsRetentionLongEnough = defineScenario<SqsRetentionParams>({
  name: 'sqs-retention:long-enough',
  description: 'Workers down 3 h, retention 4 h: every message is received before it expires; NoLostMessage holds',
  model: (p) => retentionModel(p, false, [reachedAllWorkersDown()]),
  parameters: { retentionHours: 4, outageHours: 3, dlqRetentionHours: 14 * 24 },
  modes: ['exhaustive'],
});

/** A poison message dead-lettered before it expires, into a DLQ that keeps it longer than the source. */
export const sqsRetentionDlqLonger = defineScenario<SqsRetentionParams>({
  name: 'sqs-retention:dlq-longer',
  description: 'A poison message is dead-lettered before it expires, into a DLQ with a longer retention than the source: NoLostMessage holds',
  model: (p) => retentionModel(p, true, [reachedAllWorkersDown(), reachedDeadLetter()]),
  parameters: { retentionHours: 7, outageHours: 3, dlqRetentionHours: 0 },
  modes: ['exhaustive'],
});
