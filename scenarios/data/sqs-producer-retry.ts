/**
 * `sqs-producer-retry` (INV-SQS-7): the FIFO queue of `sqs-fifo-dedup`, with the producer's
 * retries made in two ways FIFO deduplication does not cover. A SendMessage whose response is
 * lost (a network failure: the `SendResponseLost` fault) is sent again by the producer; the
 * queue deduplicates it only if it carries the deduplication ID of a send less than 5 minutes
 * old (AWS, "Using the message deduplication ID").
 *
 * - `after-interval`: the producer keeps resending for up to 15 minutes (a resend from an
 *   outbox on a timer, say). A retry more than 5 minutes after the first send is a new message:
 *   processed twice, NoDuplicateProcessing fails (send, five minutes, the retry, its delivery).
 * - `new-dedup-id`: the producer's SDK gives up within 2 minutes, but the producer generates a
 *   new deduplication ID for every attempt (a random ID per call instead of one per message):
 *   no retry is deduplicated, NoDuplicateProcessing fails at once.
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { sqs } from '../../model/aws/sqs/index.js';
import { noDuplicateProcessing, noLostMessage, reachedDuplicateDelivery, reachedProducerRetry } from '../../properties/data.js';

export interface SqsProducerRetryParams {
  readonly [k: string]: number;
  /** How long after the first send the producer may still retry, seconds. */
  readonly producerRetrySeconds: number;
}

function retryModel(p: SqsProducerRetryParams, dedupIdPerAttempt: boolean) {
  return compose(
    [
      sqs({
        tickSeconds: 60,
        fifo: true,
        messages: 2,
        workers: 2,
        maxCrashes: 0,
        visibilityTimeoutSeconds: 120,
        processingSeconds: 60,
        retentionSeconds: Infinity,
        maxLostSendResponses: 1,
        producerRetrySeconds: p.producerRetrySeconds,
        dedupIdPerAttempt,
      }),
    ],
    { properties: [noDuplicateProcessing(), noLostMessage(), reachedProducerRetry(), reachedDuplicateDelivery()] },
  );
}

/** The producer resends after the 5-minute interval: a new message. */
export const sqsProducerRetryAfterInterval = defineScenario<SqsProducerRetryParams>({
  name: 'sqs-producer-retry:after-interval',
  description: 'FIFO, the producer resends a message whose response was lost up to 15 minutes later: past the 5-minute deduplication interval it is a new message; NoDuplicateProcessing fails',
  model: (p) => retryModel(p, false),
  parameters: { producerRetrySeconds: 900 },
  modes: ['exhaustive', 'random'],
  expect: { NoDuplicateProcessing: 'fails' },
});

/** A new deduplication ID per attempt: nothing is deduplicated. */
export const sqsProducerRetryNewDedupId = defineScenario<SqsProducerRetryParams>({
  name: 'sqs-producer-retry:new-dedup-id',
  description: 'FIFO, the producer retries within 2 minutes but with a new deduplication ID per attempt: the retry is a new message; NoDuplicateProcessing fails',
  model: (p) => retryModel(p, true),
  parameters: { producerRetrySeconds: 120 },
  modes: ['exhaustive', 'random'],
  expect: { NoDuplicateProcessing: 'fails' },
});
