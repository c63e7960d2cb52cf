/**
 * The verdict table of the data and messaging scenarios (issue 4), written here and not read
 * from the scenarios' declarations: each scenario's every property with the verdict it must
 * get, and for each failing verdict the longest counterexample allowed. Every scenario runs
 * once per declared mode with fixed seeds; every counterexample must replay.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkScenario, type CheckResult } from '../../engine/check.js';
import type { Mode } from '../../engine/report.js';
import type { Scenario } from '../../engine/scenario.js';
import { exploreExhaustive } from '../../engine/bfs.js';
import { replay } from '../../engine/trace.js';
import { compose } from '../../model/compose/compose.js';
import { failoverBoundTicks, route53 } from '../../model/aws/route53/index.js';
import { dnsFailsOver } from '../../properties/data.js';
import { sometimes, type Verdict } from '../../model/core/property.js';
import type { World } from '../../model/compose/component.js';
import type { SqsState } from '../../model/aws/sqs/index.js';
import { dataScenarios } from '../../scenarios/data/index.js';
import { sqsFifoDedup } from '../../scenarios/data/sqs-fifo-dedup.js';
import { sqsPoisonDlq, sqsPoisonNoDlq } from '../../scenarios/data/sqs-poison-message.js';
import { sqsProducerRetryAfterInterval } from '../../scenarios/data/sqs-producer-retry.js';
import { sqsRetentionDlqLonger, sqsRetentionLongEnough } from '../../scenarios/data/sqs-retention.js';
import { sqsVisibilityTooShort } from '../../scenarios/data/sqs-visibility-too-short.js';

interface Row {
  /** Every property of the scenario, with its verdict. */
  readonly verdicts: Readonly<Record<string, Verdict>>;
  /** Per failing property: the most actions its counterexample may take. */
  readonly maxLength?: Readonly<Record<string, number>>;
}

const TABLE: Readonly<Record<string, Row>> = {
  'sqs-workers': {
    verdicts: { NoLostMessage: 'holds', NoDuplicateProcessing: 'fails', ReachedWorkerCrashMidMessage: 'reached', ReachedAzOutage: 'reached' },
    // A copy delivered again (at-least-once) needs no fault: 4 actions, where the crash path took 6.
    maxLength: { NoDuplicateProcessing: 4 },
  },
  'sqs-delete-before-process': {
    verdicts: { ReachedWorkerCrashMidMessage: 'reached', NoLostMessage: 'fails' },
    maxLength: { NoLostMessage: 3 },
  },
  'sqs-visibility-too-short': {
    verdicts: { NoDuplicateProcessing: 'fails', NoLostMessage: 'holds', ReachedVisibilityTimeoutMidProcessing: 'reached' },
    maxLength: { NoDuplicateProcessing: 8 },
  },
  'sqs-retention:expires': {
    verdicts: { NoLostMessage: 'fails', ReachedAllWorkersDown: 'reached', ReachedMessageExpired: 'reached' },
    maxLength: { NoLostMessage: 5 },
  },
  'sqs-retention:long-enough': {
    verdicts: { NoLostMessage: 'holds', ReachedAllWorkersDown: 'reached' },
  },
  'sqs-retention:dlq-longer': {
    verdicts: { NoLostMessage: 'holds', ReachedAllWorkersDown: 'reached', ReachedDeadLetter: 'reached' },
  },
  'sqs-poison-message:no-dlq': {
    verdicts: { NoEndlessRedelivery: 'fails', NoLostMessage: 'holds', ReachedRedelivery: 'reached' },
    // SendMessage, then the 10 ticks of the recovery bound.
    maxLength: { NoEndlessRedelivery: 11 },
  },
  'sqs-poison-message:dlq': {
    verdicts: { NoEndlessRedelivery: 'holds', NoLostMessage: 'holds', ReachedRedelivery: 'reached', ReachedDeadLetter: 'reached' },
  },
  'sqs-standard-duplicates': {
    verdicts: { NoDuplicateProcessing: 'fails', NoLostMessage: 'holds', ReachedDuplicateDelivery: 'reached' },
    maxLength: { NoDuplicateProcessing: 5 },
  },
  'sqs-fifo-dedup': {
    verdicts: { NoDuplicateProcessing: 'holds', NoLostMessage: 'holds', ReachedProducerRetry: 'reached' },
  },
  'sqs-producer-retry:after-interval': {
    verdicts: { NoDuplicateProcessing: 'fails', NoLostMessage: 'holds', ReachedProducerRetry: 'reached', ReachedDuplicateDelivery: 'reached' },
    // SendMessage, the 5 one-minute ticks of the interval, the retry, its delivery, a tick and the processing.
    maxLength: { NoDuplicateProcessing: 10 },
  },
  'sqs-producer-retry:new-dedup-id': {
    verdicts: { NoDuplicateProcessing: 'fails', NoLostMessage: 'holds', ReachedProducerRetry: 'reached', ReachedDuplicateDelivery: 'reached' },
    maxLength: { NoDuplicateProcessing: 7 },
  },
  'rds-multi-az-failover': {
    verdicts: { NoAckedWriteLost: 'holds', RecoveryPointBounded: 'holds', ReachedPrimaryFailure: 'reached', ReachedAzOutage: 'reached' },
  },
  'rds-read-replica-promotion': {
    verdicts: { NoAckedWriteLost: 'fails', RecoveryPointBounded: 'fails', ReachedPrimaryFailure: 'reached', ReachedAzOutage: 'reached' },
    maxLength: { NoAckedWriteLost: 3, RecoveryPointBounded: 3 },
  },
  'rds-single-az-pitr:backups': {
    verdicts: { NoAckedWriteLost: 'fails', RecoveryPointBounded: 'holds', ReachedAzOutage: 'reached', ReachedPrimaryFailure: 'reached' },
    maxLength: { NoAckedWriteLost: 3 },
  },
  'rds-single-az-pitr:no-backups': {
    verdicts: { NoAckedWriteLost: 'fails', RecoveryPointBounded: 'fails', ReachedAzOutage: 'reached', ReachedPrimaryFailure: 'reached' },
    maxLength: { NoAckedWriteLost: 3, RecoveryPointBounded: 3 },
  },
  's3-versioning:on': {
    verdicts: { DeletedObjectRecoverable: 'holds', ReachedAccidentalDelete: 'reached', ReachedAccidentalOverwrite: 'reached' },
  },
  's3-versioning:off': {
    verdicts: { DeletedObjectRecoverable: 'fails', ReachedAccidentalDelete: 'reached', ReachedAccidentalOverwrite: 'reached' },
    maxLength: { DeletedObjectRecoverable: 2 },
  },
  'route53-failover:health-checked': {
    verdicts: { DnsFailsOver: 'holds', ReachedEndpointFailure: 'reached', ReachedDnsFailover: 'reached' },
  },
  'route53-failover:no-health-check': {
    verdicts: { DnsFailsOver: 'fails', ReachedEndpointFailure: 'reached' },
    // DnsEndpointDown(0), then 16 ticks without a move: past the 150 s bound (detection 90 s +
    // TTL 60 s), since zero-time steps after the 15th tick would still be within it.
    maxLength: { DnsFailsOver: 17 },
  },
};

