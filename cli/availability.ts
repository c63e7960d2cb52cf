/** `faultline availability SCENARIO`: the availability of a bundled scenario's design with rates (engine/availability/). */
import { scenarioAvailability, scenarioMonteCarlo } from '../engine/availability/scenario.js';
import { parseRate, type Rate } from '../engine/availability/rates.js';
import { InputError } from '../engine/scenario.js';
import { bundledScenarios } from '../scenarios/index.js';
import { formatAvailability, formatMonteCarlo } from '../report/availability.js';

export interface AvailabilityFlags {
  property?: string;
  rate?: string[];
  json?: boolean;
  monteCarlo?: boolean;
  seed?: number;
  cycles?: number;
  precision?: string;
  importance?: 'auto' | 'on' | 'off';
}

/** `--precision`: a share of the estimate, strictly between 0 and 1. */
function precisionOf(raw: string): number {
  const v = Number(raw);
  if (raw.trim() === '' || !(v > 0 && v < 1)) throw new InputError(`--precision must be a number between 0 and 1 (a share of the estimate: 0.1 is ±10 %), got ${JSON.stringify(raw)}`);
  return v;
}

export function availabilityCommand(target: string, o: AvailabilityFlags): void {
  const scenario = bundledScenarios.find((s) => s.name === target);
  if (scenario === undefined) {
    const with_ = bundledScenarios.filter((s) => s.availability !== undefined).map((s) => s.name);
    throw new InputError(`no bundled scenario ${target}; scenarios with an availability mode: ${with_.join(', ') || 'none'}`);
  }
  const rates: Record<string, Rate> = {};
  for (const text of o.rate ?? []) {
    const [type, rate] = parseRate(text);
    rates[type] = rate;
  }
  const simulationOnly = (['seed', 'cycles', 'precision', 'importance'] as const).filter((k) => o[k] !== undefined);
  if (!o.monteCarlo && simulationOnly.length > 0) throw new InputError(`--${simulationOnly[0]} goes with --monte-carlo`);
  const json = (r: unknown) => JSON.stringify(r, (k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2) + '\n';
  if (o.monteCarlo) {
    const monteCarlo = { seed: o.seed, maxCycles: o.cycles, precision: o.precision === undefined ? undefined : precisionOf(o.precision), importance: o.importance };
    const result = scenarioMonteCarlo(scenario, { property: o.property, rates, monteCarlo });
    process.stdout.write(o.json ? json(result) : formatMonteCarlo(result));
    return;
  }
  const result = scenarioAvailability(scenario, { property: o.property, rates });
  process.stdout.write(o.json ? json(result) : formatAvailability(result));
}
