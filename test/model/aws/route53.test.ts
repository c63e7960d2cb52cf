import { describe, expect, it } from 'vitest';
import {
  ROUTE53_RECOVERY, changeRecord, clientReachesEndpoint, dnsAnswer, dnsEndpointDown, dnsEndpointIsolated, dnsEndpointUp, dnsFailsOver, dnsResolve, failoverBoundTicks,
  PRIMARY, route53, SECONDARY, type Route53Options, type Route53State,
} from '../../../model/aws/route53/index.js';
import type { World } from '../../../model/compose/component.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { compose } from '../../../model/compose/compose.js';
import * as invariants from '../../../properties/index.js';
import { always } from '../../../model/core/property.js';
import { TICK, checkContract, isEnabled, run, solo } from '../support.js';

const slice = (w: World): Route53State => w.route53 as Route53State;
/** Ten-second ticks: probes every 30 s = 3 ticks, 3 failures = 9 ticks to detect, TTL 60 s = 6 ticks. */
const model = (o: Route53Options = {}) => solo(route53(o));
const ticks = (n: number) => Array.from({ length: n }, () => TICK);

const DnsFailsOver = always<World>('DnsFailsOver', (w) => dnsFailsOver(slice(w)));
/** The verdict of DnsFailsOver, and the longest time (ticks) a client spent on an unreachable endpoint. */
const explore = (o: Route53Options) => {
  let longest = 0;
  const Longest = always<World>('Longest', (w) => ((longest = Math.max(longest, slice(w).stranded)), true));
  const r = exploreExhaustive(solo(route53(o), { properties: [DnsFailsOver, Longest] }), { full: true });
  expect(r.stats.complete).toBe(true);
  return { result: r.properties[0], longest };
};

describe('route53: transitions', () => {
  it('a health check flips after failureThreshold consecutive failed probes (threshold x interval)', () => {
    const m = model();
    const s = run(m, [dnsEndpointDown(PRIMARY), ...ticks(8)]);
    expect(slice(s).endpoints[PRIMARY]).toEqual({ up: false, reachable: false, healthy: true, streak: 2 });
    expect(dnsAnswer(slice(s))).toBe(PRIMARY);
    const detected = run(m, [TICK], s);
    expect(slice(detected).endpoints[PRIMARY]).toMatchObject({ healthy: false, streak: 0 });
    expect(dnsAnswer(slice(detected))).toBe(SECONDARY);
  });

  it('the client moves when its cached answer expires, and the stranded clock stops', () => {
    const m = model();
    const s = run(m, [dnsEndpointDown(PRIMARY), ...ticks(11)]);
    expect(slice(s)).toMatchObject({ target: PRIMARY, stranded: 11, ttl: 1 });
    const moved = slice(run(m, [TICK], s));
    expect(moved).toMatchObject({ target: SECONDARY, stranded: 0, ttl: 6, late: false });
    expect(clientReachesEndpoint(moved)).toBe(true);
  });

  it('a resolver may query again before the TTL ends', () => {
    const m = model();
    expect(isEnabled(m, m.init()[0], dnsResolve())).toBe(false); // just resolved
    const s = run(m, [dnsEndpointDown(PRIMARY), ...ticks(9), dnsResolve()]);
    expect(slice(s)).toMatchObject({ target: SECONDARY, ttl: 6, stranded: 0 });
  });

  it('a repaired primary is healthy again after threshold successes, and traffic fails back', () => {
    const m = model({ maxEndpointFailures: 1 });
    const failed = run(m, [dnsEndpointDown(PRIMARY), ...ticks(12)]);
    expect(slice(failed).target).toBe(SECONDARY);
    const repaired = run(m, [dnsEndpointUp(PRIMARY), ...ticks(9)], failed);
    expect(slice(repaired).endpoints[PRIMARY].healthy).toBe(true);
    expect(dnsAnswer(slice(repaired))).toBe(PRIMARY);
    expect(slice(run(m, ticks(6), repaired)).target).toBe(PRIMARY);
  });
});

