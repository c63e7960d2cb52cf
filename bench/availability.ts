/**
 * Time and memory of the exact availability computation (issue 18) on a composed AWS design
 * large enough to matter: the chain of every reachable state, then its steady state and the
 * mean time to the first loss, each timed on its own.
 *
 *   node --max-old-space-size=12288 dist/bench/availability.js [variant] [--json]
 *
 * Variants: parts of the compose-aws composition (bench/compose-aws.ts: az + capacity + ec2 3
 * slots + asg min 2 + elb), with faults that recur and are repaired: no fault budget (with one,
 * every fault, repairs included: `AzRecover` is a fault, stops once it is spent, and the chain
 * is absorbing), one zone down at a time.
 * - `group`: az + ec2 (3 slots, host failures) + asg min 2 with EC2 health checks: the fleet
 *   scenarios' availability model on AWS's default timers instead of their one-minute clock.
 *   1.47 M states.
 * - `group-capacity` (default): the same with capacity's InsufficientCapacity /
 *   CapacityRestored. 4.40 M states.
 * - `group-guest`: `group` with guest OS failures too (the instance status check; the group
 *   replaces the instance). 11.96 M states: the largest that fits in 12 GB.
 * Not here: compose-aws itself (ELB health checks and the load balancer) has more than 15 M
 * states without a fault budget, even with host failures alone: too many to keep every state,
 * as the chain's construction does.
 *
 * Rates: the defaults of engine/availability/rates.ts, plus the bench's own assumptions for the
 * faults that have no default (below); ops (an operator's stop, reboot, register...) are not
 * part of the load here: rate 0, so they are left out of the chain.
 *
 * Prints: graph states, tangible and vanishing states, the chain's transitions, build and solve
 * times, Gauss-Seidel sweeps, peak RSS (the process's, from `resourceUsage`) and the V8 heap in
 * use after the build and after the solve.
 */
import { resourceUsage } from 'node:process';
import { az } from '../model/aws/az/index.js';
import { capacity } from '../model/aws/capacity/index.js';
import { ec2, healthyCount } from '../model/aws/ec2/index.js';
import { asg } from '../model/aws/asg/index.js';
import { compose } from '../model/compose/compose.js';
import type { Component, World } from '../model/compose/component.js';
import { buildChain } from '../engine/availability/build.js';
import { meanTimeToFrom, steadyState } from '../engine/availability/ctmc.js';
import { MINUTES_PER_YEAR } from '../engine/availability/analyze.js';
import { timingFrom, type Rate, type RateUse } from '../engine/availability/rates.js';

const HOURS_PER_YEAR = 24 * 365.25;

/** Rates the defaults lack, for this bench only (assumptions: AWS publishes none of them). */
const BENCH_RATES: Readonly<Record<string, Rate>> = {
  // A zone short of on-demand capacity once a year, for an hour on average.
  InsufficientCapacity: { perHour: 1 / HOURS_PER_YEAR },
  CapacityRestored: { meanHours: 1 },
  // No operator load: these ops are not in the chain.
  LaunchInstance: { perHour: 0 }, StartInstance: { perHour: 0 }, StopInstance: { perHour: 0 }, RebootInstance: { perHour: 0 },
  TerminateInstance: { perHour: 0 }, OsShutdown: { perHour: 0 },
};

const VARIANTS: Readonly<Record<string, () => readonly Component<any, any, string>[]>> = {
  group: () => [az({ maxDown: 1 }), ec2({ slots: 3, initial: [0, 1], autoScaling: true, faults: ['HostFailure'] }), asg({ min: 2 })],
  'group-capacity': () => [az({ maxDown: 1 }), capacity(), ec2({ slots: 3, initial: [0, 1], autoScaling: true, faults: ['HostFailure'] }), asg({ min: 2 })],
  'group-guest': () => [az({ maxDown: 1 }), ec2({ slots: 3, initial: [0, 1], autoScaling: true, faults: ['HostFailure', 'GuestFailure'] }), asg({ min: 2 })],
};

const argv = process.argv.slice(2);
const variant = argv.find((a) => !a.startsWith('--')) ?? 'group-capacity';
const json = argv.includes('--json');
if (!Object.hasOwn(VARIANTS, variant)) throw new Error(`unknown variant ${variant} (${Object.keys(VARIANTS).join(', ')})`);

const model = compose(VARIANTS[variant]() as Component<any, any, string>[]);
const used = new Map<string, RateUse>();
const timing = timingFrom(BENCH_RATES, model.tickSeconds, used);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

let t = performance.now();
const built = buildChain(model, timing, { maxStates: 20_000_000 });
const buildMs = performance.now() - t;
const heapAfterBuildMb = mb(process.memoryUsage().heapUsed);
process.stderr.write(`built: ${built.graphStates} states (${built.chain.n} tangible), ${built.chain.outTo.length} transitions in ${Math.round(buildMs)} ms\n`);

// The property the fleet scenarios measure: at least one healthy instance (AtLeastNHealthy(1)).
const { chain, states, initial } = built;
const bad = new Uint8Array(chain.n);
for (let i = 0; i < chain.n; i++) if (healthyCount(states[i] as World) < 1) bad[i] = 1;
const tolerance = 1e-10;
t = performance.now();
const pi = steadyState(chain, { tolerance });
const steadyMs = performance.now() - t;
let unavailability = 0;
for (let i = 0; i < chain.n; i++) if (bad[i]) unavailability += pi.values[i];
t = performance.now();
const mttf = meanTimeToFrom(chain, bad, initial, { tolerance });
const mttfMs = performance.now() - t;

const out = {
  variant,
  graphStates: built.graphStates,
  tangibleStates: chain.n,
  vanishingStates: built.vanishing,
  transitions: chain.outTo.length,
  buildMs: Math.round(buildMs),
  steadyStateMs: Math.round(steadyMs),
  steadyStateSweeps: pi.sweeps,
  meanTimeMs: Math.round(mttfMs),
  meanTimeSweeps: mttf.sweeps,
  converged: pi.converged && mttf.converged,
  tolerance,
  unavailability,
  nines: -Math.log10(unavailability),
  downtimeMinutesPerYear: unavailability * MINUTES_PER_YEAR,
  meanTimeToFailureYears: mttf.value / (3600 * HOURS_PER_YEAR),
  heapAfterBuildMb,
  heapAfterSolveMb: mb(process.memoryUsage().heapUsed),
  peakRssMb: Math.round(resourceUsage().maxRSS / 1024),
  defaults: [...used.values()].filter((u) => u.from === 'default').map((u) => u.type).sort(),
};
if (json) console.log(JSON.stringify(out));
else for (const [k, v] of Object.entries(out)) console.log(`${k}: ${Array.isArray(v) ? v.join(', ') : v}`);
