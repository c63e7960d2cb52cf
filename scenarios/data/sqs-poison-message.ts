/**
 * `sqs-poison-message` (INV-SQS-4): message 0's processing always fails, so its worker
 * abandons it undeleted and it comes back after every visibility timeout (30 s, three
 * 10-second ticks); message 1 is healthy.
 *
 * - `no-dlq`: nothing stops the redelivery (until the 4-day retention expires it):
 *   NoEndlessRedelivery fails.
 * - `dlq`: a redrive policy with maxReceiveCount 3 moves it to a dead-letter queue on the
 *   receive attempt after its third receive: NoEndlessRedelivery holds.
 *
 * The recovery bound, in model time: with faults stopped the recovery path is ticks (a tick
 * lets every live worker receive what is visible). The first receive happens at the first tick
 * (10 s), and each failed receive costs one visibility timeout (30 s) before the next attempt,
 * so the message is dead-lettered by 10 + maxReceiveCount x 30 = 100 s (the variants' test
 * checks that 90 s is not enough). Retention (4 days) is far beyond that and left out of the state.
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { sqs, type SqsOptions } from '../../model/aws/sqs/index.js';
import { noEndlessRedelivery, noLostMessage, reachedDeadLetter, reachedRedelivery } from '../../properties/data.js';

const TICK_SECONDS = 10;
const VISIBILITY_SECONDS = 30;
const MAX_RECEIVE_COUNT = 3;

/** Seconds until a poison message is dead-lettered: the first receive (one tick), then one visibility timeout per receive. */
export const POISON_RECOVERY_SECONDS = TICK_SECONDS + MAX_RECEIVE_COUNT * VISIBILITY_SECONDS;

export interface SqsPoisonParams {
  readonly [k: string]: number;
  /** NoEndlessRedelivery's bound, in seconds of model time. */
  readonly withinSeconds: number;
}

function poisonModel(p: SqsPoisonParams, dlq: Partial<SqsOptions>) {
  return compose(
    [
      sqs({
        tickSeconds: TICK_SECONDS,
        messages: 2,
        workers: 1,
        maxCrashes: 0,
        visibilityTimeoutSeconds: VISIBILITY_SECONDS,
        retentionSeconds: Infinity,
        poisonMessages: [0],
        ...dlq,
      }),
    ],
    {
      properties: [
        noEndlessRedelivery({ withinSeconds: p.withinSeconds }),
        noLostMessage(),
        reachedRedelivery(),
        ...(dlq.deadLetterQueue ? [reachedDeadLetter()] : []),
      ],
    },
  );
}

/** A poison message without a dead-letter queue: redelivered for ever. */
export const sqsPoisonNoDlq = defineScenario<SqsPoisonParams>({
  name: 'sqs-poison-message:no-dlq',
  description: 'A message whose processing always fails, no dead-letter queue: redelivered for ever; NoEndlessRedelivery fails',
  model: (p) => poisonModel(p, {}),
  parameters: { withinSeconds: POISON_RECOVERY_SECONDS },
  modes: ['exhaustive', 'random'],
  expect: { NoEndlessRedelivery: 'fails' },
});

/** A poison message with a redrive policy: dead-lettered after maxReceiveCount receives. */
export const sqsPoisonDlq = defineScenario<SqsPoisonParams>({
  name: 'sqs-poison-message:dlq',
  description: 'The same poison message with a redrive policy (maxReceiveCount 3) and a DLQ: NoEndlessRedelivery holds',
  model: (p) => poisonModel(p, { deadLetterQueue: true, maxReceiveCount: MAX_RECEIVE_COUNT, dlqRetentionSeconds: Infinity }),
  parameters: { withinSeconds: POISON_RECOVERY_SECONDS },
  modes: ['exhaustive', 'random'],
});
