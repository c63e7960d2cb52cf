/**
 * `sqs-standard-duplicates` (at-least-once delivery): a standard queue delivers a message more
 * than once with no fault at all. SQS keeps copies of each message on several servers; when one
 * of them is unavailable during a receive or a delete, its copy is not hidden or deleted and is
 * delivered again later (AWS, "Amazon SQS at-least-once delivery"). Here nothing fails (no
 * crash, the fault budget is 0), processing (10 s) ends well inside the visibility timeout
 * (30 s), and the consumer is not idempotent: NoDuplicateProcessing fails, in 5 actions (a copy
 * of the message a worker is processing is delivered again, and the other worker takes it).
 * NoLostMessage holds. The fix is in the consumer (idempotent processing, or a record of the
 * message IDs done) or a FIFO queue (see `sqs-fifo-dedup`).
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { sqs } from '../../model/aws/sqs/index.js';
import { noDuplicateProcessing, noLostMessage, reachedDuplicateDelivery } from '../../properties/data.js';

export interface SqsStandardDuplicatesParams {
  readonly [k: string]: number;
  readonly messages: number;
  readonly workers: number;
}

/** A standard queue, no fault, a non-idempotent consumer: processed twice anyway. */
export const sqsStandardDuplicates = defineScenario<SqsStandardDuplicatesParams>({
  name: 'sqs-standard-duplicates',
  description: 'A standard queue with no fault and processing well inside the visibility timeout still delivers a message twice (at-least-once): NoDuplicateProcessing fails',
  model: (p) =>
    compose(
      [
        sqs({
          tickSeconds: 10,
          messages: p.messages,
          workers: p.workers,
          maxCrashes: 0,
          visibilityTimeoutSeconds: 30,
          processingSeconds: 10,
          retentionSeconds: Infinity,
        }),
      ],
      { maxFaults: 0, properties: [noDuplicateProcessing(), noLostMessage(), reachedDuplicateDelivery()] },
    ),
  parameters: { messages: 2, workers: 2 },
  choices: { messages: [1, 2, 3], workers: [1, 2, 3] },
  modes: ['exhaustive', 'random'],
  expect: { NoDuplicateProcessing: 'fails' },
});
