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
 * The recovery bound: with faults stopped the recovery path is ticks (a tick lets every live
 * worker receive what is visible). The first receive happens at the first tick, and each
 * failed receive costs one visibility timeout before the next attempt, so the message is
 * dead-lettered by tick maxReceiveCount x 3 + 1 = 10 (the variants' test checks that 9 is not
 * enough). Retention (4 days) is far beyond that and left out of the state.
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { sqs, type SqsOptions } from '../../model/aws/sqs/index.js';
import { noEndlessRedelivery, noLostMessage, reachedDeadLetter, reachedRedelivery } from '../../properties/data.js';

const TICK_SECONDS = 10;
const VISIBILITY_SECONDS = 30;
const MAX_RECEIVE_COUNT = 3;

/** Ticks until a poison message is dead-lettered: the first receive, then one visibility timeout per receive. */
export const POISON_RECOVERY_TICKS = MAX_RECEIVE_COUNT * Math.ceil(VISIBILITY_SECONDS / TICK_SECONDS) + 1;

export interface SqsPoisonParams {
  readonly [k: string]: number;
  /** NoEndlessRedelivery's bound, in steps (ticks). */
  readonly within: number;
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
        noEndlessRedelivery({ within: p.within }),
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
  parameters: { within: POISON_RECOVERY_TICKS },
  modes: ['exhaustive', 'random'],
  expect: { NoEndlessRedelivery: 'fails' },
});

/** A poison message with a redrive policy: dead-lettered after maxReceiveCount receives. */
export const sqsPoisonDlq = defineScenario<SqsPoisonParams>({
  name: 'sqs-poison-message:dlq',
  description: 'The same poison message with a redrive policy (maxReceiveCount 3) and a DLQ: NoEndlessRedelivery holds',
  model: (p) => poisonModel(p, { deadLetterQueue: true, maxReceiveCount: MAX_RECEIVE_COUNT, dlqRetentionSeconds: Infinity }),
  parameters: { within: POISON_RECOVERY_TICKS },
  modes: ['exhaustive', 'random'],
});
