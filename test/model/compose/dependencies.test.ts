/**
 * Issue 12: `compose({ dependsOn })` and deep health checks (model/compose/dependencies.ts),
 * and Route 53 alias records that watch the composition's load balancer.
 */
import { describe, expect, it } from 'vitest';
import { asg, asgMarkUnhealthy } from '../../../model/aws/asg/index.js';
import { az, azOutage } from '../../../model/aws/az/index.js';
import { ec2, isHealthy } from '../../../model/aws/ec2/index.js';
import { elb, elbHealthy, targetHealthCheck, targetState } from '../../../model/aws/elb/index.js';
import { dbAvailable, dbInstanceFailure, rds, rdsSlice } from '../../../model/aws/rds/index.js';
import { dnsAnswer, route53, route53Slice, PRIMARY, SECONDARY } from '../../../model/aws/route53/index.js';
import { sqs } from '../../../model/aws/sqs/index.js';
import { compose, tick } from '../../../model/compose/compose.js';
import type { Action } from '../../../model/core/model.js';
import { dependencyCascadeModel } from '../../../scenarios/fleet/dependency-cascade.js';
import { enabledLabels, isEnabled, run, settle } from '../support.js';

const T = tick();

describe('a deep health check on a dependency', () => {
  it('fails every target while the database fails over, and the ELB-checked group marks healthy instances (the storm, step by step)', () => {
    const m = dependencyCascadeModel('deep');
    const failed = run(m, [dbInstanceFailure(), targetHealthCheck(0), T, targetHealthCheck(0)]);
    expect(dbAvailable(rdsSlice(failed), failed)).toBe(false);
    expect(targetState(failed, 0)).toBe('unhealthy');
    // The instance itself is fine: only the page that queries the database fails.
    expect(isHealthy(failed, 0)).toBe(true);
    expect(isEnabled(m, failed, asgMarkUnhealthy(0))).toBe(true);
    // Marked unhealthy is sticky: the group replaces the member even once the database is back.
    const marked = run(m, [asgMarkUnhealthy(0)], failed);
    const { state, steps } = settle(m, marked, 200);
    expect(dbAvailable(rdsSlice(state), state)).toBe(true);
    expect(steps).toContain('AsgTerminate(0)');
  });

  it('a shallow check keeps every target healthy through the same failover', () => {
    const m = dependencyCascadeModel('shallow');
    const s = run(m, [dbInstanceFailure()]);
    expect(dbAvailable(rdsSlice(s), s)).toBe(false);
    // Through the whole failover, AWS's loops acting promptly: no target turns unhealthy, no member is marked.
    const { state, steps } = settle(m, s, 200, (x) => expect([targetState(x, 0), targetState(x, 1)]).toEqual(['healthy', 'healthy']));
    expect(steps).toEqual(['Tick', 'Tick', 'Tick', 'Tick', 'DbFailoverComplete', 'DbStandbyReplace']);
    expect(steps.filter((l) => l.startsWith('AsgMarkUnhealthy'))).toEqual([]);
    expect(dbAvailable(rdsSlice(state), state)).toBe(true);
  });

  it('follows named instances: the deep check of webLb reads the database web depends on, through the group', () => {
    const m = compose([
      az({ azs: 2, maxDown: 0 }),
      ec2({ name: 'webEc2', slots: 3, azs: 2, tickSeconds: 30, initial: [0, 1], autoScaling: true, autoRecovery: false, faults: [] }),
      asg({ name: 'web', uses: { ec2: 'webEc2', elb: 'webLb' }, azs: 2, tickSeconds: 30, min: 2, healthCheckType: 'ELB', elbHealthy, gracePeriodSeconds: 0 }),
      elb({ name: 'webLb', uses: { ec2: 'webEc2' }, slots: 3, azs: 2, tickSeconds: 30, registered: [0, 1], attachedToAsg: true, faults: [], healthCheck: 'deep' }),
      rds({ name: 'db', tickSeconds: 30, deployment: 'multiAz', writes: 1, backupRetentionDays: 0 }),
    ], { maxFaults: 1, dependsOn: { web: ['db'] } });
    const s = run(m, [
      { ...dbInstanceFailure(), type: 'db.DbInstanceFailure' } as Action,
      { ...targetHealthCheck(0), type: 'webLb.TargetHealthCheck' } as Action, T,
      { ...targetHealthCheck(0), type: 'webLb.TargetHealthCheck' } as Action,
    ]);
    expect(enabledLabels(m, s)).toContain('web.AsgMarkUnhealthy(0)');
  });
});

