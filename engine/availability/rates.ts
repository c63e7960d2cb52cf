/**
 * Rates for a composed AWS model's actions (issue 18): how each action of the state graph is
 * timed in the chain.
 *
 * - `Tick` races at 1 / tickSeconds: a countdown of k ticks becomes an Erlang-k delay with the
 *   same mean instead of a fixed one (the chain is Markovian; the mean time is exact, its
 *   spread is not).
 * - Control actions other than `Tick` (AWS's own loops: a health check's verdict, a launch, a
 *   failover's completion) take no model time: immediate.
 * - Faults, repairs (`AzRecover`...) and ops (client writes, an operator's runbook step) need a
 *   rate: the scenario's table, `--rate Type=...`, or a documented default below; an action
 *   with none is refused in one line.
 *
 * A rate is given per hour (`{ perHour }`), as a mean time between occurrences
 * (`{ meanHours }` or `{ meanSeconds }`), or `'immediate'`. A named instance's action
 * (`web.HostFailure`) takes its own entry, else its plain type's.
 */
import type { Action } from '../../model/core/model.js';
import { InputError } from '../scenario.js';
import type { Timing } from './build.js';

import type { Rate } from './rate.js';

export type { Rate };

/** A default rate and where its figure comes from (or that it is an assumption). */
export interface DefaultRate {
  readonly rate: Rate;
  readonly source: string;
  /** No published figure: the report marks it as an assumption. */
  readonly assumption: boolean;
}

const HOURS_PER_YEAR = 24 * 365.25;

/**
 * Defaults for the fault types of the AWS components, each with its source or marked as an
 * assumption (docs/availability-rates.md lists them with the figures AWS does publish). AWS
 * publishes few failure rates: EBS's annual failure rate is published, EC2's, RDS's and an
 * AZ's are not, so those are assumptions to override with the user's own figures (a scenario's
 * `rates`, or `--rate Type=...`). AWS's SLAs (EC2 instance-level 99.5 %, RDS Multi-AZ 99.95 %
 * a month) are service-credit commitments, not failure rates: none of them is used here.
 */
export const DEFAULT_RATES: Readonly<Record<string, DefaultRate>> = {
  /**
   * EBS volume lost (ebs): 0.2 % a year, the top of the published 0.1-0.2 % annual failure rate
   * of gp2, gp3, io1, st1 and sc1 volumes (EBS volume types; the storage whitepaper: 1 or 2 of
   * 1,000 volumes a year). io2 Block Express is designed for 99.999 % durability, an AFR of at
   * most 0.001 %: give it `--rate VolumeFailure=1.14e-9` (0.00001 / 8766 h).
   */
  VolumeFailure: {
    rate: { perHour: 0.002 / HOURS_PER_YEAR },
    source: 'EBS volumes (gp2, gp3, io1, st1, sc1) are designed for an annual failure rate of 0.1-0.2 %: 0.2 % a year (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html, https://docs.aws.amazon.com/whitepapers/latest/aws-storage-services-overview/durability-and-availability-3.html)',
    assumption: false,
  },
  /** EC2 host failure (ec2): assumption, EC2 publishes no failure rate (its SLA is a credit commitment, not a rate). */
  HostFailure: { rate: { perHour: 1 / (2 * HOURS_PER_YEAR) }, source: 'assumption: one host failure per instance every 2 years (EC2 publishes no failure rate)', assumption: true },
  /** Guest OS failure, the instance status check (ec2): assumption, no published figure. */
  GuestFailure: { rate: { perHour: 1 / (2 * HOURS_PER_YEAR) }, source: 'assumption: one guest OS failure per instance every 2 years', assumption: true },
  /** Application crash (ec2): the application's, not AWS's: assumption, to be replaced by the design's own figure. */
  AppCrash: { rate: { perHour: 1 / (30 * 24) }, source: 'assumption: one application crash per instance a month', assumption: true },
  /** Zone-wide impairment (az), per zone: assumption, AWS publishes no rate. */
  AzOutage: { rate: { perHour: 1 / HOURS_PER_YEAR }, source: 'assumption: one zone-wide impairment per zone a year (AWS publishes no rate)', assumption: true },
  /** The zone back (az), the repair of `AzOutage`: assumption, AWS publishes no duration. */
  AzRecover: { rate: { meanHours: 4 }, source: 'assumption: a zone-wide impairment lasts 4 hours on average', assumption: true },
  /**
   * The instance behind an RDS endpoint fails (rds), repaired by a Multi-AZ failover or, Single-AZ,
   * by RDS recovering it on its storage: assumption, RDS publishes no failure rate (its SLA is a
   * credit commitment, not a rate).
   */
  DbInstanceFailure: { rate: { perHour: 1 / (2 * HOURS_PER_YEAR) }, source: 'assumption: one DB instance failure every 2 years (RDS publishes no failure rate)', assumption: true },
};

