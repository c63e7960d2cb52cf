/**
 * The route53 component on the composed world's code (model/compose/packed.ts):
 * `route53Actions` and `reduceRoute53` for records of their own endpoints or an alias primary
 * (which reads the load balancer's routing on codes at `Tick`). Endpoints that follow Regions
 * have no packed form.
 */
import type { PackedComponent, PackedLayout, PackedReducer } from '../../compose/component.js';
import { reducerOf } from '../../compose/packed.js';
import type { Action } from '../../core/model.js';
import { evaluateTargetHealth, servesHealthyTarget } from '../elb/index.js';
import type { Route53Config } from './options.js';
import { PRIMARY, ROUTE53, SECONDARY } from './state.js';

/** route53's packed form, or undefined for endpoints in Regions, or an alias primary whose load balancer's routing has no packed form. */
export function packedRoute53(c: Route53Config, layout: PackedLayout): PackedComponent | undefined {
  if (c.followsRegions) return undefined;
  const { alias } = c;
  // An alias primary follows the load balancer (`withAliasPrimary`): Evaluate Target Health, and whether it serves a healthy target.
  const targetHealth = alias ? layout.read(evaluateTargetHealth) : undefined;
  const servesHealthy = alias ? layout.read(servesHealthyTarget) : undefined;
  if (alias && (targetHealth === undefined || servesHealthy === undefined)) return undefined;
  const { threshold, checked, ignoresTtl, maxFailures, isolation, recordChanges, intervalTicks, ttlTicks, boundTicks, A } = c;
  const upF = layout.field(`${ROUTE53}.endpoints[].up`);
  const reachableF = layout.field(`${ROUTE53}.endpoints[].reachable`);
  const healthyF = layout.field(`${ROUTE53}.endpoints[].healthy`);
  const streakF = layout.field(`${ROUTE53}.endpoints[].streak`);
  const probeTimerF = layout.field(`${ROUTE53}.probeTimer`);
  const targetF = layout.field(`${ROUTE53}.target`);
  const ttlF = layout.field(`${ROUTE53}.ttl`);
  const strandedF = layout.field(`${ROUTE53}.stranded`);
  const lateF = layout.field(`${ROUTE53}.late`);
  const failuresF = layout.field(`${ROUTE53}.failures`);
  const primaryF = layout.field(`${ROUTE53}.primary`);

  // Table: resolve, the two record edits, then per endpoint its failure, isolation and repair.
  const table: Action[] = [A.resolve, ...A.change, ...A.down, ...A.isolated, ...A.up];
  const RESOLVE = 0, CHANGE = 1, DOWN = 3, ISOLATED = 5, UP = 7;

  /** `answerOf` on the endpoints in `buf` and the primary record's endpoint `primary`. */
  const answer = (buf: Uint32Array, o: number, primary: number): number => {
    if (healthyF.get(buf, o, primary) === 1) return primary;
    const secondary = primary === PRIMARY ? SECONDARY : PRIMARY;
    return healthyF.get(buf, o, secondary) === 1 ? secondary : primary;
  };
  const endpointOf = (a: Action): number => (a as unknown as { readonly endpoint: number }).endpoint;
  /** `probe`: one health check of endpoint `i`, in place in `out`. */
  const probe = (out: Uint32Array, o: number, i: number): void => {
    if (!checked[i]) return;
    const up = upF.get(out, o, i);
    if (up === healthyF.get(out, o, i)) streakF.set(out, o, i, 0);
    else if (streakF.get(out, o, i) + 1 >= threshold) {
      healthyF.set(out, o, i, up);
      streakF.set(out, o, i, 0);
    } else streakF.set(out, o, i, streakF.get(out, o, i) + 1);
  };
  const reducers: Record<string, PackedReducer> = {
    DnsEndpointDown: (a, code, off, out, o) => {
      const i = endpointOf(a);
      upF.set(out, o, i, 0);
      reachableF.set(out, o, i, 0);
      failuresF.set(out, o, failuresF.get(code, off) + 1);
    },
    DnsEndpointIsolated: (a, code, off, out, o) => {
      const i = endpointOf(a);
      upF.set(out, o, i, 1);
      reachableF.set(out, o, i, 0);
      failuresF.set(out, o, failuresF.get(code, off) + 1);
    },
    DnsEndpointUp: (a, _code, _off, out, o) => {
      const i = endpointOf(a);
      upF.set(out, o, i, 1);
      reachableF.set(out, o, i, 1);
    },
    DnsResolve: (_a, code, off, out, o) => {
      const target = answer(code, off, primaryF.get(code, off));
      targetF.set(out, o, target);
      ttlF.set(out, o, ttlTicks);
      if (target !== targetF.get(code, off)) strandedF.set(out, o, 0);
    },
    ChangeRecord: (a, _code, _off, out, o) => primaryF.set(out, o, endpointOf(a)),
    Tick: (_a, code, off, out, o) => {
      if (alias) {
        // The alias primary as the load balancer has it in the world before; its status follows at once.
        const up = targetHealth!(code, off, PRIMARY) ? 1 : 0;
        const reachable = servesHealthy!(code, off, PRIMARY) ? 1 : 0;
        const healthy = checked[PRIMARY] ? up : healthyF.get(code, off, PRIMARY);
        if (upF.get(code, off, PRIMARY) !== up || reachableF.get(code, off, PRIMARY) !== reachable || healthyF.get(code, off, PRIMARY) !== healthy) {
          upF.set(out, o, PRIMARY, up);
          reachableF.set(out, o, PRIMARY, reachable);
          healthyF.set(out, o, PRIMARY, healthy);
          streakF.set(out, o, PRIMARY, 0);
        }
      }
      const probeTimer = probeTimerF.get(code, off) - 1;
      if (probeTimer === 0) {
        probeTimerF.set(out, o, intervalTicks);
        if (!alias) probe(out, o, PRIMARY);
        probe(out, o, SECONDARY);
      } else probeTimerF.set(out, o, probeTimer);
      let target = targetF.get(code, off);
      if (!ignoresTtl) {
        const ttl = ttlF.get(code, off) - 1;
        if (ttl <= 0) {
          ttlF.set(out, o, ttlTicks);
          target = answer(out, o, primaryF.get(code, off));
          targetF.set(out, o, target);
        } else ttlF.set(out, o, ttl);
      }
      // The clock restarts when the client moves (a move is the failover the bound is about).
      let stranded = 0;
      if (reachableF.get(out, o, target) === 0 && reachableF.get(out, o, 1 - target) === 1) {
        const before = target === targetF.get(code, off) ? strandedF.get(code, off) : 0;
        if (before < boundTicks) stranded = before + 1;
        else {
          stranded = boundTicks;
          lateF.set(out, o, 1); // stranded longer than detection + TTL
        }
      }
      strandedF.set(out, o, stranded);
    },
  };

  return {
    table,
    actions(code, off, out, n, base) {
      if (!ignoresTtl && ttlF.get(code, off) < ttlTicks) out[n++] = base + RESOLVE;
      if (recordChanges) {
        // The operator acts on what users see: the primary's endpoint unreachable, the other one reachable.
        const primary = primaryF.get(code, off);
        const other = 1 - primary;
        if (reachableF.get(code, off, primary) === 0 && reachableF.get(code, off, other) === 1) out[n++] = base + CHANGE + other;
      }
      const canFail = failuresF.get(code, off) < maxFailures;
      // An alias primary fails only through the load balancer and what is behind it.
      for (let i = alias ? SECONDARY : PRIMARY; i < 2; i++) {
        if (reachableF.get(code, off, i) === 1) {
          if (canFail) {
            out[n++] = base + DOWN + i;
            if (isolation) out[n++] = base + ISOLATED + i;
          }
        } else out[n++] = base + UP + i;
      }
      return n;
    },
    reducer: reducerOf('route53', reducers),
    // Health checkers probe and caches expire forever: time always runs.
    ticking: () => true,
  };
}
