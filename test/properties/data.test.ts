/**
 * The data properties on hand-built worlds: each predicate on states where it must hold and
 * states where it must not, with names and kinds as the issue spells them.
 */
import { describe, expect, it } from 'vitest';
import type { World } from '../../model/compose/component.js';
import type { RdsNode, RdsState } from '../../model/aws/rds/index.js';
import type { Route53State } from '../../model/aws/route53/index.js';
import type { S3State, S3Version } from '../../model/aws/s3/index.js';
import type { MessageStatus, SqsMessage, SqsState, SqsWorker, WorkerStatus } from '../../model/aws/sqs/index.js';
import {
  deletedObjectRecoverable, dnsFailsOver, noAckedWriteLost, noDuplicateProcessing, noEndlessRedelivery, noLostMessage,
  reachedAccidentalDelete, reachedAccidentalOverwrite, reachedAllWorkersDown, reachedAzOutage, reachedDeadLetter, reachedDnsFailover,
  reachedEndpointFailure, reachedMessageExpired, reachedPrimaryFailure, reachedRedelivery, reachedVisibilityTimeoutMidProcessing,
  reachedWorkerCrashMidMessage, recoveryPointBounded,
} from '../../properties/data.js';
import type { Property } from '../../model/core/property.js';

// ---- Hand-built slices ---------------------------------------------------------------------

const msg = (status: MessageStatus, receives = 0, processed = 0): SqsMessage => ({ status, timer: 0, ttl: 0, receives, processed, copies: 0, age: 0 });
const worker = (status: WorkerStatus, message = -1, handleValid = message >= 0): SqsWorker => ({ status, message, handleValid, timer: 0 });
const IDLE = worker('idle');
const DOWN = worker('down');
const queue = (messages: SqsMessage[], workers: SqsWorker[] = [IDLE, IDLE]): World => ({ sqs: { messages, workers, crashes: 0, lostResponses: 0 } satisfies SqsState });

const node = (state: RdsNode['state'], applied: number, az = 0): RdsNode => ({ state, az, applied });
const db = (o: Partial<RdsState>): World => ({
  rds: {
    primary: node('up', 0), standby: node('none', 0), replica: node('none', 0), restored: node('none', 0), endpoint: 'primary', phase: 'available',
    timer: 0, shipTimer: 1, shipped: 0, writes: ['unsent', 'unsent'], loss: 'none', failures: 0, ...o,
  } satisfies RdsState,
});

const data = (content: number, nullId = false): S3Version => ({ kind: 'data', content, nullId });
const MARKER: S3Version = { kind: 'marker', content: 0, nullId: false };
const EMPTY: S3Version = { kind: 'empty', content: 0, nullId: false };
const bucket = (versions: S3Version[], writes: number): World => ({
  s3: { versioning: 'enabled', objects: [{ versions, writes }], accidents: 0 } satisfies S3State,
});

const endpoint = (reachable: boolean) => ({ up: reachable, reachable, healthy: true, streak: 0 });
const dns = (primaryUp: boolean, secondaryUp: boolean, target: number): World => ({
  route53: { endpoints: [endpoint(primaryUp), endpoint(secondaryUp)], probeTimer: 1, target, ttl: 1, stranded: 0, late: false, failures: 0, primary: 0 } satisfies Route53State,
});

/** The property's predicate on each world, in order. */
const on = (p: Property<World>, ...worlds: World[]) => worlds.map((w) => p.pred(w));

// ---- SQS -----------------------------------------------------------------------------------

describe('NoLostMessage', () => {
  const p = noLostMessage();
  it('is an always property named as in the issue, with an AWS description', () => {
    expect([p.kind, p.name]).toEqual(['always', 'NoLostMessage']);
    expect(p.description).toMatch(/dead-letter queue/);
  });
  it('holds while a message is queued, in flight, processed, held by a worker or dead-lettered', () => {
    expect(on(p,
      queue([msg('unsent'), msg('visible')]),
      queue([msg('inflight', 1), msg('deleted', 1, 1)]),
      queue([msg('deadLettered', 3), msg('expired', 1, 1)]),
      // Deleted on receive, but its worker is still processing it.
      queue([msg('deleted', 1), msg('unsent')], [worker('busy', 0), IDLE]),
    )).toEqual([true, true, true, true]);
  });
  it('fails when a message is deleted unprocessed with nobody holding it, or expires unprocessed', () => {
    expect(on(p, queue([msg('deleted', 1), msg('unsent')], [DOWN, IDLE]), queue([msg('visible'), msg('expired')]))).toEqual([false, false]);
  });
});