describe('route53: gotchas', () => {
  it('DnsFailsOver holds with health checks: worst case 13 ticks, within detection + TTL (15)', () => {
    expect(failoverBoundTicks()).toBe(15);
    const { result, longest } = explore({ maxEndpointFailures: 2 });
    expect(result.verdict).toBe('holds');
    expect(longest).toBe(13);
  });

  it('INV-R53-1: time to move traffic grows with the TTL and the detection time', () => {
    expect(explore({ ttlSeconds: 0 }).longest).toBe(8);
    expect(explore({ requestIntervalSeconds: 10, failureThreshold: 1 }).longest).toBe(5);
  });

  it('INV-R53-1: a client ignoring TTLs never moves', () => {
    const { result } = explore({ clientIgnoresTtl: true });
    expect(result.verdict).toBe('fails');
    expect(result.counterexample!.labels).toEqual(['DnsEndpointDown(0)', ...Array(16).fill('Tick')]);
  });

  it('INV-R53-2: without a health check on the primary there is no failover', () => {
    const m = model({ primaryHealthCheck: false });
    const s = slice(run(m, [dnsEndpointDown(PRIMARY), ...ticks(30)]));
    expect(s.endpoints[PRIMARY].healthy).toBe(true);
    expect(s.target).toBe(PRIMARY);
    expect(s.late).toBe(true);
    expect(explore({ primaryHealthCheck: false }).result.verdict).toBe('fails');
  });

  it('INV-R53-3: with every record unhealthy, Route 53 answers with the (dead) primary', () => {
    const m = model({ maxEndpointFailures: 2 });
    const s = slice(run(m, [dnsEndpointDown(SECONDARY), dnsEndpointDown(PRIMARY), ...ticks(9)]));
    expect(s.endpoints.map((e) => e.healthy)).toEqual([false, false]);
    expect(dnsAnswer(s)).toBe(PRIMARY);
  });

  it('a secondary without a health check counts as healthy, even when down', () => {
    const m = model({ maxEndpointFailures: 2, secondaryHealthCheck: false });
    const s = slice(run(m, [dnsEndpointDown(SECONDARY), dnsEndpointDown(PRIMARY), ...ticks(9)]));
    expect(dnsAnswer(s)).toBe(SECONDARY);
  });

  it('INV-R53-4: an endpoint users cannot reach but checkers can stays healthy', () => {
    const m = model({ isolationFaults: true });
    const s = slice(run(m, [dnsEndpointIsolated(PRIMARY), ...ticks(20)]));
    expect(s.endpoints[PRIMARY]).toMatchObject({ up: true, reachable: false, healthy: true });
    expect(s.target).toBe(PRIMARY);
    expect(explore({ isolationFaults: true }).result.verdict).toBe('fails');
  });
});

describe('route53: property tests over random enabled-action sequences', () => {
  const configs: [string, Route53Options][] = [
    ['default', { maxEndpointFailures: 3 }],
    ['fast checks, no TTL, isolation', { requestIntervalSeconds: 10, failureThreshold: 1, ttlSeconds: 0, isolationFaults: true, maxEndpointFailures: 4 }],
    ['unchecked secondary, client ignoring TTL', { secondaryHealthCheck: false, clientIgnoresTtl: true, maxEndpointFailures: 2 }],
  ];
  for (const [name, o] of configs) {
    it(`${name}: pure, deterministic, schema-valid, and keeps the slice's invariants`, () => {
      const c = route53(o);
      checkContract(solo(c), c, (prev, next, action) => {
        const a = slice(prev);
        const b = slice(next);
        if (a.late) expect(b.late).toBe(true);
        expect(b.failures).toBeGreaterThanOrEqual(a.failures);
        if (o.secondaryHealthCheck === false) expect(b.endpoints[SECONDARY].healthy).toBe(true);
        for (const e of b.endpoints) if (!e.up) expect(e.reachable).toBe(false);
        if (o.clientIgnoresTtl) expect(b.target).toBe(PRIMARY);
        // The stranded clock is read at ticks: after one, a running clock means an unreachable target.
        if (action.type === 'Tick' && b.stranded > 0) expect(clientReachesEndpoint(b)).toBe(false);
      }, { maxSteps: 60 });
    });
  }
});

describe('route53: record edits (recordChanges, issue 12)', () => {
  const edits: Route53Options = { recordChanges: true, primaryHealthCheck: false, secondaryHealthCheck: false };

  it('ChangeRecord makes the other endpoint the primary once users cannot reach it; clients follow at their TTL', () => {
    const m = model(edits);
    expect(isEnabled(m, m.init()[0], changeRecord(SECONDARY))).toBe(false); // the primary is fine
    const down = run(m, [dnsEndpointDown(PRIMARY)]);
    expect(isEnabled(m, down, changeRecord(SECONDARY))).toBe(true);
    expect(isEnabled(m, down, changeRecord(PRIMARY))).toBe(false);
    const edited = run(m, [changeRecord(SECONDARY)], down);
    expect(slice(edited)).toMatchObject({ primary: SECONDARY, target: PRIMARY }); // cached answer still the old one
    expect(dnsAnswer(slice(edited))).toBe(SECONDARY);
    expect(isEnabled(m, edited, changeRecord(PRIMARY))).toBe(false); // the new primary is reachable
    const moved = slice(run(m, ticks(6), edited));
    expect(moved).toMatchObject({ target: SECONDARY, stranded: 0, late: false });
  });

  it('with the edit as a recovery move, clients fail over within the edit + TTL (6 ticks): 7 steps, not 6', () => {
    const verdict = (within: number, recovery: readonly string[]) =>
      exploreExhaustive(compose([route53(edits)], { recovery, properties: [invariants.dnsFailsOver({ within })] })).properties[0].verdict;
    expect([verdict(7, ROUTE53_RECOVERY), verdict(6, ROUTE53_RECOVERY)]).toEqual(['holds', 'fails']);
    // Not a recovery move (an operator who may never act), and no health check: clients stay stranded.
    expect(verdict(50, [])).toBe('fails');
    expect(explore(edits).result.verdict).toBe('fails');
  });

  it('is off by default: no ChangeRecord, and the primary field takes no bits', () => {
    const m = model({ primaryHealthCheck: false });
    expect(isEnabled(m, run(m, [dnsEndpointDown(PRIMARY)]), changeRecord(SECONDARY))).toBe(false);
    expect(route53({}).schema.codec().words).toBe(route53({ recordChanges: false }).schema.codec().words);
    expect(slice(m.init()[0]).primary).toBe(PRIMARY);
  });
});
