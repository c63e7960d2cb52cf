// The availability modes of the RDS scenarios (scenarios/data/availability.ts): their figures
// from the exact solver, each against a hand computation from the rates, and pinned.
//
// Rates (engine/availability/rates.ts defaults, the scenarios' own): a zone outage 1 a year per
// zone, back after 4 h on average; a DB instance failure 1 every 2 years.
//
// Multi-AZ: down only while failing over. Both the primary's zone outage and its instance
// failure fail over (1 + 0.5 = 1.5 a year), each 60 s + min(Exp(30 s), Erlang-3(30 s)) =
// 86.25 s on average: U = 1.5 x 86.25 s / 31,557,600 s = 4.100e-6, 5.39 nines, 2.16 min a year.
// The first loss is the first failover: 1 / 1.5 a year = 0.667 years.
//
// Single-AZ with PITR: a zone outage (1 a year) is down until the zone returns (Exp, 4 h) or the
// restore is done (Exp, 1 h), whichever is first: 1 / (1/4 + 1) h = 0.8 h = 2880 s; an instance
// failure (0.5 a year) until its recovery (Erlang-10 of 60 s ticks) or the restore:
// E[min] = 3600 s x (1 - (60/61)^10) = 548.5 s. U = (2880 + 0.5 x 548.5) s / 31,557,600 s
// = 9.995e-5: 4.0 nines, 52.6 min a year; the first loss after 1 / 1.5 years again.
// (The solver's figures differ a little: Single-AZ's is 0.08 % lower, as a zone cannot fail
// while the other is down and no fault strikes a database already down; Multi-AZ's 0.1 % higher,
// as a primary that fails while its standby's zone is down is down for the 600 s recovery.)
import { describe, expect, it } from 'vitest';
import { scenarioAvailability } from '../../engine/availability/scenario.js';
import { buildChain } from '../../engine/availability/build.js';
import { timingFrom } from '../../engine/availability/rates.js';
import { rdsSingleAzPitrAvailability } from '../../scenarios/data/availability.js';
import { rdsMultiAzFailover } from '../../scenarios/data/rds-multi-az-failover.js';
import { rdsSingleAzPitrBackups } from '../../scenarios/data/rds-single-az-pitr.js';

const YEAR_SECONDS = 365.25 * 24 * 3600;
const YEAR_HOURS = 365.25 * 24;
const ZONE_OUTAGES = 1; // a year, the primary's zone
const INSTANCE_FAILURES = 0.5; // a year
const multiAz = scenarioAvailability(rdsMultiAzFailover);
const singleAz = scenarioAvailability(rdsSingleAzPitrBackups);

describe('rds-multi-az-failover: availability', () => {
  const run = multiAz;
  const r = run.results[0];

  it('measures DbAcceptsWrites on a converged chain', () => {
    expect(run.results.map((x) => x.property)).toEqual(['DbAcceptsWrites']);
    expect(r.converged).toBe(true);
  });

  it('is down only while failing over: 1.5 failovers a year of 86.25 s (within 0.5 %)', () => {
    const failover = 60 + 15 * (1 + 1 / 2 + 1 / 4);
    const hand = ((ZONE_OUTAGES + INSTANCE_FAILURES) * failover) / YEAR_SECONDS;
    expect(r.unavailability / hand).toBeGreaterThan(0.995);
    expect(r.unavailability / hand).toBeLessThan(1.005);
    expect(r.meanTimeToFailureSeconds / YEAR_SECONDS / (1 / (ZONE_OUTAGES + INSTANCE_FAILURES))).toBeCloseTo(1, 3);
  });

  it('pins its figures: 5.39 nines, 2.16 minutes a year, the first loss after 0.667 years', () => {
    expect(r.nines).toBeCloseTo(5.387, 3);
    expect(r.downtimeMinutesPerYear).toBeCloseTo(2.159, 3);
    expect(r.meanTimeToFailureSeconds / YEAR_SECONDS).toBeCloseTo(0.6669, 4);
  });

  it('blames the zone for two thirds of the downtime: twice as many failovers, each as long', () => {
    expect(r.faultShares.map((f) => f.type)).toEqual(['AzOutage', 'DbInstanceFailure']);
    expect(r.faultShares[0].share).toBeCloseTo(2 / 3, 2);
  });

  it('says which rates were defaults and assumptions, and which the scenario gave', () => {
    const by = new Map(run.rates.map((u) => [u.type, u]));
    expect(by.get('DbInstanceFailure')).toMatchObject({ from: 'default', assumption: true });
    expect(by.get('AzOutage')).toMatchObject({ from: 'default', assumption: true });
    expect(by.get('DbFailoverComplete')).toMatchObject({ from: 'given' });
    expect(by.get('AzRecover')).toMatchObject({ from: 'given' });
  });

  it('refuses a zone that never comes back: the chain would settle in either zone, by luck', () => {
    expect(() => scenarioAvailability(rdsMultiAzFailover, { rates: { AzRecover: { perHour: 0 } } })).toThrow(/^availability: the design never comes back from the state reached by [^:]*AzOutage\(\d\): a fault without a repair/);
  });
});

