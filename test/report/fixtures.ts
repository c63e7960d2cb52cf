/**
 * A small composed-looking model for report tests: three components (ec2, asg, web), a
 * fault (Terminate), control actions (Replace by the ASG, Boot by EC2) and an op
 * (Request). `Healthy` recovers within 1 fails (replacement takes 2 control steps);
 * `OneUp` always fails once both instances are terminated; `Served` is reachable.
 */
import type { ActionCatalog } from '../../model/compose/component.js';
import { assertNever, type Model } from '../../model/core/model.js';
import { always, recovers, sometimes } from '../../model/core/property.js';
import type { Scenario } from '../../engine/scenario.js';
import { bundledScenarios } from '../../scenarios/index.js';

export type InstanceState = 'running' | 'terminated' | 'pending';
export interface FleetState {
  readonly ec2: { readonly instances: readonly InstanceState[] };
  readonly web: { readonly served: boolean };
}
export type FleetAction =
  | { readonly type: 'Request'; readonly kind: 'op' }
  | { readonly type: 'Terminate'; readonly kind: 'fault'; readonly instance: number }
  | { readonly type: 'Replace'; readonly kind: 'control'; readonly instance: number }
  | { readonly type: 'Boot'; readonly kind: 'control'; readonly instance: number };

const fleet = (instances: readonly InstanceState[], served: boolean): FleetState => ({ ec2: { instances }, web: { served } });
const set = <T>(xs: readonly T[], i: number, x: T): T[] => xs.map((y, j) => (j === i ? x : y));

export const FLEET_CATALOG: Readonly<Record<string, ActionCatalog>> = {
  ec2: { op: [], fault: ['Terminate', 'AzOutage'], control: ['Boot'] },
  asg: { op: [], fault: [], control: ['Replace'] },
  web: { op: ['Request'], fault: [], control: [] },
};

/** The fleet model; `component` names the owner of each action, `components` exposes catalogs. */
export function fleetModel(): Model<FleetState, FleetAction> & { components: { name: string; catalog: ActionCatalog }[] } {
  return {
    init: () => [fleet(['running', 'running'], false)],
    actions(s) {
      const out: FleetAction[] = [];
      if (!s.web.served && s.ec2.instances.includes('running')) out.push({ type: 'Request', kind: 'op' });
      s.ec2.instances.forEach((st, instance) => {
        if (st === 'running') out.push({ type: 'Terminate', kind: 'fault', instance });
        if (st === 'terminated') out.push({ type: 'Replace', kind: 'control', instance });
        if (st === 'pending') out.push({ type: 'Boot', kind: 'control', instance });
      });
      return out;
    },
    next(s, a) {
      switch (a.type) {
        case 'Request':
          return fleet(s.ec2.instances, true);
        case 'Terminate':
          return fleet(set(s.ec2.instances, a.instance, 'terminated'), s.web.served);
        case 'Replace':
          return fleet(set(s.ec2.instances, a.instance, 'pending'), s.web.served);
        case 'Boot':
          return fleet(set(s.ec2.instances, a.instance, 'running'), s.web.served);
        default:
          return assertNever(a);
      }
    },
    component: (a) => (a.type === 'Request' ? 'web' : a.type === 'Replace' ? 'asg' : 'ec2'),
    properties: [
      always<FleetState>('OneUp', (s) => s.ec2.instances.includes('running'), 'at least one instance is running'),
      recovers<FleetState>('Healthy', (s) => s.ec2.instances.every((i) => i === 'running'), { within: 1, description: 'every instance runs again soon' }),
      sometimes<FleetState>('Served', (s) => s.web.served),
    ],
    components: Object.entries(FLEET_CATALOG).map(([name, catalog]) => ({ name, catalog })),
  };
}

/**
 * A bundled scenario by name, typed as the engine's `Scenario` (the exported constants keep
 * their parameter types, which `checkScenario(scenario: Scenario)` does not accept).
 */
export function bundled(name: string): Scenario {
  const found = bundledScenarios.find((s) => s.name === name);
  if (!found) throw new Error(`no bundled scenario ${name}`);
  return found;
}
