/**
 * `sqs-fifo-dedup` (INV-SQS-7): a FIFO queue and a producer whose SendMessage responses may be
 * lost (twice); each time the producer sends the message again with the same deduplication ID,
 * and its SDK gives up within 2 minutes. A FIFO queue accepts a send whose deduplication ID was
 * already sent within the last 5 minutes but does not deliver it, even after the first copy was
 * received and deleted (AWS, "Exactly-once processing", "Using the message deduplication ID"),
 * and it has no duplicates of its own. Processing (1 min) ends inside the visibility timeout
 * (2 min) and no worker crashes: NoDuplicateProcessing holds, and ReachedProducerRetry shows
 * the retries happened.
 *
 * The window is what makes it hold: `--param producerRetrySeconds=600` lets a retry come after
 * the 5 minutes, as a new message, and NoDuplicateProcessing fails (`sqs-producer-retry`).
 * Time moves in one-minute ticks (the interval is 5 of them).
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { sqs } from '../../model/aws/sqs/index.js';
import { noDuplicateProcessing, noLostMessage, reachedProducerRetry } from '../../properties/data.js';

export interface SqsFifoDedupParams {
  readonly [k: string]: number;
  /** How long after the first send the producer may still retry (its SDK's attempts and backoff), seconds. */
  readonly producerRetrySeconds: number;
}

/** FIFO with one deduplication ID per message, retries within the interval: processed once. */
export const sqsFifoDedup = defineScenario<SqsFifoDedupParams>({
  name: 'sqs-fifo-dedup',
  description: 'A FIFO queue deduplicates the producer’s retries sent within 5 minutes of the first send: NoDuplicateProcessing holds',
  model: (p) =>
    compose(
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
          maxLostSendResponses: 2,
          producerRetrySeconds: p.producerRetrySeconds,
        }),
      ],
      { properties: [noDuplicateProcessing(), noLostMessage(), reachedProducerRetry()] },
    ),
  parameters: { producerRetrySeconds: 120 },
  modes: ['exhaustive', 'random'],
});