const SEED = 42;
/** One run per scenario and mode, shared by the tests below. */
const runs = new Map<string, CheckResult>();
const key = (name: string, mode: Mode) => `${name} ${mode}`;

beforeAll(() => {
  for (const s of dataScenarios) for (const r of checkScenario(s, { random: { seed: SEED } })) runs.set(key(s.name, r.mode), r);
});

describe('the data scenarios and the table', () => {
  it('list the issue’s scenarios in order, every one with a row', () => {
    expect(dataScenarios.map((s) => s.name)).toEqual(Object.keys(TABLE));
  });

  it('every scenario has a Reached… check, and every failing verdict a length bound', () => {
    for (const [name, row] of Object.entries(TABLE)) {
      expect(Object.keys(row.verdicts).some((p) => p.startsWith('Reached')), name).toBe(true);
      for (const [p, v] of Object.entries(row.verdicts)) if (v === 'fails') expect(row.maxLength?.[p], `${name} ${p}`).toBeGreaterThan(0);
    }
  });

  it('state every recovery bound in seconds of model time (README "Choosing a recovery bound")', () => {
    const bounds = dataScenarios.flatMap((s) => s.build().properties.filter((p) => p.kind === 'recovers').map((p) => [s.name, p.name, p.within, p.withinSeconds]));
    expect(bounds).toEqual([
      ['sqs-poison-message:no-dlq', 'NoEndlessRedelivery', undefined, 100],
      ['sqs-poison-message:dlq', 'NoEndlessRedelivery', undefined, 100],
      ['route53-failover:health-checked', 'DnsFailsOver', undefined, 150],
      ['route53-failover:no-health-check', 'DnsFailsOver', undefined, 150],
    ]);
  });
});

