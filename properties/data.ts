/**
 * The data half of the invariant library: what a queue (SQS), a database (RDS), a bucket (S3)
 * and DNS failover (Route 53) must guarantee, as properties of a composed world.
 *
 * Each factory returns a property with the exact name. A property reads the slice of
 * the component it is about (`world.sqs`, `world.rds`, `world.s3`, `world.route53`, `world.az`),
 * so the composition must include that component. The `Reached…` checks are `sometimes`
 * properties: a scenario that never reaches the fault it is about has checked nothing.
 */
import type { World } from '../model/compose/component.js';
import { noAckedWriteLost as rdsNoAckedWriteLost, rdsSlice, recoveryPointBounded as rdsRecoveryPointBounded } from '../model/aws/rds/index.js';
import { clientReachesEndpoint, route53Slice, SECONDARY, type Route53State } from '../model/aws/route53/index.js';
import { deletedObjectRecoverable as s3DeletedObjectRecoverable, s3Slice } from '../model/aws/s3/index.js';
import {
  messagesSettled, noDuplicateProcessing as sqsNoDuplicateProcessing, noLostMessage as sqsNoLostMessage, someMessageIs, someProcessedRequeued,
  someRedelivered, someSendRetried, sqsSlice, type SqsState,
} from '../model/aws/sqs/index.js';
import { always, needing, recovers, sometimes, type AlwaysProperty, type RecoversProperty, type SometimesProperty } from '../model/core/property.js';
import { recoveryBound } from './bound.js';

// ---- SQS ----------------------------------------------------------------------------------

/**
 * `NoLostMessage` (INV-SQS-1, -5, -6): every message sent to the queue is processed, still in
 * the queue (delayed, visible or in flight), held by a worker that will still process it, or
 * in the dead-letter queue. It fails when a message is deleted before it was processed (delete
 * on receive, then a crash) or when the retention period expires it unprocessed, in the source
 * queue or in the DLQ.
 */
export function noLostMessage(): AlwaysProperty<World> {
  return needing(['sqs'], always<World>(
    'NoLostMessage',
    (w) => sqsNoLostMessage(sqsSlice(w)),
    'every sent message is processed, still queued or in flight, held by a worker, or in the dead-letter queue',
  ));
}

/**
 * `NoDuplicateProcessing` (INV-SQS-2, -7): no message was processed twice. SQS delivers at
 * least once: a message whose visibility timeout ends before it is deleted (a crash between
 * processing and DeleteMessage, or processing longer than the timeout) is received and
 * processed again, and a standard queue may deliver a copy again even after a delete, with no
 * fault at all (AWS, "Amazon SQS at-least-once delivery"). So on a standard queue this always
 * fails, and the design must make processing idempotent. It can hold on a FIFO queue whose
 * producer retries only within the 5-minute deduplication interval, whose processing ends
 * before the visibility timeout and whose workers do not crash before deleting.
 */
export function noDuplicateProcessing(): AlwaysProperty<World> {
  return needing(['sqs'], always<World>(
    'NoDuplicateProcessing',
    (w) => sqsNoDuplicateProcessing(sqsSlice(w)),
    'no message is processed twice (fails under at-least-once delivery unless processing is idempotent)',
  ));
}

/**
 * `NoEndlessRedelivery` (INV-SQS-4): once faults stop, every sent message ends processed or
 * dead-lettered within `within` steps of the workers' loop (ticks and restarts). A poison
 * message (processing always fails) without a dead-letter queue is redelivered after every
 * visibility timeout until its retention expires; a redrive policy (maxReceiveCount) moves it
 * to the DLQ instead. Choose `within` from the timing: about maxReceiveCount visibility
 * timeouts (in ticks), plus the first receive.
 */
export function noEndlessRedelivery(opts: { readonly within: number } | { readonly withinSeconds: number }): RecoversProperty<World> {
  const b = recoveryBound('within' in opts ? opts.within : { withinSeconds: opts.withinSeconds });
  return needing(['sqs'], recovers<World>('NoEndlessRedelivery', (w) => messagesSettled(sqsSlice(w)), {
    ...b.opts,
    description: `once faults stop, every sent message ends processed or in the dead-letter queue within ${b.text}`,
  }));
}

/** Some worker holds message `m` (busy processing it, or done and about to delete it). */
function heldByAnyWorker(s: SqsState, m: number): boolean {
  const ws = s.workers;
  for (let w = 0; w < ws.length; w++) if ((ws[w].status === 'busy' || ws[w].status === 'done') && ws[w].message === m) return true;
  return false;
}

/**
 * `ReachedWorkerCrashMidMessage`: a consumer crashed (a WorkerCrash, or its zone's outage)
 * while it held a message: the message is in flight, or deleted unprocessed, and no worker
 * holds it any more.
 */
