/** `faultline availability SCENARIO`: the availability of a bundled scenario's design with rates (engine/availability/). */
import { scenarioAvailability } from '../engine/availability/scenario.js';
import { parseRate, type Rate } from '../engine/availability/rates.js';
import { InputError } from '../engine/scenario.js';
import { bundledScenarios } from '../scenarios/index.js';
import { formatAvailability } from '../report/availability.js';

export interface AvailabilityFlags {
  property?: string;
  rate?: string[];
  json?: boolean;
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
  const result = scenarioAvailability(scenario, { property: o.property, rates });
  process.stdout.write(o.json ? JSON.stringify(result, (k, v) => (v === Infinity ? 'Infinity' : v), 2) + '\n' : formatAvailability(result));
}