describe.each(dataScenarios.map((s) => [s.name, s] as const))('%s', (name: string, scenario: Scenario) => {
  const row = TABLE[name];
  const model = scenario.build();

  it.each([...scenario.modes])('%s mode: every property gets its verdict', (mode) => {
    const r = runs.get(key(name, mode as Mode))!;
    if (mode === 'exhaustive') expect(r.stats.complete).toBe(true);
    expect(Object.fromEntries(r.properties.map((p) => [p.name, p.verdict]))).toEqual(row.verdicts);
    // The declaration agrees with the table, so the CLI reports every check as expected.
    for (const p of r.properties) expect(p.met, `${p.name}: expected ${p.expected}, got ${p.verdict}`).toBe(true);
    for (const p of r.properties) if (p.name.startsWith('Reached')) expect(p.verdict, p.name).toBe('reached');
  });

  it.each([...scenario.modes])('%s mode: counterexamples are short and replay', (mode) => {
    const r = runs.get(key(name, mode as Mode))!;
    for (const p of r.properties) {
      if (p.verdict !== 'fails') continue;
      const cx = p.counterexample!;
      expect(cx.length, p.name).toBeLessThanOrEqual(row.maxLength![p.name]);
      const property = model.properties.find((q) => q.name === p.name)!;
      const replayed = replay(model, property, cx.actions.map((action) => ({ action })), { initIndex: cx.initIndex, recoveryFrom: cx.recoveryFrom });
      expect(replayed.violated, p.name).toBe(true);
    }
  });
});

describe('the counterexamples, step by step', () => {
  const labels = (name: string, mode: Mode, property: string) =>
    runs.get(key(name, mode))!.properties.find((p) => p.name === property)!.counterexample!.labels;

  it('sqs-delete-before-process: receive (which deletes), then the worker crashes', () => {
    expect(labels('sqs-delete-before-process', 'exhaustive', 'NoLostMessage')).toEqual(['SendMessage(0)', 'ReceiveMessage(0, 0)', 'WorkerCrash(0)']);
  });

  it('sqs-workers: no fault needed: a copy of the message in flight is delivered again and both copies are processed', () => {
    // Worker 0 holds message 0 when the copy comes; the tick's flush lets worker 0 finish (its delete, with a
    // handle that no longer reaches the copy, deletes nothing) and receive and process the copy.
    expect(labels('sqs-workers', 'exhaustive', 'NoDuplicateProcessing')).toEqual(['SendMessage(0)', 'ReceiveMessage(0, 0)', 'CopyDelivered(0)', 'Tick']);
  });

  it('sqs-retention:expires: both workers down, and two hours later the message is gone', () => {
    expect(labels('sqs-retention:expires', 'exhaustive', 'NoLostMessage')).toEqual(['SendMessage(0)', 'WorkerCrash(0)', 'WorkerCrash(1)', 'Tick', 'Tick']);
  });

  it('sqs-visibility-too-short: no fault; the shortest duplicate is now the queue’s own copy, processed by the second worker', () => {
    const steps = labels('sqs-visibility-too-short', 'exhaustive', 'NoDuplicateProcessing');
    expect(steps.filter((l) => l.startsWith('WorkerCrash'))).toEqual([]);
    expect(steps).toEqual(['SendMessage(0)', 'ReceiveMessage(0, 0)', 'CopyDelivered(0)', 'Tick', 'Tick', 'Tick', 'Tick', 'Tick']);
  });

  it('sqs-standard-duplicates: no fault at all; a copy of the message worker 0 is processing goes to worker 1', () => {
    const steps = labels('sqs-standard-duplicates', 'exhaustive', 'NoDuplicateProcessing');
    expect(steps).toEqual(['SendMessage(0)', 'ReceiveMessage(0, 0)', 'CopyDelivered(0)', 'Tick', 'Tick']);
    expect(runs.get(key('sqs-standard-duplicates', 'exhaustive'))!.stats.complete).toBe(true);
  });

  it('sqs-producer-retry: the retry five minutes after the first send is a new message; a new ID per attempt, at once', () => {
    expect(labels('sqs-producer-retry:after-interval', 'exhaustive', 'NoDuplicateProcessing')).toEqual([
      'SendMessage(0)', ...Array<string>(5).fill('Tick'), 'SendResponseLost(0)', 'CopyDelivered(0)', 'Tick', 'ProcessMessage(0)',
    ]);
    expect(labels('sqs-producer-retry:new-dedup-id', 'exhaustive', 'NoDuplicateProcessing')).toEqual([
      'SendMessage(0)', 'SendResponseLost(0)', 'Tick', 'Tick', 'CopyDelivered(0)', 'Tick', 'ProcessMessage(0)',
    ]);
  });

  it('rds-read-replica-promotion: an acknowledged write still in the replica lag is lost', () => {
    expect(labels('rds-read-replica-promotion', 'exhaustive', 'NoAckedWriteLost')).toEqual(['DbWrite(0)', 'AzOutage(0)', 'PromoteReadReplica']);
  });

  it('route53-failover:no-health-check: the primary fails and the client stays on it for the whole bound', () => {
    expect(labels('route53-failover:no-health-check', 'exhaustive', 'DnsFailsOver')).toEqual(['DnsEndpointDown(0)', ...Array<string>(16).fill('Tick')]);
  });
});