describe('NoDuplicateProcessing', () => {
  const p = noDuplicateProcessing();
  it('holds while every message is processed at most once, fails at the second time', () => {
    expect([p.kind, p.name]).toEqual(['always', 'NoDuplicateProcessing']);
    expect(on(p, queue([msg('deleted', 1, 1), msg('inflight', 2, 1)]), queue([msg('deleted', 2, 2), msg('unsent')]))).toEqual([true, false]);
  });
});

describe('NoEndlessRedelivery', () => {
  const p = noEndlessRedelivery({ within: 10 });
  it('is a bounded recovery with the given bound', () => {
    expect([p.kind, p.name, p.kind === 'recovers' && p.within]).toEqual(['recovers', 'NoEndlessRedelivery', 10]);
    expect(p.description).toContain('10 steps');
  });
  it('is restored once every sent message is processed or dead-lettered', () => {
    expect(on(p, queue([msg('unsent'), msg('deleted', 1, 1)]), queue([msg('deadLettered', 3), msg('inflight', 1, 1)]))).toEqual([true, true]);
  });
  it('is not while a sent message is still unprocessed: queued, in flight, or expired', () => {
    expect(on(p, queue([msg('visible'), msg('unsent')]), queue([msg('inflight', 2), msg('unsent')]), queue([msg('expired', 4), msg('unsent')]))).toEqual([
      false, false, false,
    ]);
  });
});

describe('SQS Reached… checks', () => {
  it('ReachedWorkerCrashMidMessage: a worker is down and a received message nobody holds is in flight or deleted unprocessed', () => {
    const p = reachedWorkerCrashMidMessage();
    expect([p.kind, p.name]).toEqual(['sometimes', 'ReachedWorkerCrashMidMessage']);
    expect(on(p,
      queue([msg('inflight', 1, 1), msg('unsent')], [DOWN, IDLE]),
      queue([msg('deleted', 1), msg('unsent')], [DOWN, IDLE]),
    )).toEqual([true, true]);
    expect(on(p,
      // Nobody is down.
      queue([msg('inflight', 1), msg('unsent')], [IDLE, IDLE]),
      // The down worker held nothing: the in-flight message is still being processed.
      queue([msg('inflight', 1), msg('unsent')], [DOWN, worker('busy', 0)]),
      queue([msg('inflight', 1, 1), msg('unsent')], [DOWN, worker('done', 0)]),
      // Deleted after processing: nothing was dropped.
      queue([msg('deleted', 1, 1), msg('unsent')], [DOWN, IDLE]),
    )).toEqual([false, false, false, false]);
  });

  it('ReachedVisibilityTimeoutMidProcessing: a busy worker whose message is visible again or whose handle is stale', () => {
    const p = reachedVisibilityTimeoutMidProcessing();
    expect(on(p,
      queue([msg('visible', 1)], [worker('busy', 0), IDLE]),
      queue([msg('inflight', 2)], [worker('busy', 0, false), worker('busy', 0)]),
      queue([msg('inflight', 1)], [worker('busy', 0), IDLE]),
      queue([msg('inflight', 2, 1)], [worker('done', 0, false), worker('busy', 0)]),
    )).toEqual([true, true, false, false]);
  });

  it('ReachedRedelivery, ReachedDeadLetter, ReachedMessageExpired, ReachedAllWorkersDown', () => {
    const w = queue([msg('inflight', 2), msg('deadLettered', 3)], [DOWN, DOWN]);
    const fresh = queue([msg('inflight', 1), msg('expired')], [DOWN, IDLE]);
    expect(on(reachedRedelivery(), w, fresh)).toEqual([true, false]);
    expect(on(reachedDeadLetter(), w, fresh)).toEqual([true, false]);
    expect(on(reachedMessageExpired(), w, fresh)).toEqual([false, true]);
    expect(on(reachedAllWorkersDown(), w, fresh)).toEqual([true, false]);
  });
});

describe('ReachedAzOutage', () => {
  it('some zone is down; a world without zones never reaches it', () => {
    const p = reachedAzOutage();
    expect(on(p, { az: { up: [true, false] } }, { az: { up: [true, true] } }, {})).toEqual([true, false, false]);
  });
});

