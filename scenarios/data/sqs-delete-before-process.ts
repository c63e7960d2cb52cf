/**
 * `sqs-delete-before-process` (INV-SQS-1): the anti-pattern of deleting a message as soon as
 * it is received, before processing it. A worker crash between the delete and the end of
 * processing loses the message: in the smallest configuration (one message, one worker) the
 * trace is SendMessage, ReceiveMessage (which deletes), WorkerCrash: 3 actions.
 */
import { defineScenario } from '../../engine/scenario.js';
import { compose } from '../../model/compose/compose.js';
import { sqs } from '../../model/aws/sqs/index.js';
import { noLostMessage, reachedWorkerCrashMidMessage } from '../../properties/data.js';

export interface SqsDeleteBeforeProcessParams {
  readonly [k: string]: number;
  readonly messages: number;
  readonly workers: number;
}

/** Delete on receive: a crash loses the message. */
export const sqsDeleteBeforeProcess = defineScenario<SqsDeleteBeforeProcessParams>({
  name: 'sqs-delete-before-process',
  description: 'Workers delete each message on receive, before processing: a crash loses it (NoLostMessage fails in 3 actions)',
  model: (p) =>
    compose(
      [
        sqs({
          tickSeconds: 10,
          messages: p.messages,
          workers: p.workers,
          maxCrashes: 1,
          retentionSeconds: Infinity,
          deleteOnReceive: true,
        }),
      ],
      // The crash is listed first: here the crash state is the loss itself, and random mode stops
      // checking a state at the first violated property in list order.
      { properties: [reachedWorkerCrashMidMessage(), noLostMessage()] },
    ),
  parameters: { messages: 1, workers: 1 },
  choices: { messages: [1, 2, 3], workers: [1, 2, 3] },
  modes: ['exhaustive', 'random'],
  expect: { NoLostMessage: 'fails' },
});