describe('rds-single-az-pitr:backups: availability', () => {
  const run = singleAz;
  const r = run.results[0];

  it('is down until the zone returns or the restore is done (within 0.2 % of the hand figure)', () => {
    expect(r.converged).toBe(true);
    const zoneOrRestore = 3600 / (1 / 4 + 1);
    const rebootOrRestore = 3600 * (1 - (60 / 61) ** 10);
    const hand = (ZONE_OUTAGES * zoneOrRestore + INSTANCE_FAILURES * rebootOrRestore) / YEAR_SECONDS;
    expect(r.unavailability / hand).toBeGreaterThan(0.998);
    expect(r.unavailability / hand).toBeLessThan(1);
    expect(r.meanTimeToFailureSeconds / YEAR_SECONDS / (1 / (ZONE_OUTAGES + INSTANCE_FAILURES))).toBeCloseTo(1, 3);
  });

  it('the iterative solver agrees with a direct dense solve of the same chain (its Gauss-Seidel needs ~400,000 sweeps here)', () => {
    const model = rdsSingleAzPitrAvailability.model();
    const { chain, states } = buildChain(model, timingFrom(rdsSingleAzPitrAvailability.rates, model.tickSeconds, new Map()));
    const n = chain.n;
    // pi Q = 0 and sum pi = 1, by Gauss-Jordan elimination with partial pivoting on Q^T (last row: the sum).
    const a = Array.from({ length: n }, () => new Float64Array(n + 1));
    for (let i = 0; i < n; i++) {
      for (let k = chain.outStart[i]; k < chain.outStart[i + 1]; k++) a[chain.outTo[k]][i] += chain.outRate[k];
      a[i][i] -= chain.exit[i];
    }
    a[n - 1].fill(1);
    for (let c = 0; c < n; c++) {
      let p = c;
      for (let q = c + 1; q < n; q++) if (Math.abs(a[q][c]) > Math.abs(a[p][c])) p = q;
      [a[c], a[p]] = [a[p], a[c]];
      for (let q = 0; q < n; q++) {
        const f = q === c ? 0 : a[q][c] / a[c][c];
        if (f !== 0) for (let k = c; k <= n; k++) a[q][k] -= f * a[c][k];
      }
    }
    const pred = model.properties[0] as { pred(s: unknown): boolean };
    let direct = 0;
    for (let i = 0; i < n; i++) if (!pred.pred(states[i])) direct += a[i][n] / a[i][i];
    expect(Math.abs(r.unavailability - direct) / direct).toBeLessThan(1e-8);
  });

  it('pins its figures: 4.0 nines, 52.5 minutes a year, the first loss after 0.667 years', () => {
    expect(r.nines).toBeCloseTo(4.0006, 3);
    expect(r.downtimeMinutesPerYear).toBeCloseTo(52.53, 2);
    expect(r.meanTimeToFailureSeconds / YEAR_SECONDS).toBeCloseTo(0.6669, 4);
    expect(r.faultShares.map((f) => f.type)).toEqual(['AzOutage', 'DbInstanceFailure']);
  });

  it('the restore is the repair that matters: without it the database waits out every outage (4 h a year)', () => {
    const waits = scenarioAvailability(rdsSingleAzPitrBackups, { rates: { RestoreToPointInTime: { perHour: 0 } } }).results[0];
    const zone = ZONE_OUTAGES / YEAR_HOURS;
    const hand = zone / (zone + 1 / 4) + (INSTANCE_FAILURES * 600) / YEAR_SECONDS;
    expect(waits.unavailability / hand).toBeGreaterThan(0.998);
    expect(waits.unavailability / hand).toBeLessThan(1.002);
    expect(waits.downtimeMinutesPerYear / r.downtimeMinutesPerYear).toBeGreaterThan(4);
  });

  it('Multi-AZ gives 1.4 more nines than Single-AZ with PITR, for the same faults', () => {
    expect(multiAz.results[0].nines - r.nines).toBeCloseTo(1.39, 2);
  });
});
