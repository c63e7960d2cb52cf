/**
 * `sqs-visibility-too-short` (INV-SQS-2): processing (40 s) takes longer than the visibility
 * timeout (30 s). The message becomes visible again while the first worker is still working on
 * it, a second worker receives it, and both process it: NoDuplicateProcessing fails with no
 * fault at all (the crash budget is 0). NoLostMessage still holds: the first worker's delete
 * uses a stale receipt handle and deletes nothing (INV-SQS-3), the second deletes it.
 * A visibility timeout above the processing time, or a heartbeat (ChangeMessageVisibility)
 * while processing, removes this duplicate (ReachedVisibilityTimeoutMidProcessing's path), but
 * not the standard queue's own copies (at-least-once delivery): with `--param
 * processingSeconds=20` NoDuplicateProcessing still fails, by a `CopyDelivered`, and the
 * shortest trace at 40 s is that copy too. The consumer must be idempotent anyway.
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { sqs } from '../../model/aws/sqs/index.js';
import { noDuplicateProcessing, noLostMessage, reachedVisibilityTimeoutMidProcessing } from '../../properties/data.js';

export interface SqsVisibilityTooShortParams {
  readonly [k: string]: number;
  /** How long a worker takes per message (10-second ticks). */
  readonly processingSeconds: number;
}

/** Processing longer than the visibility timeout: processed twice with no fault. */
export const sqsVisibilityTooShort = defineScenario<SqsVisibilityTooShortParams>({
  name: 'sqs-visibility-too-short',
  description: 'Processing (40 s) outlasts the visibility timeout (30 s): a second worker gets the message; NoDuplicateProcessing fails with no faults',
  model: (p) =>
    compose(
      [
        sqs({
          tickSeconds: 10,
          messages: 1,
          workers: 2,
          maxCrashes: 0,
          visibilityTimeoutSeconds: 30,
          processingSeconds: p.processingSeconds,
          retentionSeconds: Infinity,
        }),
      ],
      { properties: [noDuplicateProcessing(), noLostMessage(), reachedVisibilityTimeoutMidProcessing()] },
    ),
  parameters: { processingSeconds: 40 },
  modes: ['exhaustive', 'random'],
  expect: { NoDuplicateProcessing: 'fails' },
});
