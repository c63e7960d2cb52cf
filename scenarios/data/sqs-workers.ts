/**
 * `sqs-workers`: the seed's Figure 8. A queue and a pool of workers in an Auto Scaling group
 * spread over two Availability Zones; each worker receives a message, processes it and only
 * then deletes it, with a visibility timeout (30 s, one tick) longer than processing (instant).
 *
 * Faults: one worker crash (the ASG replaces the instance after `restartSeconds`) and an AZ
 * outage that takes down that zone's worker (it comes back only with the zone). Verdicts:
 * NoLostMessage holds (a message is deleted only after it was processed, and a dropped one
 * comes back after its visibility timeout); NoDuplicateProcessing fails (SQS delivers at
 * least once). A crash or a zone outage between processing and DeleteMessage redelivers a
 * processed message, but the shortest trace needs no fault: the standard queue delivers a
 * copy of the message again (`CopyDelivered`, 4 actions).
 *
 * Workers are prompt: a Tick first lets every live worker receive, process and delete what it
 * can, then moves the clocks, so a trace's Tick may show a message going from visible to
 * deleted in one step. Between ticks the explicit actions interleave freely (that is where a
 * crash between ProcessMessage and DeleteMessage fits).
 */
import { defineScenario } from '../../engine/scenario.js';
import { az } from '../../model/aws/az/index.js';
import { compose } from '../../model/compose/compose.js';
import { sqs } from '../../model/aws/sqs/index.js';
import { noDuplicateProcessing, noLostMessage, reachedAzOutage, reachedWorkerCrashMidMessage } from '../../properties/data.js';

export interface SqsWorkersParams {
  readonly [k: string]: number;
  /** Messages the producer sends. */
  readonly messages: number;
  /** Workers, placed round-robin in zones 0 and 1. */
  readonly workers: number;
}

/** The Figure 8 worker pool: receive, process, delete, workers in two AZs. */
export const sqsWorkers = defineScenario<SqsWorkersParams>({
  name: 'sqs-workers',
  description: 'Workers in two AZs receive, process, then delete; NoLostMessage holds under a crash and an AZ outage, NoDuplicateProcessing fails (at-least-once)',
  model: (p) =>
    compose(
      [
        az({ azs: 2, maxDown: 1 }),
        sqs({
          // 30-second ticks: the visibility timeout (30 s) is one tick, the ASG replacement (60 s, scaled down) two.
          tickSeconds: 30,
          messages: p.messages,
          workers: p.workers,
          workerAzs: Array.from({ length: p.workers }, (_, w) => w % 2),
          maxCrashes: 1,
          visibilityTimeoutSeconds: 30,
          processingSeconds: 0,
          restartSeconds: 60,
          // The default 4-day retention is far beyond these outages: left out of the state.
          retentionSeconds: Infinity,
        }),
      ],
      { properties: [noLostMessage(), noDuplicateProcessing(), reachedWorkerCrashMidMessage(), reachedAzOutage()] },
    ),
  parameters: { messages: 2, workers: 2 },
  choices: { messages: [1, 2, 3], workers: [1, 2, 3] },
  modes: ['exhaustive', 'random'],
  expect: { NoDuplicateProcessing: 'fails' },
});
