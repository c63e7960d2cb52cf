/**
 * Regions (issue 15): the region component, the components that follow their Region through
 * their view (az's zones, rds, sqs, a control plane), and compose's gate with one control
 * plane per Region. Step sequences by label (`west.RegionOutage`).
 */
import { describe, expect, it } from 'vitest';
import { az, azUp } from '../../../model/aws/az/index.js';
import { controlPlane } from '../../../model/aws/control-plane/index.js';
import { ec2, isHealthy } from '../../../model/aws/ec2/index.js';
import { dbAvailable, rds, type RdsState } from '../../../model/aws/rds/index.js';
import { rdsReplica } from '../../../model/aws/rds-replica/index.js';
import { region, regionUp, regionUpByName, type RegionState } from '../../../model/aws/region/index.js';
import { sqs } from '../../../model/aws/sqs/index.js';
import { PRIMARY, route53, SECONDARY, type Route53State } from '../../../model/aws/route53/index.js';
import type { World } from '../../../model/compose/component.js';
import { compose } from '../../../model/compose/compose.js';
import type { Action, Model } from '../../../model/core/model.js';
import { exploreExhaustive } from '../../../engine/bfs.js';
import { always } from '../../../model/core/property.js';

/** The labels enabled in `s`. */
const enabled = (m: Model<World, Action>, s: World) => m.actions(s).map((a) => m.format!(a));
/** Runs `labels` from the initial state, each required to be enabled. */
function runLabels(m: Model<World, Action>, labels: readonly string[], start: World = m.init()[0]): World {
  let s = start;
  for (const l of labels) {
    const a = m.actions(s).find((x) => m.format!(x) === l);
    if (a === undefined) throw new Error(`${l} is not enabled; enabled: ${enabled(m, s).join(' ')}`);
    s = m.next(s, a);
  }
  return s;
}
const west = (w: World) => w.west as RegionState;

describe('region: faults and budget', () => {
  it('RegionOutage while up, within maxOutages; RegionRecover while down when recoverable', () => {
    const m = compose([region({ maxOutages: 2 })]) as unknown as Model<World, Action>;
    const s0 = m.init()[0];
    expect(enabled(m, s0)).toEqual(['RegionOutage']);
    const down = runLabels(m, ['RegionOutage']);
    expect(regionUp(down)).toBe(false);
    expect(enabled(m, down)).toEqual(['RegionRecover']);
    const twice = runLabels(m, ['RegionOutage', 'RegionRecover', 'RegionOutage', 'RegionRecover']);
    expect(regionUp(twice)).toBe(true);
    expect(enabled(m, twice)).toEqual([]); // the budget of two outages is spent
  });

  it('maxOutages 0 never fails; recoverable false stays down', () => {
    const never = compose([region({ maxOutages: 0 })]) as unknown as Model<World, Action>;
    expect(enabled(never, never.init()[0])).toEqual([]);
    const once = compose([region({ recoverable: false })]) as unknown as Model<World, Action>;
    expect(enabled(once, runLabels(once, ['RegionOutage']))).toEqual([]);
  });

  it('refuses a misspelt option and a budget out of range in one line', () => {
    expect(() => region({ maxOutage: 1 } as never)).toThrow(/^region: unknown option maxOutage.*maxOutages/);
    expect(() => region({ maxOutages: 5 })).toThrow('region: maxOutages must be an integer in 0..4, got 5');
    expect(() => region({ recoverable: 'no' as never })).toThrow('region: recoverable must be true or false, got "no"');
  });

  it('reads: an absent Region is up; a Region read by a name that is not one is a one-line error', () => {
    expect(regionUp({})).toBe(true);
    expect(regionUpByName({ west: { up: false, outages: 1 } }, 'west')).toBe(false);
    expect(() => regionUpByName({ west: { up: true, outages: 0 } }, 'wset')).toThrow('region "wset" is not a Region of this composition');
  });
});

