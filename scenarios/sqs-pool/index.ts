/**
 * The benchmark model as scenarios: `sqs-pool` (receive, process, delete: NoLostMessage
 * holds) and `sqs-pool:early-delete` (delete on receive: fails in 3 actions). `--size`
 * picks small (default) .. xxlarge. Checked with the state schema's exact codec.
 */
import { defineScenario } from '../../engine/scenario.js';
import { SIZES } from './model.js';
import { encodedSqsPool } from './schema.js';

const sizes = Object.keys(SIZES);

export const sqsPoolCorrect = defineScenario({
  name: 'sqs-pool',
  description: 'A worker pool on an SQS queue, receive-process-delete with a visibility timeout; NoLostMessage holds',
  model: (p: { size: string }) => encodedSqsPool(SIZES[p.size], 'correct'),
  parameters: { size: 'small' },
  choices: { size: sizes },
});

export const sqsPoolEarlyDelete = defineScenario({
  name: 'sqs-pool:early-delete',
  description: 'The same pool deleting each message on receive: a crash loses it (3 actions)',
  model: (p: { size: string }) => encodedSqsPool(SIZES[p.size], 'early-delete'),
  parameters: { size: 'small' },
  choices: { size: sizes },
  expect: { NoLostMessage: 'fails' },
});
