/**
 * Static stability (aws-semantics §9): a design is statically stable when it keeps its promise
 * with the control plane impaired, using only what is already provisioned. "Even if the ability
 * to create, modify, or delete resources is impaired, existing resources remain available" [Z4];
 * a design that reacts to an Availability Zone loss by launching capacity depends on the control
 * plane at the moment it is most stressed [Z5] (INV-AZ-2).
 *
 * `staticallyStable(p)` reads that as: from every reachable state in which the system has
 * settled (no component enables a control-kind action other than `Tick`), impair the control
 * plane for good (controlPlane's `LockOut`, outside the fault budget), then let the fault
 * budget play out; `p` must hold in every state reached (an `always` property or predicate),
 * or be restored on every recovery path from each of them (a `recovers` property). The check is
 * `p` restricted to the states after `LockOut`: `always(s => !lockedOut(s) || p(s))`, so the
 * exhaustive explorer's verdict is exact, and a counterexample is the path to a settled state,
 * `LockOut`, and the faults that break `p`. It needs `controlPlane({ lockOut: true })`: compose
 * refuses it, in one line, on a composition without.
 *
 * "Settled" ignores `Tick`: a state where only time can pass (a boot, a health check's interval,
 * the group's impaired wait before it marks a lost instance) is settled, so the control plane
 * may also fail in the middle of a recovery, before the launch the design waits for; work the
 * data plane already has in hand (a boot, a check) still completes. Counting `Tick` would leave
 * designs with a clock that never stops (Route 53's probes, RDS's log shipping) never settled.
 *
 * `LockOut` adds states, and every other property of the composition sees them too: wrap the
 * ones that should keep the verdict they have without it in `ignoringLockOut` (the states
 * before `LockOut` are exactly the states of the composition without it, and `LockOut` is a
 * fault, so no recovery path takes it).
 *
 * Sources: [Z4] https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/static-stability.html
 * · [Z5] https://aws.amazon.com/builders-library/static-stability-using-availability-zones/
 */
import { CONTROL_PLANE, LOCK_OUT_CAPABILITY, controlPlaneImpairedNow, lockedOut } from '../model/aws/control-plane/index.js';
import type { World } from '../model/compose/component.js';
import {
  always, needing, sometimes, type AlwaysProperty, type Property, type RecoversProperty, type SometimesProperty,
} from '../model/core/property.js';

const STATIC_NEEDS = [CONTROL_PLANE, LOCK_OUT_CAPABILITY] as const;

/** `needs`, then `more` not already among them. */
function withNeeds(needs: readonly string[] | undefined, more: readonly string[]): readonly string[] {
  const out = [...(needs ?? [])];
  for (const x of more) if (!out.includes(x)) out.push(x);
  return Object.freeze(out);
}

/**
 * StaticallyStable…: `p` holds after the control plane is impaired for good from a settled state,
 * whatever the rest of the fault budget does (see the module comment). An `always` property or
 * a predicate must hold in every state reached after `LockOut`; a `recovers` property must be
 * restored on every recovery path from each of them. The property is named `StaticallyStable`
 * followed by `p`'s name (`StaticallyStable` for a predicate).
 *
 * @example staticallyStable(atLeastNHealthy(2)) // StaticallyStableAtLeastNHealthy
 */
export function staticallyStable(p: AlwaysProperty<World>): AlwaysProperty<World>;
export function staticallyStable(p: RecoversProperty<World>): RecoversProperty<World>;
export function staticallyStable(pred: (w: World) => boolean, description?: string): AlwaysProperty<World>;
export function staticallyStable(
  p: AlwaysProperty<World> | RecoversProperty<World> | ((w: World) => boolean),
  description?: string,
): AlwaysProperty<World> | RecoversProperty<World> {
  if (typeof p === 'function') {
    const inner = p;
    return needing([...STATIC_NEEDS], always('StaticallyStable', (w: World) => !lockedOut(w) || inner(w), description
      ?? 'after the control plane is impaired for good from a settled state, the predicate holds whatever faults follow'));
  }
  const kind = (p as Property<World>).kind;
  if (kind !== 'always' && kind !== 'recovers') {
    throw new Error(`staticallyStable: ${p.name} is a ${kind} property; it takes an always or recovers property, or a predicate`);
  }
  const inner = p.pred.bind(p);
  const what = kind === 'always' ? 'holds in every state reached' : 'is restored on every recovery path';
  return Object.freeze({
    ...p,
    name: `StaticallyStable${p.name}`,
    pred: (w: World) => !lockedOut(w) || inner(w),
    description: `with the control plane impaired for good from a settled state, ${p.name} ${what}${p.description ? ` (${p.description})` : ''}`,
    needs: withNeeds(p.needs, STATIC_NEEDS),
  });
}

/**
 * `p` over the runs without `LockOut`: the verdict `p` gets on the same composition without
 * `lockOut` (for the properties that sit beside a `staticallyStable` one). The name is `p`'s.
 */
export function ignoringLockOut<P extends Property<World>>(p: P): P {
  const q = p as Property<World>;
  if (q.kind !== 'always' && q.kind !== 'recovers' && q.kind !== 'sometimes') {
    throw new Error(`ignoringLockOut: ${q.name} is a ${q.kind} property; it takes an always, recovers or sometimes property`);
  }
  const inner = q.pred.bind(q);
  const pred = q.kind === 'sometimes' ? (w: World) => !lockedOut(w) && inner(w) : (w: World) => lockedOut(w) || inner(w);
  return Object.freeze({ ...q, pred, needs: withNeeds(q.needs, [CONTROL_PLANE]) }) as unknown as P;
}

/** ReachedControlPlaneImpaired: the control plane is impaired (by `ControlPlaneImpaired` or `LockOut`): API calls fail. */
export function reachedControlPlaneImpaired(): SometimesProperty<World> {
  return needing([CONTROL_PLANE], sometimes('ReachedControlPlaneImpaired', controlPlaneImpairedNow, 'the control plane is impaired: AWS API calls fail'));
}

/**
 * `reached`, in a state after `LockOut` (named `reached`'s name + `WhileLockedOut`): the fault a
 * `staticallyStable` verdict is about really happened with the control plane gone, so the
 * verdict is not vacuous.
 *
 * @example reachedWhileLockedOut(reachedAzOutage()) // ReachedAzOutageWhileLockedOut
 */
export function reachedWhileLockedOut(reached: SometimesProperty<World>): SometimesProperty<World> {
  const inner = reached.pred.bind(reached);
  return needing(withNeeds(reached.needs, STATIC_NEEDS), sometimes(
    `${reached.name}WhileLockedOut`,
    (w: World) => lockedOut(w) && inner(w),
    `with the control plane impaired for good: ${reached.description ?? reached.name}`,
  ));
}