export function reachedWorkerCrashMidMessage(): SometimesProperty<World> {
  return needing(['sqs'], sometimes<World>(
    'ReachedWorkerCrashMidMessage',
    (w) => {
      const s = sqsSlice(w);
      let down = false;
      for (const y of s.workers) if (y.status === 'down') down = true;
      if (!down) return false;
      for (let m = 0; m < s.messages.length; m++) {
        const x = s.messages[m];
        const dropped = x.status === 'inflight' || (x.status === 'deleted' && x.processed === 0);
        if (x.receives > 0 && dropped && !heldByAnyWorker(s, m)) return true;
      }
      return false;
    },
    'a worker crashed while it held a message (received, not yet deleted)',
  ));
}

/**
 * `ReachedVisibilityTimeoutMidProcessing`: a worker is still processing a message whose
 * visibility timeout has ended: the message is visible again, or another worker received it
 * (the first worker's receipt handle is stale). On a standard queue a copy of the message
 * delivered again while it is processed looks the same and reaches it too.
 */
export function reachedVisibilityTimeoutMidProcessing(): SometimesProperty<World> {
  return needing(['sqs'], sometimes<World>(
    'ReachedVisibilityTimeoutMidProcessing',
    (w) => {
      const s = sqsSlice(w);
      for (const y of s.workers) {
        if (y.status === 'busy' && (!y.handleValid || s.messages[y.message].status === 'visible')) return true;
      }
      return false;
    },
    "a worker is still processing a message whose visibility timeout ended (visible again, or received by another worker)",
  ));
}

/** `ReachedRedelivery`: some message was received more than once (its visibility timeout ended undeleted). */
export function reachedRedelivery(): SometimesProperty<World> {
  return needing(['sqs'], sometimes<World>('ReachedRedelivery', (w) => someRedelivered(sqsSlice(w)), 'some message was received again after its visibility timeout ended'));
}

/**
 * `ReachedDuplicateDelivery`: a message already processed is queued again (visible): a copy
 * delivered again (a standard queue's at-least-once delivery, a producer's retry) or a
 * redelivery after its worker never deleted it.
 */
export function reachedDuplicateDelivery(): SometimesProperty<World> {
  return needing(['sqs'], sometimes<World>('ReachedDuplicateDelivery', (w) => someProcessedRequeued(sqsSlice(w)), 'a message already processed is queued again'));
}

/** `ReachedProducerRetry`: a SendMessage response was lost and the producer sent the message again. */
export function reachedProducerRetry(): SometimesProperty<World> {
  return needing(['sqs'], sometimes<World>('ReachedProducerRetry', (w) => someSendRetried(sqsSlice(w)), 'a SendMessage response was lost and the producer sent the message again'));
}

/** `ReachedDeadLetter`: some message was moved to the dead-letter queue (a receive past maxReceiveCount). */
export function reachedDeadLetter(): SometimesProperty<World> {
  return needing(['sqs'], sometimes<World>('ReachedDeadLetter', (w) => someMessageIs(sqsSlice(w), 'deadLettered'), 'some message is in the dead-letter queue'));
}

/** `ReachedMessageExpired`: the retention period deleted some message (in the source queue or the DLQ). */
export function reachedMessageExpired(): SometimesProperty<World> {
  return needing(['sqs'], sometimes<World>('ReachedMessageExpired', (w) => someMessageIs(sqsSlice(w), 'expired'), 'the retention period deleted some message'));
}

/** `ReachedAllWorkersDown`: every consumer is down at once (the outage a retention period must outlast). */
export function reachedAllWorkersDown(): SometimesProperty<World> {
  return needing(['sqs'], sometimes<World>(
    'ReachedAllWorkersDown',
    (w) => {
      for (const y of sqsSlice(w).workers) if (y.status !== 'down') return false;
      return true;
    },
    'every worker is down at the same time',
  ));
}

// ---- Availability Zones --------------------------------------------------------------------

export { reachedAzOutage } from './fleet.js';

// ---- RDS ----------------------------------------------------------------------------------

/**
 * `NoAckedWriteLost` (INV-RDS-1, -2): every write the database acknowledged is on the
 * instance its endpoint points to, through failover, read-replica promotion and restore. A
 * Multi-AZ instance acknowledges only writes its synchronous standby holds, so failing over
 * keeps them; promoting an asynchronous read replica loses its lag; a point-in-time restore
 * loses what came after the latest restorable time.
 */
export function noAckedWriteLost(): AlwaysProperty<World> {
  return needing(['rds'], always<World>(
    'NoAckedWriteLost',
    (w) => rdsNoAckedWriteLost(rdsSlice(w)),
    'every acknowledged write is on the instance the endpoint points to (after failover, promotion or restore)',
  ));
}