describe('dependsOn: one-line errors, never a silent no-op', () => {
  const zones = () => az({ azs: 2, maxDown: 0 });
  const hosts = () => ec2({ slots: 2, azs: 2, initial: [0, 1], tickSeconds: 30, faults: [] });
  const lb = (healthCheck: 'deep' | 'shallow') => elb({ slots: 2, azs: 2, tickSeconds: 30, registered: [0, 1], faults: [], healthCheck });
  const db = () => rds({ tickSeconds: 30, writes: 1, backupRetentionDays: 0 });

  it.each([
    ['a deep check with nothing to depend on', () => compose([zones(), hosts(), lb('deep'), db()]), /compose: elb's deep health check needs what the application depends on: compose\(\.\.\., \{ dependsOn: \{ ec2: \['rds', \.\.\.\] \} \}\)/],
    ['dependsOn that nothing acts on (a shallow check)', () => compose([zones(), hosts(), lb('shallow'), db()], { dependsOn: { ec2: ['rds'] } }), /compose: dependsOn.ec2 has no effect/],
    ['a tier that is not in the composition', () => compose([zones(), hosts(), lb('deep'), db()], { dependsOn: { web: ['rds'] } }), /compose: dependsOn names "web", which is not in this composition/],
    ['a dependency that is not in the composition', () => compose([zones(), hosts(), lb('deep'), db()], { dependsOn: { ec2: ['database'] } }), /compose: dependsOn.ec2 names "database", which is not in this composition/],
    ['a dependency with no availability', () => compose([zones(), hosts(), lb('deep'), db()], { dependsOn: { ec2: ['az'] } }), /compose: dependsOn.ec2 names az, and a az has no availability to depend on \(those that do: elb, rds\)/],
    ['an empty list', () => compose([zones(), hosts(), lb('deep'), db()], { dependsOn: { ec2: [] } }), /compose: dependsOn.ec2 must be a non-empty list/],
    ['a list that is a string', () => compose([zones(), hosts(), lb('deep'), db()], { dependsOn: { ec2: 'rds' as never } }), /compose: dependsOn.ec2 must be a non-empty list/],
    ['a tier depending on itself', () => compose([zones(), hosts(), lb('deep'), db()], { dependsOn: { ec2: ['ec2'] } }), /compose: dependsOn.ec2 names ec2 itself/],
    ['a misspelt healthCheck', () => elb({ healthCheck: 'deeep' as never }), /elb: healthCheck must be 'shallow' or 'deep', got "deeep"/],
  ])('%s', (_, build, message) => {
    expect(build).toThrow(message);
  });

  it('a queue can be depended on (SQS has no outage in one Region)', () => {
    expect(() => compose([zones(), hosts(), lb('deep'), db(), sqs()], { dependsOn: { ec2: ['rds', 'sqs'] } })).not.toThrow();
  });
});

describe('Route 53 alias to the composition load balancer (Evaluate Target Health)', () => {
  const model = () => compose([
    az({ azs: 2, maxDown: 2, recoverable: false }),
    ec2({ slots: 2, azs: 2, initial: [0, 1], tickSeconds: 30, faults: [] }),
    elb({ slots: 2, azs: 2, tickSeconds: 30, registered: [0, 1], faults: [] }),
    route53({ tickSeconds: 30, primaryTarget: 'elb', maxEndpointFailures: 1 }),
  ], { maxFaults: 2 });

  it('has no fault of its own on the primary: it fails through the load balancer', () => {
    const m = model();
    const labels = enabledLabels(m, m.init()[0]);
    expect(labels).toContain('DnsEndpointDown(1)');
    expect(labels).not.toContain('DnsEndpointDown(0)');
  });

  it('answers with the secondary once the load balancer has no healthy target, at the next tick; and the primary again when it has', () => {
    const m = model();
    const down = run(m, [azOutage(0), azOutage(1)]);
    expect(dnsAnswer(route53Slice(down))).toBe(PRIMARY); // Route 53 has not looked yet
    const seen = run(m, [T], down);
    expect(route53Slice(seen).endpoints[PRIMARY]).toMatchObject({ up: false, reachable: false, healthy: false });
    expect(dnsAnswer(route53Slice(seen))).toBe(SECONDARY);
  });

  it('one zone down leaves the alias healthy: the load balancer still has a healthy target there', () => {
    const m = model();
    const s = run(m, [azOutage(0), T]);
    expect(route53Slice(s).endpoints[PRIMARY]).toMatchObject({ up: true, healthy: true });
    expect(dnsAnswer(route53Slice(s))).toBe(PRIMARY);
  });

  it('is refused in one line on a misspelt target, and names the missing load balancer', () => {
    expect(() => route53({ primaryTarget: 'alb' as never })).toThrow(/route53: primaryTarget must be 'endpoint' or 'elb', got "alb"/);
    const lonely = compose([route53({ primaryTarget: 'elb' })]);
    expect(() => lonely.next(lonely.init()[0], T)).toThrow(/route53 reads the elb component on Tick, which this composition lacks/);
  });
});
