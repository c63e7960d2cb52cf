/**
 * Killing tests for sqs mutants that Stryker left alive and that an earlier, text-splicing run
 * of tools/mutation/apply-mutants.mjs applied as another mutant (MUTATION.md: the tool's bracket bug).
 */
import { describe, expect, it } from 'vitest';
import { receiveMessage, sendMessage } from '../../../model/aws/sqs/index.js';
import { TICK, enabledLabels, run } from '../support.js';
import { model, slice } from './sqs-support.js';

const heartbeats = (labels: readonly string[]) => labels.filter((l) => l.startsWith('ChangeMessageVisibility'));

describe('sqs: the heartbeat (ChangeMessageVisibility to the full timeout)', () => {
  it('is never offered without extendVisibility, even once the timeout has started running down', () => {
    const m = model({ processingSeconds: 60 }); // 6 ticks of processing, a 3-tick timeout
    const s = run(m, [sendMessage(0), receiveMessage(0, 0), TICK]);
    expect(slice(s).workers[0]).toMatchObject({ status: 'busy', handleValid: true });
    expect(slice(s).messages[0]).toMatchObject({ status: 'inflight', timer: 2 });
    expect(heartbeats(enabledLabels(m, s))).toEqual([]);
  });

  it('with extendVisibility, only once the timeout has run down below its full length', () => {
    const m = model({ processingSeconds: 60, extendVisibility: true });
    const received = run(m, [sendMessage(0), receiveMessage(0, 0)]);
    expect(slice(received).messages[0]).toMatchObject({ status: 'inflight', timer: 3 });
    expect(heartbeats(enabledLabels(m, received))).toEqual([]);
    expect(heartbeats(enabledLabels(m, run(m, [TICK], received)))).toEqual(['ChangeMessageVisibility(0, 30)']);
  });
});