/**
 * `RecoveryPointBounded` (INV-RDS-1, -5): whatever acknowledged writes a recovery lost, the
 * loss is within the restore granularity: point-in-time restore from transaction logs shipped
 * every 5 minutes. Restoring a manual snapshot (no automated backups: retention 0) or promoting
 * a replica with an unbounded lag loses more.
 */
export function recoveryPointBounded(): AlwaysProperty<World> {
  return needing(['rds'], always<World>(
    'RecoveryPointBounded',
    (w) => rdsRecoveryPointBounded(rdsSlice(w)),
    'any loss of acknowledged writes is within the restore granularity (the transaction-log shipping interval)',
  ));
}

/** `ReachedPrimaryFailure`: the instance behind the database endpoint failed (instance failure or its zone's outage). */
export function reachedPrimaryFailure(): SometimesProperty<World> {
  return needing(['rds'], sometimes<World>('ReachedPrimaryFailure', (w) => rdsSlice(w).phase !== 'available', 'the instance behind the database endpoint failed'));
}

// ---- S3 -----------------------------------------------------------------------------------

/**
 * `DeletedObjectRecoverable` (INV-S3-1, -2): after an application deletes or overwrites an
 * object by mistake, its last good version can still be retrieved (as the current object, or
 * by version ID under a delete marker or a newer version). True with versioning enabled; an
 * unversioned (or suspended) bucket replaces or removes the only (null) version.
 */
export function deletedObjectRecoverable(): AlwaysProperty<World> {
  return needing(['s3'], always<World>(
    'DeletedObjectRecoverable',
    (w) => s3DeletedObjectRecoverable(s3Slice(w)),
    "every object's last good version can still be retrieved after an accidental delete or overwrite",
  ));
}

/** `ReachedAccidentalDelete`: a written object is deleted (a 404, or a delete marker on top). */
export function reachedAccidentalDelete(): SometimesProperty<World> {
  return needing(['s3'], sometimes<World>(
    'ReachedAccidentalDelete',
    (w) => {
      for (const o of s3Slice(w).objects) if (o.writes > 0 && o.versions[0].kind !== 'data') return true;
      return false;
    },
    'an object the application wrote is deleted',
  ));
}

/** `ReachedAccidentalOverwrite`: an object's current version is what an accidental overwrite wrote. */
export function reachedAccidentalOverwrite(): SometimesProperty<World> {
  return needing(['s3'], sometimes<World>(
    'ReachedAccidentalOverwrite',
    (w) => {
      for (const o of s3Slice(w).objects) if (o.versions[0].kind === 'data' && o.versions[0].content === 0) return true;
      return false;
    },
    "an object's current version is an accidental overwrite",
  ));
}

// ---- Route 53 -----------------------------------------------------------------------------

/** The client's cached answer reaches a live endpoint, or no endpoint is reachable at all. */
function clientServed(s: Route53State): boolean {
  return clientReachesEndpoint(s) || (!s.endpoints[0].reachable && !s.endpoints[1].reachable);
}

/**
 * `DnsFailsOver` (INV-R53-1, -2): once faults stop, a client whose endpoint failed is answered
 * with a reachable endpoint within `within` steps. With a health check on the primary record,
 * Route 53 marks it unhealthy after failureThreshold x RequestInterval and answers with the
 * secondary; the client moves when its cached answer's TTL ends. So `within` is the detection
 * time plus the TTL in ticks (`failoverBoundTicks` of the route53 options), plus any other
 * control steps (restarts, replacements) the composition takes before each Tick. Without a
 * health check the primary counts as healthy for ever and the client never moves.
 */
export function dnsFailsOver(opts: { readonly within: number } | { readonly withinSeconds: number }): RecoversProperty<World> {
  const b = recoveryBound('within' in opts ? opts.within : { withinSeconds: opts.withinSeconds });
  return needing(['route53'], recovers<World>('DnsFailsOver', (w) => clientServed(route53Slice(w)), {
    ...b.opts,
    description: `once faults stop, the client resolves to a reachable endpoint within ${b.text} (detection + TTL)`,
  }));
}

/** `ReachedEndpointFailure`: some DNS endpoint (the primary or the secondary Region) is unreachable for users. */
export function reachedEndpointFailure(): SometimesProperty<World> {
  return needing(['route53'], sometimes<World>(
    'ReachedEndpointFailure',
    (w) => {
      const s = route53Slice(w);
      return !s.endpoints[0].reachable || !s.endpoints[1].reachable;
    },
    'some endpoint is unreachable for users',
  ));
}

/** `ReachedDnsFailover`: the client's cached answer is the secondary endpoint (traffic moved). */
export function reachedDnsFailover(): SometimesProperty<World> {
  return needing(['route53'], sometimes<World>('ReachedDnsFailover', (w) => route53Slice(w).target === SECONDARY, "the client's resolver answers with the secondary endpoint"));
}