// ---- RDS -----------------------------------------------------------------------------------

describe('NoAckedWriteLost and RecoveryPointBounded', () => {
  const lost = noAckedWriteLost();
  const bounded = recoveryPointBounded();
  it('are always properties named as in the issue', () => {
    expect([lost.kind, lost.name, bounded.kind, bounded.name]).toEqual(['always', 'NoAckedWriteLost', 'always', 'RecoveryPointBounded']);
  });
  it('hold while every acknowledged write is on the endpoint node', () => {
    const w = db({ primary: node('up', 2), writes: ['acked', 'acked'] });
    expect([lost.pred(w), bounded.pred(w)]).toEqual([true, true]);
  });
  it('a point-in-time restore losing the last write: a loss, but within the restore granularity', () => {
    const w = db({ endpoint: 'restored', restored: node('up', 1, 1), writes: ['acked', 'lost'], loss: 'withinGranularity' });
    expect([lost.pred(w), bounded.pred(w)]).toEqual([false, true]);
  });
  it('a promoted replica or a snapshot restore: a loss beyond it', () => {
    const w = db({ endpoint: 'replica', replica: node('up', 0, 1), writes: ['lost', 'unsent'], loss: 'beyondGranularity' });
    expect([lost.pred(w), bounded.pred(w)]).toEqual([false, false]);
  });
  it('ReachedPrimaryFailure: the database is failing over or down', () => {
    const p = reachedPrimaryFailure();
    expect(on(p, db({ phase: 'failingOver' }), db({ phase: 'down' }), db({ phase: 'available', standby: node('failed', 0, 1) }))).toEqual([true, true, false]);
  });
});

// ---- S3 ------------------------------------------------------------------------------------

describe('DeletedObjectRecoverable', () => {
  const p = deletedObjectRecoverable();
  it('holds while the last good version is current or kept under a marker or a newer version', () => {
    expect([p.kind, p.name]).toEqual(['always', 'DeletedObjectRecoverable']);
    expect(on(p, bucket([data(2), data(1), EMPTY], 2), bucket([MARKER, data(2), data(1)], 2), bucket([data(0), data(2), EMPTY], 2), bucket([EMPTY, EMPTY, EMPTY], 0))).toEqual([
      true, true, true, true,
    ]);
  });
  it('fails once only older writes, an overwrite, or nothing is left', () => {
    expect(on(p, bucket([MARKER, data(1), EMPTY], 2), bucket([data(0, true), EMPTY, EMPTY], 2), bucket([EMPTY, EMPTY, EMPTY], 1))).toEqual([false, false, false]);
  });
  it('ReachedAccidentalDelete and ReachedAccidentalOverwrite', () => {
    const deleted = bucket([MARKER, data(1), EMPTY], 1);
    const gone = bucket([EMPTY, EMPTY, EMPTY], 1);
    const overwritten = bucket([data(0, true), EMPTY, EMPTY], 1);
    const never = bucket([EMPTY, EMPTY, EMPTY], 0);
    expect(on(reachedAccidentalDelete(), deleted, gone, overwritten, never)).toEqual([true, true, false, false]);
    expect(on(reachedAccidentalOverwrite(), deleted, gone, overwritten, never)).toEqual([false, false, true, false]);
  });
});

// ---- Route 53 ------------------------------------------------------------------------------

describe('DnsFailsOver', () => {
  const p = dnsFailsOver({ within: 15 });
  it('is a bounded recovery with the given bound', () => {
    expect([p.kind, p.name, p.kind === 'recovers' && p.within]).toEqual(['recovers', 'DnsFailsOver', 15]);
  });
  it('is restored when the client resolves to a reachable endpoint, or none is reachable', () => {
    expect(on(p, dns(true, true, 0), dns(false, true, 1), dns(false, false, 0))).toEqual([true, true, true]);
  });
  it('is not while the client is on an unreachable endpoint and the other is reachable', () => {
    expect(on(p, dns(false, true, 0), dns(true, false, 1))).toEqual([false, false]);
  });
  it('ReachedEndpointFailure and ReachedDnsFailover', () => {
    expect(on(reachedEndpointFailure(), dns(false, true, 0), dns(true, false, 0), dns(true, true, 1))).toEqual([true, true, false]);
    expect(on(reachedDnsFailover(), dns(false, true, 1), dns(false, true, 0))).toEqual([true, false]);
  });
});
