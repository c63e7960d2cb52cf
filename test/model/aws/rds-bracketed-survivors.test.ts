/**
 * Killing tests for rds mutants that Stryker left alive and that an earlier, text-splicing run
 * of tools/mutation/apply-mutants.mjs applied as another mutant (MUTATION.md: the tool's bracket bug).
 */
import { describe, expect, it } from 'vitest';
import { dbInstanceFailure, dbStandbyReplace, promoteReadReplica, rds, type RdsOptions, type RdsState } from '../../../model/aws/rds/index.js';
import { azOutage, azRecover } from '../../../model/aws/az/index.js';
import type { World } from '../../../model/compose/component.js';
import { TICK, isEnabled, run, solo, zones } from '../support.js';

const slice = (w: World): RdsState => w.rds as RdsState;
const model = (o: RdsOptions = {}) => solo(rds({ tickSeconds: 30, ...o }), zones(2));

describe('rds: the standby after a promotion (conditions.ts canReplaceStandby)', () => {
  it('Multi-AZ with the endpoint on a promoted replica: RDS does not replace the failed standby, even with its zone back', () => {
    const m = model({ deployment: 'multiAz', readReplica: true, replicaAz: 0, runbook: ['promoteReadReplica'] });
    // The primary fails, the failover target's zone goes down with it: down; the runbook promotes the replica.
    const s = run(m, [dbInstanceFailure(), azOutage(1), promoteReadReplica(), azRecover(1)]);
    expect(slice(s)).toMatchObject({ endpoint: 'replica', phase: 'available', standby: { state: 'failed', az: 1 } });
    expect(isEnabled(m, s, dbStandbyReplace())).toBe(false);
    expect(slice(run(m, [TICK], s)).standby.state).toBe('failed');
  });
});
