/**
 * `recoveryTimeWithin(seconds)` without its Regions (issue 15): compose finds them, the Region
 * of the rds instance (the primary endpoint's) and of the rdsReplica (the standby's), from
 * their `uses.region`, so a design does not name them twice. The property it builds is the
 * one the explicit `['west', 'east']` builds: same reads, same verdicts, same figures.
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { controlPlane } from '../../model/aws/control-plane/index.js';
import { rds } from '../../model/aws/rds/index.js';
import { rdsReplica } from '../../model/aws/rds-replica/index.js';
import { region } from '../../model/aws/region/index.js';
import { route53 } from '../../model/aws/route53/index.js';
import type { World } from '../../model/compose/component.js';
import { compose } from '../../model/compose/compose.js';
import type { Action, Model } from '../../model/core/model.js';
import type { RecoversProperty } from '../../model/core/property.js';
import { recoveryTimeWithin } from '../../properties/dr.js';

/** The pilot light (scenarios/dr/pilot-light.ts, health-checked, TTL 60 s) with the RTO property `rto`; `west`/`east` renamed to show the names are found, not assumed. */
function pilot(rto: RecoversProperty<World>, regions = true) {
  const r = (n: string): Record<string, string> => (regions ? { region: n } : {});
  return compose([
    ...(regions ? [region({ name: 'primaryRegion', recoverable: false }), region({ name: 'standbyRegion', maxOutages: 0 })] : []),
    controlPlane({ name: 'westCp', faults: [], uses: r('primaryRegion') }),
    controlPlane({ name: 'eastCp', faults: [], uses: r('standbyRegion') }),
    rds({ name: 'db', tickSeconds: 60, deployment: 'singleAz', writes: 1, maxInstanceFailures: regions ? 0 : 1, azFaults: false, uses: { ...r('primaryRegion'), controlPlane: 'westCp' } }),
    rdsReplica({ name: 'dbEast', tickSeconds: 60, source: 'db', ...(regions ? { sourceRegion: 'primaryRegion' } : {}), writes: 1, lagSeconds: 300, runbook: ['promote'], uses: { ...r('standbyRegion'), controlPlane: 'eastCp' } }),
    route53({
      tickSeconds: 60, requestIntervalSeconds: 30, failureThreshold: 3, ttlSeconds: 60, primaryHealthCheck: true, maxEndpointFailures: 0,
      ...(regions ? { endpointRegions: ['primaryRegion', 'standbyRegion'] } : {}), uses: { controlPlane: 'westCp' },
    }),
  ], { maxFaults: 1, recovery: ['dbEast.PromoteCrossRegionReplica'], properties: [rto] }) as unknown as Model<World, Action>;
}
const rtoOf = (m: Model<World, Action>) => m.properties.find((p) => p.name === 'RecoveryTimeWithin') as RecoversProperty<World>;
const after = (m: Model<World, Action>, label: string) => m.next(m.init()[0], m.actions(m.init()[0]).find((a) => m.format!(a) === label)!);

describe('recoveryTimeWithin finds the Regions of the database and its replica', () => {
  it('reads the Regions the composition gives db and dbEast, as the explicit list does', () => {
    const found = pilot(recoveryTimeWithin(180));
    const given = pilot(recoveryTimeWithin(180, ['primaryRegion', 'standbyRegion']));
    expect(rtoOf(found).needs).toEqual(rtoOf(given).needs);
    expect(rtoOf(found).needs).toEqual(['route53', 'rds', 'rdsReplica', 'primaryRegion', 'standbyRegion']);
    // Right after the outage, before Route 53's next tick, clients are not served: the primary Region is read.
    const down = after(found, 'primaryRegion.RegionOutage');
    expect([rtoOf(found).pred(found.init()[0]), rtoOf(found).pred(down)]).toEqual([true, false]);
  });

  it('the same verdicts, state counts and worst RTO as with the Regions named, at the figure and one tick below', () => {
    for (const seconds of [180, 120]) {
      const [a, b] = [recoveryTimeWithin(seconds), recoveryTimeWithin(seconds, ['primaryRegion', 'standbyRegion'])].map((p) => exploreExhaustive(pilot(p), { promptControl: true }));
      expect(a.stats.distinctStates).toBe(b.stats.distinctStates);
      const figure = (r: typeof a) => r.properties.map((p) => [p.name, p.verdict, p.worst?.value]);
      expect(figure(a)).toEqual(figure(b));
      expect(figure(a)).toEqual([['RecoveryTimeWithin', seconds === 180 ? 'holds' : 'fails', 180]]);
    }
  });

  it('a composition without Regions: none is read, the property still builds', () => {
    const m = pilot(recoveryTimeWithin(180), false);
    expect(rtoOf(m).needs).toEqual(['route53', 'rds', 'rdsReplica']);
    expect(rtoOf(m).pred(m.init()[0])).toBe(true);
  });

  it('a bad explicit list is still one line', () => {
    expect(() => recoveryTimeWithin(60, ['west'] as never)).toThrow('recoveryTimeWithin: regions must be the two Region instance names of route53\'s endpoints, primary first, got ["west"]');
  });
});
