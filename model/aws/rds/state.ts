/**
 * The rds slice: its key in the world, its schema, its types and the single factories of its
 * records.
 */
import { t, type Infer } from '../../core/schema.js';

/** The rds component's name: its slice is `world.rds`. */
export const RDS = 'rds';

/** A DB node: absent, up, or failed. */
export const NODE_STATES = ['none', 'up', 'failed'] as const;
/** See `NODE_STATES`. */
export type NodeState = (typeof NODE_STATES)[number];
/** A client write: not yet sent, acknowledged, or lost (acknowledged, then gone). */
export const WRITE_STATES = ['unsent', 'acked', 'lost'] as const;
/** See `WRITE_STATES`. */
export type WriteState = (typeof WRITE_STATES)[number];
/** The endpoint's phase: serving, failing over to the standby, or down. */
export const DB_PHASES = ['available', 'failingOver', 'down'] as const;
/** See `DB_PHASES`. */
export type DbPhase = (typeof DB_PHASES)[number];
/** Which node the endpoint names: the primary, a promoted read replica, or an instance restored from backup. */
export const ENDPOINTS = ['primary', 'replica', 'restored'] as const;
/** See `ENDPOINTS`. */
export type Endpoint = (typeof ENDPOINTS)[number];
/** Writes lost by a restore: none, within the restore granularity (the recovery point), or beyond it. */
export const LOSSES = ['none', 'withinGranularity', 'beyondGranularity'] as const;
/** See `LOSSES`. */
export type Loss = (typeof LOSSES)[number];

/** Schema of one database node. */
export function rdsNodeSchema(azs: number, writes: number) {
  return t.record('RdsNode', { state: t.enumOf(NODE_STATES), az: t.int(0, azs - 1), applied: t.int(0, writes) });
}
/** One DB node (primary, standby, replica or restored): its state, zone, and the writes it has applied. */
export type RdsNode = Infer<ReturnType<typeof rdsNodeSchema>>;

/** Schema of the rds slice; `timer` counts down a failover or an instance recovery, `shipTimer` the next log upload. */
export function rdsSchema(azs: number, writes: number, maxTimer: number, shipTicks: number, maxFailures: number) {
  const node = rdsNodeSchema(azs, writes);
  return t.record('RdsState', {
    primary: node,
    standby: node,
    replica: node,
    restored: node,
    endpoint: t.enumOf(ENDPOINTS),
    phase: t.enumOf(DB_PHASES),
    timer: t.int(0, maxTimer),
    shipTimer: t.int(0, shipTicks),
    shipped: t.int(0, writes),
    writes: t.array(t.enumOf(WRITE_STATES), writes),
    loss: t.enumOf(LOSSES),
    failures: t.int(0, maxFailures),
  });
}
/** The rds slice: the four nodes, the endpoint and its phase, the failover/restore countdown, log shipping to backups, each write's fate, the loss so far and failures used. */
export type RdsState = Infer<ReturnType<typeof rdsSchema>>;

/** The single factory of node records. */
export function rdsNode(state: NodeState, az: number, applied: number): RdsNode {
  return { state, az, applied };
}
/** A mutable copy of a slice, filled in by the reducer before it is returned (and shared). */
export type Draft = { -readonly [K in keyof RdsState]: RdsState[K] };
/** The single factory of rds slices (also a fresh, not yet shared, draft to fill in). */
export function rdsState(s: RdsState): Draft {
  return {
    primary: s.primary, standby: s.standby, replica: s.replica, restored: s.restored, endpoint: s.endpoint, phase: s.phase,
    timer: s.timer, shipTimer: s.shipTimer, shipped: s.shipped, writes: s.writes, loss: s.loss, failures: s.failures,
  };
}
/** Field by field identity: a draft that changed nothing is dropped for the old slice. */
export function sameState(a: RdsState, b: RdsState): boolean {
  return a.primary === b.primary && a.standby === b.standby && a.replica === b.replica && a.restored === b.restored && a.endpoint === b.endpoint
    && a.phase === b.phase && a.timer === b.timer && a.shipTimer === b.shipTimer && a.shipped === b.shipped && a.writes === b.writes
    && a.loss === b.loss && a.failures === b.failures;
}