/** A rate as a timing: per second, or immediate. Throws one line on a malformed or negative rate. */
export function timingOf(type: string, rate: Rate): Timing {
  if (rate === 'immediate') return 'immediate';
  if (typeof rate !== 'object' || rate === null) throw new InputError(`availability: the rate of ${type} must be { perHour }, { meanHours }, { meanSeconds } or 'immediate', got ${JSON.stringify(rate)}`);
  const keys = Object.keys(rate);
  if (keys.length !== 1) throw new InputError(`availability: the rate of ${type} must have exactly one of perHour, meanHours, meanSeconds, got ${JSON.stringify(rate)}`);
  const v = (rate as Record<string, unknown>)[keys[0]];
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new InputError(`availability: the rate of ${type} must be a finite number >= 0, got ${JSON.stringify(v)}`);
  switch (keys[0]) {
    case 'perHour':
      return { rate: v / 3600 };
    case 'meanHours':
      if (v === 0) throw new InputError(`availability: ${type}'s mean time must be > 0 (use 'immediate')`);
      return { rate: 1 / (v * 3600) };
    case 'meanSeconds':
      if (v === 0) throw new InputError(`availability: ${type}'s mean time must be > 0 (use 'immediate')`);
      return { rate: 1 / v };
    default:
      throw new InputError(`availability: the rate of ${type} has an unknown unit ${keys[0]} (perHour, meanHours or meanSeconds)`);
  }
}

/**
 * Parses `--rate Type=VALUE`: `VALUE` per hour (`0.001`), or a mean time with a unit (`4h`,
 * `90s`, `30m`), or `immediate`.
 */
export function parseRate(text: string): [string, Rate] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError(`--rate expects Type=VALUE (per hour, a mean time like 4h or 90s, or immediate), got ${JSON.stringify(text)}`);
  const type = text.slice(0, eq);
  const value = text.slice(eq + 1).trim();
  if (value === 'immediate') return [type, 'immediate'];
  const m = /^(\d+(?:\.\d+)?(?:e-?\d+)?)(h|m|s)?$/.exec(value);
  if (!m) throw new InputError(`--rate ${type}: ${JSON.stringify(value)} is not a rate per hour, a mean time (4h, 30m, 90s) or immediate`);
  const n = Number(m[1]);
  if (m[2] === undefined) return [type, { perHour: n }];
  return [type, m[2] === 'h' ? { meanHours: n } : m[2] === 'm' ? { meanSeconds: n * 60 } : { meanSeconds: n }];
}

export interface RateUse {
  readonly type: string;
  readonly from: 'given' | 'default' | 'tick' | 'control';
  readonly source?: string;
  readonly assumption?: boolean;
}

/**
 * The timing of a composed model's actions from `rates` (the scenario's, overridden by
 * `--rate`), `Tick` at 1 / `tickSeconds`, control steps immediate, and the defaults; `used`
 * collects what each action type was timed by, for the report.
 */
export function timingFrom(rates: Readonly<Record<string, Rate>>, tickSeconds: number | undefined, used: Map<string, RateUse>): <A extends Action>(a: A) => Timing | undefined {
  const cache = new Map<string, Timing | undefined>();
  return (a) => {
    const known = cache.get(a.type);
    if (known !== undefined || cache.has(a.type)) return known;
    const plain = a.type.slice(a.type.lastIndexOf('.') + 1);
    let t: Timing | undefined;
    const given = Object.hasOwn(rates, a.type) ? rates[a.type] : Object.hasOwn(rates, plain) ? rates[plain] : undefined;
    if (given !== undefined) {
      t = timingOf(a.type, given);
      used.set(a.type, { type: a.type, from: 'given' });
    } else if (a.type === 'Tick') {
      if (tickSeconds === undefined) throw new InputError('availability: the model has no clock (tickSeconds): give Tick a rate');
      t = { rate: 1 / tickSeconds };
      used.set(a.type, { type: a.type, from: 'tick' });
    } else if (a.kind === 'control') {
      t = 'immediate';
      used.set(a.type, { type: a.type, from: 'control' });
    } else if (Object.hasOwn(DEFAULT_RATES, plain)) {
      const d = DEFAULT_RATES[plain];
      t = timingOf(a.type, d.rate);
      used.set(a.type, { type: a.type, from: 'default', source: d.source, assumption: d.assumption });
    }
    cache.set(a.type, t);
    return t;
  };
}
