/**
 * The RPO and RTO figures of backup and restore, warm standby and active/active (issue 15),
 * against hand-computed ones: each design checked at the figure (it holds) and one tick below
 * (it fails), and the anti-pattern's counterexamples step by step. dr-verdicts.test.ts pins the
 * bundled scenarios' verdicts and state counts.
 */
import { describe, expect, it } from 'vitest';
import { exploreExhaustive } from '../../engine/bfs.js';
import { checkScenario } from '../../engine/check.js';
import type { World } from '../../model/compose/component.js';
import { drBackupInFailedRegion, drBackupModel, BACKUP_TICK_SECONDS } from '../../scenarios/dr/backup-restore.js';
import { drWarmStandbyModel } from '../../scenarios/dr/warm-standby.js';
import { drActiveActive, drActiveActiveModel } from '../../scenarios/dr/active-active.js';
import type { DynamoDbState } from '../../model/aws/dynamodb/index.js';
import { replicationLagWithin } from '../../properties/dr-strategies.js';

/** The verdicts of the properties named `Recovery…` or `FullCapacity…` in an exhaustive run (prompt control, as `faultline check`). */
function verdicts(model: Parameters<typeof exploreExhaustive>[0]): Record<string, string> {
  const r = exploreExhaustive(model, { promptControl: true });
  expect(r.stats.complete).toBe(true);
  return Object.fromEntries(r.properties.filter((p) => /^(Recovery|FullCapacity)/.test(p.name)).map((p) => [p.name, p.verdict]));
}

describe('backup and restore (15-minute ticks)', () => {
  const tick = BACKUP_TICK_SECONDS;

  it('RPO: an hourly snapshot copied in 30 min loses at most interval + copy less one tick, 75 min (4 + 2 - 1 ticks); 60 min fails', () => {
    expect(verdicts(drBackupModel('east', { rpoSeconds: 5 * tick })).RecoveryPointWithin).toBe('holds');
    expect(verdicts(drBackupModel('east', { rpoSeconds: 4 * tick })).RecoveryPointWithin).toBe('fails');
  });

  it("RTO: the restore's 2 hours (8 ticks; Route 53's detection and TTL end sooner); 1 h 45 min fails", () => {
    expect(verdicts(drBackupModel('east', { rtoSeconds: 8 * tick })).RecoveryTimeWithin).toBe('holds');
    expect(verdicts(drBackupModel('east', { rtoSeconds: 7 * tick })).RecoveryTimeWithin).toBe('fails');
  });

  it('copies kept in the failed Region: no RPO or RTO holds, however generous', () => {
    expect(verdicts(drBackupModel('west', { rpoSeconds: 86_400, rtoSeconds: 86_400 }))).toEqual({ RecoveryPointWithin: 'fails', RecoveryTimeWithin: 'fails' });
  });

  it('dr:backup-in-failed-region, step by step: a write outlives its copy (kept in west); after the outage only time passes', () => {
    const [r] = checkScenario(drBackupInFailedRegion);
    const labels = (name: string) => r.properties.find((p) => p.name === name)!.counterexample!.labels;
    expect(labels('RecoveryPointWithin')).toEqual(['data.WriteData(0)', 'Tick', 'Tick', 'Tick', 'Tick', 'backup.SnapshotCopyStart', 'Tick', 'Tick']);
    expect(labels('RecoveryTimeWithin')[0]).toBe('west.RegionOutage');
    expect(labels('RecoveryTimeWithin').slice(1).every((l) => l === 'Tick')).toBe(true);
  });
});

describe('warm standby (1-minute ticks)', () => {
  it('served at reduced capacity once Route 53 moves clients: 180 s (3 probes, the TTL at the same tick); 120 s fails', () => {
    expect(verdicts(drWarmStandbyModel({ rtoSeconds: 180 })).RecoveryTimeWithin).toBe('holds');
    expect(verdicts(drWarmStandbyModel({ rtoSeconds: 120 })).RecoveryTimeWithin).toBe('fails');
  });

  it("at full capacity when the 5-minute scale-out is done: 300 s; 240 s fails", () => {
    expect(verdicts(drWarmStandbyModel({ fullSeconds: 300 })).FullCapacityWithin).toBe('holds');
    expect(verdicts(drWarmStandbyModel({ fullSeconds: 240 })).FullCapacityWithin).toBe('fails');
  });

  it("a scale-out on the failed Region's control plane never comes; the reduced-capacity service does not need it", () => {
    expect(verdicts(drWarmStandbyModel({ fullSeconds: 86_400 }, 'west'))).toEqual({ RecoveryPointWithin: 'holds', RecoveryTimeWithin: 'holds', FullCapacityWithin: 'fails' });
  });
});

describe('active/active (1-minute ticks)', () => {
  it('RTO is detection + TTL, 180 s, with no runbook; 120 s fails', () => {
    expect(verdicts(drActiveActiveModel({ rtoSeconds: 180 })).RecoveryTimeWithin).toBe('holds');
    expect(verdicts(drActiveActiveModel({ rtoSeconds: 120 })).RecoveryTimeWithin).toBe('fails');
  });

  it('the global table has no lag of its own to hide: the same verdicts with and without prompt control (DdbReplicate is sub-tick by design)', () => {
    const all = (promptControl: boolean) => Object.fromEntries(exploreExhaustive(drActiveActiveModel(), { promptControl }).properties.map((p) => [p.name, p.verdict]));
    expect(all(true)).toEqual(all(false));
  });

  it('RPO near zero, not zero: the replicas agree before a tick passes, yet a write made just before the outage is lost', () => {
    const [r] = checkScenario(drActiveActive);
    const p = (name: string) => r.properties.find((x) => x.name === name)!;
    expect(p('ReplicationLagWithin').verdict).toBe('holds');
    expect(p('RecoveryPointZero').counterexample!.labels).toEqual(['table.UpdateItem(0, 0)', 'west.RegionOutage']);
    // ReplicationLagWithin is not vacuous: two up replicas that disagree do not satisfy it.
    const model = drActiveActiveModel();
    const s = model.init()[0] as World;
    const t = s.table as DynamoDbState;
    const behind: World = { ...s, table: { ...t, regions: [{ ...t.regions[0], items: [{ ...t.regions[0].items[0], value: 1, writer: 1 }] }, t.regions[1]] } };
    const lag = replicationLagWithin(0, 'table', ['west', 'east']);
    expect([lag.pred(s), lag.pred(behind)]).toEqual([true, false]);
  });
});