describe('the timing parameters behind the verdicts', () => {
  const verdict = (scenario: Scenario<any>, params: Record<string, string>, property: string) => {
    const [r] = checkScenario(scenario, { modes: ['exhaustive'], params });
    return r.properties.find((p) => p.name === property)!;
  };

  it('sqs-poison-message: the 100 s recovery bound is tight (one tick less, 90 s, is not enough even with the DLQ)', () => {
    expect(verdict(sqsPoisonDlq, {}, 'NoEndlessRedelivery').verdict).toBe('holds');
    expect(verdict(sqsPoisonDlq, { withinSeconds: '90' }, 'NoEndlessRedelivery').verdict).toBe('fails');
    expect(verdict(sqsPoisonNoDlq, { withinSeconds: '400' }, 'NoEndlessRedelivery').verdict).toBe('fails');
  });

  it('sqs-retention:long-enough: a retention equal to the outage loses the message', () => {
    expect(verdict(sqsRetentionLongEnough, { retentionHours: '3' }, 'NoLostMessage').verdict).toBe('fails');
  });

  it('sqs-retention:dlq-longer: the source must outlast the outage plus the redeliveries', () => {
    const r = verdict(sqsRetentionDlqLonger, { retentionHours: '6' }, 'NoLostMessage');
    expect(r.verdict).toBe('fails');
    // Prompt control (the default for compositions) orders the shortest path's crashes after three ticks; the length is unchanged.
    expect(r.counterexample!.labels).toEqual(['SendMessage(0)', 'Tick', 'Tick', 'Tick', 'WorkerCrash(0)', 'WorkerCrash(1)', 'Tick', 'Tick', 'Tick']);
  });

  it('sqs-retention:dlq-longer: a DLQ retention not above the age at the move expires the message on arrival', () => {
    // Three failed receives (ticks 1-3), then the move at age 3 h into a 3 h DLQ.
    const r = verdict(sqsRetentionDlqLonger, { dlqRetentionHours: '3' }, 'NoLostMessage');
    expect(r.counterexample!.labels).toEqual(['SendMessage(0)', 'Tick', 'Tick', 'Tick', 'ReceiveMessage(0, 0)']);
  });

  it('sqs-retention:dlq-longer: a finite longer DLQ retention keeps the message until that long after it was sent', () => {
    const r = verdict(sqsRetentionDlqLonger, { dlqRetentionHours: '9' }, 'NoLostMessage');
    expect(r.counterexample!.labels).toEqual(['SendMessage(0)', ...Array<string>(9).fill('Tick')]);
  });

  it('route53-failover: the worst failover takes 140 s (14 ticks), within detection + TTL (150 s)', () => {
    const options = { tickSeconds: 10, requestIntervalSeconds: 30, failureThreshold: 3, ttlSeconds: 60, primaryHealthCheck: true };
    expect(failoverBoundTicks(options)).toBe(15);
    const check = (withinSeconds: number) => exploreExhaustive(compose([route53(options)], { properties: [dnsFailsOver({ withinSeconds })] })).properties[0].verdict;
    expect([check(130), check(140), check(150)]).toEqual(['fails', 'holds', 'holds']);
  });

  it('sqs-visibility-too-short: processing within the visibility timeout removes that duplicate, not the queue’s own copies', () => {
    // The timeout ended mid-processing while the queue's own copy is still unused (copies 1): so no copy made the message visible.
    const timedOut = sometimes<World>('TimeoutMidProcessing', (w) => {
      const s = w.sqs as SqsState;
      return s.workers.some((y) => y.status === 'busy' && s.messages[y.message].copies === 1 && (!y.handleValid || s.messages[y.message].status === 'visible'));
    });
    const reached = (processingSeconds: number) =>
      exploreExhaustive({ ...sqsVisibilityTooShort.build({ processingSeconds }), properties: [timedOut] }).properties[0].verdict;
    expect([reached(40), reached(20)]).toEqual(['reached', 'unreached']);
    // At 20 s the message is still processed twice, by a delivered copy.
    const dup = verdict(sqsVisibilityTooShort, { processingSeconds: '20' }, 'NoDuplicateProcessing');
    expect(dup.verdict).toBe('fails');
    expect(dup.counterexample!.labels).toContain('CopyDelivered(0)');
  });

  it('sqs-fifo-dedup: the 5-minute deduplication interval is the bound on the producer’s retries', () => {
    expect(verdict(sqsFifoDedup, { producerRetrySeconds: '300' }, 'NoDuplicateProcessing').verdict).toBe('holds');
    expect(verdict(sqsFifoDedup, { producerRetrySeconds: '360' }, 'NoDuplicateProcessing').verdict).toBe('fails');
    expect(verdict(sqsProducerRetryAfterInterval, { producerRetrySeconds: '300' }, 'NoDuplicateProcessing').verdict).toBe('holds');
  });
});
