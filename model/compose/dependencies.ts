/**
 * `compose({ dependsOn })`: one service's health depends on others' availability (issue 12).
 *
 * `dependsOn: { web: ['rds'] }` says the application running on the `web` tier (an ec2
 * instance, or an Auto Scaling group standing for its ec2) needs the `rds` instance to answer:
 * while the database's endpoint does not accept writes (`available`: a Multi-AZ failover in
 * progress, the primary's zone down), the application answers errors. Who acts on that is a
 * `dependent` component: a load balancer whose health check is deep (`elb({ healthCheck:
 * 'deep' })`, the check's page queries the database) then fails every target at once, fails
 * open, and an Auto Scaling group with ELB health checks replaces healthy instances
 * (aws-semantics INV-ASG-11, INV-ELB-4; the Builders' Library, "Implementing health checks":
 * deep checks on a shared dependency turn its failure into a fleet-wide one).
 *
 * A `dependsOn` entry nothing acts on is an error, not a silent no-op; so is a deep health
 * check with no dependency to check.
 */
import type { Component, World } from './component.js';
import { rootOf, type InstancePlan } from './instances.js';

/** Per application tier (an instance name), the instances its application needs. */
export type DependsOn = Readonly<Record<string, readonly string[]>>;

/** `components` with every `dependent` bound to the dependencies of its tier (before instances are wrapped). */
export function bindDependencies(components: readonly Component[], plan: InstancePlan, dependsOn: DependsOn | undefined): Component[] {
  const { names, kinds, views } = plan;
  const given = dependsOn ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw new Error(`compose: dependsOn must map a tier to the instances it needs, got ${JSON.stringify(given)}`);
  for (const [tier, deps] of Object.entries(given)) {
    const t = names.indexOf(tier);
    if (t < 0) throw new Error(`compose: dependsOn names ${JSON.stringify(tier)}, which is not in this composition (components: ${names.join(', ')})`);
    if (!Array.isArray(deps) || deps.length === 0) throw new Error(`compose: dependsOn.${tier} must be a non-empty list of instance names, got ${JSON.stringify(deps)}`);
    for (const d of deps) {
      const j = names.indexOf(d);
      if (j < 0) throw new Error(`compose: dependsOn.${tier} names ${JSON.stringify(d)}, which is not in this composition (components: ${names.join(', ')})`);
      if (j === t) throw new Error(`compose: dependsOn.${tier} names ${tier} itself`);
      if (components[j].available === undefined) throw new Error(`compose: dependsOn.${tier} names ${d}, and a ${kinds[j]} has no availability to depend on (those that do: ${dependable(components, kinds)})`);
    }
  }

  const used = new Set<string>();
  const out = components.map((c, i) => {
    const dep = c.dependent;
    if (dep === undefined) return c;
    const tierName = views.get(names[i])!.get(dep.tier);
    // The entries for this tier: under its own name, or an instance whose view of the tier kind is it (an asg for its ec2).
    const deps: string[] = [];
    for (const [key, list] of Object.entries(given)) {
      if (key === tierName || (tierName !== undefined && views.get(key)?.get(dep.tier) === tierName)) {
        if (dep.deep) used.add(key);
        for (const d of list) if (!deps.includes(d)) deps.push(d);
      }
    }
    if (!dep.deep) return c;
    if (deps.length === 0) {
      throw new Error(`compose: ${names[i]}'s deep health check needs what the application depends on: compose(..., { dependsOn: { ${tierName ?? dep.tier}: ['rds', ...] } })`);
    }
    return dep.bind(dependenciesUp(components, plan, deps));
  });
  for (const key of Object.keys(given)) {
    if (!used.has(key)) throw new Error(`compose: dependsOn.${key} has no effect: no component acts on ${key}'s dependencies (a load balancer in front of it with healthCheck: 'deep')`);
  }
  return out;
}

/** Kinds in `components` that can be depended on, for the error message. */
function dependable(components: readonly Component[], kinds: readonly string[]): string {
  const list = kinds.filter((k, i) => components[i].available !== undefined);
  return list.length > 0 ? [...new Set(list)].join(', ') : 'none here';
}

/** True when every instance in `deps` is available, read from the world (or view) a component is given. */
function dependenciesUp(components: readonly Component[], plan: InstancePlan, deps: readonly string[]): (world: World) => boolean {
  const checks = deps.map((d) => {
    const j = plan.names.indexOf(d);
    const c = components[j];
    const view = plan.viewFns[j];
    return view === undefined ? (root: World) => c.available!(root[d], root) : (root: World) => c.available!(root[d], view(root));
  });
  return (w) => {
    const root = rootOf(w);
    for (let k = 0; k < checks.length; k++) if (!checks[k](root)) return false;
    return true;
  };
}
