/**
 * The entry of one worker thread of the parallel explorer: builds the model from its reference,
 * then answers the coordinator's requests in order with its Shard.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Action } from '../../model/core/model.js';
import { ShapeMismatch } from '../inferred.js';
import { loadModelRef } from '../model-ref.js';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './protocol.js';
import { Shard } from './shard.js';

/**
 * The worker entry: build the model from its reference, then answer requests in order. After
 * 'finish' the worker drops its shard and stays for the pool's next run, which sends 'setup'.
 */
function serve(first: WorkerSetup): void {
  const port = parentPort!;
  let shard: Shard<unknown, Action> | undefined;
  const start = (setup: WorkerSetup): void => {
    loadModelRef(setup.ref)
      .then((model) => {
        shard = new Shard(model, setup);
        port.postMessage({ type: 'ready' } satisfies WorkerReply);
      })
      .catch((e: unknown) => {
        // Rethrown outside the promise: surfaces as the worker's 'error' event in the coordinator.
        setImmediate(() => {
          throw e;
        });
      });
  };
  // Listening from the start keeps the worker alive while the model loads (a pending import
  // through a loader hook alone does not); the coordinator sends nothing before 'ready'.
  port.on('message', (req: WorkerRequest) => {
    if (req.type === 'setup') return start(req.setup);
    let answer: { reply: WorkerReply; transfer: ArrayBuffer[] };
    try {
      answer = shard!.handle(req);
    } catch (e) {
      // A state that does not fit the inferred layout is no error: the coordinator restarts with wider fields.
      if (!(e instanceof ShapeMismatch)) throw e;
      answer = { reply: { type: 'mismatch', message: e.message }, transfer: [] };
    }
    port.postMessage(answer.reply, answer.transfer);
    if (req.type === 'finish') shard = undefined;
  });
  start(first);
}

if (!isMainThread && (workerData as WorkerSetup | undefined)?.faultlineParallel === true) serve(workerData as WorkerSetup);