describe('a Region outage takes everything regional in it, through the views', () => {
  it('all its zones: azUp is false, ec2 instances are not healthy, no zone fails on its own while it is down', () => {
    const m = compose([
      region({ recoverable: false }),
      az({ azs: 2, maxDown: 1 }),
      ec2({ slots: 2, azs: 2, initial: [0, 1], faults: [] }),
    ]) as unknown as Model<World, Action>;
    const s0 = m.init()[0];
    expect(enabled(m, s0)).toEqual(['RegionOutage', 'AzOutage(0)', 'AzOutage(1)']);
    const down = runLabels(m, ['RegionOutage']);
    expect([azUp(down, 0), azUp(down, 1)]).toEqual([false, false]);
    expect([isHealthy(down, 0), isHealthy(down, 1)]).toEqual([false, false]);
    expect(enabled(m, down)).toEqual([]);
  });

  it('rds takes no write in a down Region and is not available; the Region of the only region instance', () => {
    const m = compose([region({ name: 'west', recoverable: false }), rds({ azFaults: false, backupRetentionDays: 0, maxInstanceFailures: 0 })]) as unknown as Model<World, Action>;
    expect(enabled(m, m.init()[0])).toContain('DbWrite(0)');
    const down = runLabels(m, ['DbWrite(0)', 'west.RegionOutage']);
    expect(enabled(m, down)).not.toContain('DbWrite(1)');
    expect(dbAvailable(down.rds as RdsState, { ...down, region: down.west })).toBe(false);
  });

  it('sqs (its availability for dependsOn) follows its Region', () => {
    const q = sqs();
    const slice = q.init();
    expect(q.available!(slice, { sqs: slice })).toBe(true);
    expect(q.available!(slice, { sqs: slice, region: { up: false, outages: 1 } })).toBe(false);
  });

  it('a Region that never fails adds no state and no transition: zones, instances and the database behave as without it', () => {
    const parts = () => [
      az({ azs: 2, maxDown: 1 }),
      ec2({ slots: 2, azs: 2, initial: [0, 1], faults: ['HostFailure'] }),
      rds({ deployment: 'multiAz', backupRetentionDays: 0 }),
    ] as const;
    const p = [always('True', () => true)];
    const without = exploreExhaustive(compose([...parts()], { maxFaults: 2, tickSeconds: 30, properties: p }));
    const withRegion = exploreExhaustive(compose([region({ maxOutages: 0 }), ...parts()], { maxFaults: 2, tickSeconds: 30, properties: p }));
    expect(without.stats.complete && withRegion.stats.complete).toBe(true);
    expect([withRegion.stats.distinctStates, withRegion.stats.transitions]).toEqual([without.stats.distinctStates, without.stats.transitions]);
    expect(without.stats.distinctStates).toBeGreaterThan(100);
  });
});

