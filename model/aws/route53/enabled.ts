/**
 * What route53 enables in a world (its `actions`, in a fixed order: the client's early
 * resolve, the operator's record edit, then per endpoint its failure and isolation, or its
 * repair), and `ticking`.
 */
import type { World } from '../../compose/component.js';
import type { Route53Action } from './actions.js';
import type { Route53Config } from './options.js';
import { ROUTE53, SECONDARY, type Route53State } from './state.js';

/** Pushes every action route53 enables in `world` onto `out` (the pre-built objects of `c.A`). */
export function route53Actions(c: Route53Config, world: World, out: Route53Action[]): void {
  const s = world[ROUTE53] as Route53State;
  const A = c.A;
  const canFail = s.failures < c.maxFailures;
  if (!c.ignoresTtl && s.ttl < c.ttlTicks) out.push(A.resolve);
  if (c.recordChanges) {
    // The operator acts on what users see: the primary's endpoint unreachable, the other one reachable.
    const other = 1 - s.primary;
    if (!s.endpoints[s.primary].reachable && s.endpoints[other].reachable) out.push(A.change[other]);
  }
  // An alias primary fails only through the load balancer and what is behind it.
  for (let i = c.alias ? SECONDARY : 0; i < 2; i++) {
    if (c.regions[i] !== undefined) continue; // it fails with its Region (model/aws/region)
    const e = s.endpoints[i];
    if (e.reachable) {
      if (canFail) {
        out.push(A.down[i]);
        if (c.isolation) out.push(A.isolated[i]);
      }
    } else {
      out.push(A.up[i]);
    }
  }
}

/** Health checkers probe and caches expire forever: time always runs. */
export function route53Ticking(): boolean {
  return true;
}
