/**
 * The availability modes of the RDS scenarios (`faultline availability`, issue 18): the same
 * database with faults that recur and are repaired, timed by rates, measuring whether it
 * accepts writes.
 *
 * - Multi-AZ (`rds-multi-az-failover`): a zone's outage or the primary's instance failure fails
 *   over to the synchronous standby; RDS replaces the standby in the old zone once it is up.
 * - Single-AZ with PITR (`rds-single-az-pitr:backups`): an instance failure is recovered on its
 *   storage after `recoverySeconds` (600 s, the model's default); a zone's outage leaves the
 *   database down until the zone returns or the operators' runbook restores it to a point in
 *   time in another zone (`RestoreToPointInTime`, an op marked as recovery).
 *
 * Faults: `AzOutage` (one zone down at a time) repaired by `AzRecover`, `DbInstanceFailure`
 * repaired by the failover or the recovery; both at the defaults of
 * engine/availability/rates.ts (assumptions: AWS publishes no rate for either).
 *
 * The rds component counts its instance failures against a budget and restores at most once
 * (the checker's bounded runs); here both recur, so `recurring` wraps it: the failure count
 * stays 0, and a restored instance becomes the primary (the runbook has moved the application
 * to its endpoint, INV-RDS-6), so the next outage can be restored from again. The client's
 * writes are acknowledged and shipped from the start: what a restore loses is the business of
 * NoAckedWriteLost and RecoveryPointBounded, not of this measure, and a write that is lost for
 * good would split the chain into classes that never meet.
 */
import { az } from '../../model/aws/az/index.js';
import { dbAvailable, rdsSlice, rds, type RdsNode, type RdsOptions, type RdsState, type RdsSubscribed } from '../../model/aws/rds/index.js';
import { compose } from '../../model/compose/compose.js';
import type { Component, World } from '../../model/compose/component.js';
import { always, needing, type AlwaysProperty } from '../../model/core/property.js';
import type { Rate } from '../../engine/availability/rate.js';

/**
 * `DbAcceptsWrites` (always): the database accepts writes now: its endpoint's instance is up,
 * in an up zone, and not failing over (rds's `available`). Measured, not checked: every design
 * fails it at some point, the question is how often and for how long.
 */
export function dbAcceptsWrites(): AlwaysProperty<World> {
  return needing(['rds'], always<World>('DbAcceptsWrites', (w) => dbAvailable(rdsSlice(w), w), 'the database endpoint accepts writes'));
}

type RdsComponent = Component<RdsState, RdsSubscribed, 'rds'>;

const NO_NODE: RdsNode = { state: 'none', az: 0, applied: 0 };

/** Every write acknowledged, held by every node there is, and shipped to the backups. */
function written(s: RdsState): RdsState {
  const n = s.writes.length;
  const holds = (x: RdsNode): RdsNode => (x.state === 'none' ? x : { state: x.state, az: x.az, applied: n });
  return { ...s, writes: s.writes.map(() => 'acked' as const), primary: holds(s.primary), standby: holds(s.standby), replica: holds(s.replica), shipped: n };
}

/** No failure budget spent, and a restored instance is the primary from now on. */
function settled(s: RdsState): RdsState {
  if (s.failures === 0 && s.endpoint !== 'restored') return s;
  return s.endpoint === 'restored' ? { ...s, failures: 0, primary: s.restored, restored: NO_NODE, endpoint: 'primary' } : { ...s, failures: 0 };
}

/** `db` with its faults recurring (see the module comment). */
function recurring(db: RdsComponent): RdsComponent {
  return {
    ...db,
    init: () => settled(written(db.init())),
    reduce: (s, a, world) => {
      const next = db.reduce(s, a, world);
      return next === s ? s : settled(next);
    },
    retick: db.retick && ((tickSeconds) => recurring(db.retick!(tickSeconds))),
  };
}

/** The database of `options` in two zones that fail one at a time and come back. */
function dbAvailabilityModel(options: RdsOptions) {
  return compose(
    [az({ azs: 2, maxDown: 1, recoverable: true }), recurring(rds({ ...options, writes: 1, maxInstanceFailures: 1 }))],
    { recovery: options.runbook?.includes('restore') ? ['RestoreToPointInTime'] : [], properties: [dbAcceptsWrites()] },
  );
}

/** A zone's impairment lasts 4 h on average (as the fleet scenarios' modes; an assumption). */
const ZONE_BACK: Rate = { meanHours: 4 };

/**
 * Multi-AZ as `rds-multi-az-failover` builds it: 30 s ticks, failover 60-120 s [R2]. The
 * failover may end from 60 s on (2 ticks) and must by 120 s; its end races the clock at 1 per
 * 30 s, so it takes 60 s + min(Exp(30 s), Erlang-3(30 s)) = 60 + 15 (1 + 1/2 + 1/4) = 86.25 s
 * on average (left immediate it would always end at 60 s on average, the range's best case).
 */
export const rdsMultiAzAvailability = {
  model: () => dbAvailabilityModel({ tickSeconds: 30, deployment: 'multiAz', primaryAz: 0, standbyAz: 1, logShipSeconds: 300 }),
  rates: { AzRecover: ZONE_BACK, DbFailoverComplete: { meanSeconds: 30 } } satisfies Record<string, Rate>,
};

/**
 * Single-AZ with automated backups as `rds-single-az-pitr:backups` builds it: 60 s ticks, the
 * restore runbook. The restore's mean time is the design's figure (AWS publishes none: it grows
 * with the database and the logs to replay, minutes to hours [R9a]); 1 h here, from the
 * decision to restore to the application on the new endpoint, is an assumption.
 *
 * [R9a] https://repost.aws/knowledge-center/rds-point-in-time-restore-issues
 */
export const rdsSingleAzPitrAvailability = {
  model: () => dbAvailabilityModel({ tickSeconds: 60, deployment: 'singleAz', primaryAz: 0, backupRetentionDays: 1, logShipSeconds: 300, runbook: ['restore'] }),
  rates: { AzRecover: ZONE_BACK, RestoreToPointInTime: { meanHours: 1 } } satisfies Record<string, Rate>,
};