describe('several control planes, one per Region: each API call is gated on its originator’s', () => {
  const model = (replicaCp: 'westCp' | 'eastCp', callsPerTick?: number) => compose([
    region({ name: 'west', recoverable: false }),
    region({ name: 'east', maxOutages: 0 }),
    controlPlane({ name: 'westCp', faults: [], uses: { region: 'west' } }),
    controlPlane({ name: 'eastCp', uses: { region: 'east' }, ...(callsPerTick ? { callsPerTick } : {}) }),
    rds({ name: 'db', azFaults: false, maxInstanceFailures: 0, writes: 1, tickSeconds: 60, uses: { region: 'west', controlPlane: 'westCp' } }),
    rdsReplica({ name: 'dbEast', source: 'db', sourceRegion: 'west', writes: 1, tickSeconds: 60, runbook: ['promote'], uses: { region: 'east', controlPlane: replicaCp } }),
  ], { maxFaults: 3 }) as unknown as Model<World, Action>;

  it("the standby Region's promotion goes through when the primary Region is down", () => {
    const m = model('eastCp');
    expect(enabled(m, runLabels(m, ['west.RegionOutage']))).toContain('dbEast.PromoteCrossRegionReplica');
  });

  it("an impaired standby control plane blocks the promotion, and its recovery unblocks it; the other Region's outage alone does not", () => {
    const m = model('eastCp');
    const impaired = runLabels(m, ['west.RegionOutage', 'eastCp.ControlPlaneImpaired']);
    expect(enabled(m, impaired)).not.toContain('dbEast.PromoteCrossRegionReplica');
    expect(enabled(m, runLabels(m, ['eastCp.ControlPlaneRecovered'], impaired))).toContain('dbEast.PromoteCrossRegionReplica');
  });

  it("a promotion that needs the failed Region's control plane is never enabled", () => {
    const m = model('westCp');
    const down = runLabels(m, ['west.RegionOutage']);
    expect(enabled(m, down)).not.toContain('dbEast.PromoteCrossRegionReplica');
    // Before the outage the runbook waits for the source to fail; with the control plane of a live Region it would be enabled after it.
    expect(enabled(m, runLabels(m, ['Tick'], down))).not.toContain('dbEast.PromoteCrossRegionReplica');
  });

  it('a call is counted by its own control plane only (throttling per Region)', () => {
    const m = model('eastCp', 1);
    const s = runLabels(m, ['west.RegionOutage', 'dbEast.PromoteCrossRegionReplica']);
    expect((s.eastCp as { calls: number }).calls).toBe(1);
    expect((s.westCp as { calls: number }).calls).toBe(0);
  });

  it('a component that makes API calls and names none of several control planes is refused in one line', () => {
    expect(() => compose([
      region({ name: 'west' }), region({ name: 'east' }),
      controlPlane({ name: 'westCp', uses: { region: 'west' } }), controlPlane({ name: 'eastCp', uses: { region: 'east' } }),
      rds({ name: 'db', azFaults: false, uses: { region: 'west' } }),
    ])).toThrow("compose: db makes API calls (db.PromoteReadReplica, db.RestoreToPointInTime, db.RestoreFromSnapshot, db.DbInstanceRecover, db.DbStandbyReplace) and this composition has several control planes (westCp, eastCp); name the one of its Region with rds({ uses: { controlPlane: '...' } })");
  });
});

describe("route53 failover between Regions (endpointRegions): each endpoint is up while its Region is", () => {
  const model = (options: Parameters<typeof route53>[0] = {}) => compose([
    region({ name: 'west', recoverable: false }),
    region({ name: 'east', maxOutages: 0 }),
    route53({ tickSeconds: 60, requestIntervalSeconds: 30, failureThreshold: 3, ttlSeconds: 60, maxEndpointFailures: 1, endpointRegions: ['west', 'east'], ...options }),
  ], { maxFaults: 1 }) as unknown as Model<World, Action>;
  const r53 = (w: World) => w.route53 as Route53State;

  it('has no endpoint fault of its own; the Region fault is the only one', () => {
    const m = model();
    expect(enabled(m, m.init()[0])).toEqual(['west.RegionOutage', 'Tick']);
  });

  it('sees the outage at the next Tick, fails the health check after 3 probes (one a tick), and moves the client as its TTL ends', () => {
    const m = model();
    const down = runLabels(m, ['west.RegionOutage']);
    expect(r53(down).endpoints[PRIMARY].reachable).toBe(true); // Route 53 has not looked yet
    const seen = runLabels(m, ['Tick'], down);
    expect(r53(seen).endpoints[PRIMARY]).toMatchObject({ up: false, reachable: false, healthy: true, streak: 1 });
    expect(r53(runLabels(m, ['Tick'], seen)).target).toBe(PRIMARY);
    const moved = runLabels(m, ['Tick', 'Tick'], seen);
    expect(r53(moved).endpoints[PRIMARY].healthy).toBe(false);
    expect(r53(moved).target).toBe(SECONDARY);
    expect(r53(moved).endpoints[SECONDARY]).toMatchObject({ up: true, reachable: true, healthy: true });
  });

  it('refuses endpointRegions that are not two names, in one line', () => {
    expect(() => route53({ endpointRegions: ['west'] })).toThrow('route53: endpointRegions must be two Region instance names (or null), primary first, got ["west"]');
  });
});
