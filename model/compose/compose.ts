/**
 * `compose` joins components into one Model (design.md "Components and composition").
 *
 * The world has one slice per component, keyed by its name, in component order, plus
 * `faults: { used }` when a global fault budget is set. `actions` asks every component in
 * order, drops fault-kind actions once the budget is spent, and appends `Tick` while some
 * component's timer runs. `next` routes an action through a dispatch table built once (action
 * type -> subscribers, like a Redux store): each subscriber reduces its own slice from the
 * same old world, and a new world is built (one constructor, one shape) only when a slice changed.
 *
 * With a control plane among the components (one with a `controlPlane` role, see
 * model/aws/control-plane), every action type a catalog marks `plane: 'control'` (an AWS API
 * call) is also routed to it, and `actions` leaves those out while the control plane is closed;
 * without one, `actions` and `next` are exactly what they were before control planes existed.
 * With several (one per Region, model/aws/region), each API call is routed to and gated on the
 * control plane its originator sees through its view (its `uses.controlPlane`, or the only
 * one): a Region's outage or impaired control plane blocks only that Region's calls.
 */
import type { Property } from '../core/property.js';
import type { Component, ControlPlaneRole, PackedComponent, World, WorldOf } from './component.js';
import { formatAction, type Action, type Model } from '../core/model.js';
import { t, type Fields, type RecordSchema, type Schema } from '../core/schema.js';
import { resolveClock } from './clock.js';
import { checkOptions } from './options.js';
import { readGuard } from './missing.js';
import { ROOT, planInstances, rebaseProperty, wrapInstances, type InstancePlan } from './instances.js';
import { bindDependencies, type DependsOn } from './dependencies.js';
import { worldSymmetry, type DroppedSet, type SlotSet } from '../core/symmetry.js';
import { partialOrderInfo, type PartialOrderInfo } from './partial-order.js';
import { composePacked, packedLayout } from './packed.js';

/** Time advances one tick: every running timer of every component moves one step. Originated by compose. */
export interface Tick {
  readonly type: 'Tick';
  readonly kind: 'control';
}

/** The one `Tick` action object. */
export const TICK: Tick = Object.freeze({ type: 'Tick', kind: 'control' });

/** `Tick`. */
export function tick(): Tick {
  return TICK;
}

/** The compose-owned slice holding the global fault count (present when `maxFaults` is set). */
export const FAULTS = 'faults';
/** `world.faults`: fault-kind actions taken so far. */
export interface FaultsState {
  readonly used: number;
}

/** Options of `compose`; `W` is the composed world the properties read. */
export interface ComposeOptions<W extends World = World> {
  /** Global fault budget: after this many fault-kind steps, no fault is enabled. Default: none. */
  readonly maxFaults?: number;
  /** Action types that count as recovery for `recovers` (a script remapping an EIP...). */
  readonly recovery?: readonly string[];
  /** The properties to check, over the composed world. */
  readonly properties?: readonly Property<W>[];
  /** The composition's clock: seconds per `Tick` for every component (see model/compose/clock.ts). */
  readonly tickSeconds?: number;
  /**
   * What each application tier needs to answer (`{ web: ['rds'] }`, model/compose/dependencies.ts):
   * a load balancer with a deep health check in front of the tier fails its targets while a dependency is down.
   */
  readonly dependsOn?: DependsOn;
}

/** The dispatch table, and the action types that are AWS API calls (`plane: 'control'`). */
interface Dispatch {
  readonly routes: Map<string, Route>;
  readonly api: readonly string[];
}

/** What the dispatch table knows about one action type. */
interface Route {
  /** Index of the originating component; -1 for `Tick`. */
  readonly origin: number;
  /** Indices of the subscribed components, in component order. */
  readonly subscribers: readonly number[];
}

/** The world of `compose(components, { maxFaults })`: the components' slices, and the fault count when a budget is set. */
export type ComposedWorld<C extends readonly Component<any, any, string>[]> = WorldOf<C> & { readonly faults?: FaultsState };

/** A composed model also lists its components' catalogs, for coverage reports. */
export interface ComposedModel<W extends World = World> extends Model<W, Action> {
  readonly components: readonly { readonly name: string; readonly catalog: Component['catalog'] }[];
  /** Seconds per `Tick` (the composition's one clock); undefined when no component has timers. */
  readonly tickSeconds: number | undefined;
  /** A world field's explanation by its component (`sqs.messages[].ttl`), for size warnings. */
  explainField(field: string): string | undefined;
  /**
   * The slot sets components declare (`t.slots`) that this composition applies, in `canonical`
   * (present when there is one), and those it drops, with the reason (model/core/symmetry.ts);
   * `permute` applies one permutation per applied set (engine/symmetry.ts checks with it).
   */
  readonly slotSymmetry: {
    readonly sets: readonly SlotSet[];
    readonly dropped: readonly DroppedSet[];
    permute(s: W, perms: readonly (readonly number[])[]): W;
  };
  /** What partial-order reduction (engine/por.ts) needs: origins, write sets, recorded reads (model/compose/partial-order.ts). */
  readonly partialOrder: PartialOrderInfo;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Joins `components` into one Model over the world `{ [component.name]: slice, faults? }`.
 *
 * Throws when two components share a name, two originate the same action type, a component
 * subscribes to a type nobody originates (other than `Tick`), or an originated type has no
 * subscriber (for instance asg without `ec2({ autoScaling: true })`).
 *
 * @example
 * const model = compose([az(), capacity(), ec2({ initial: [0, 1], autoScaling: true }), asg({ min: 2 })], { maxFaults: 2 });
 */
export function compose<const C extends readonly Component<any, any, string>[]>(
  components: C,
  options: ComposeOptions<ComposedWorld<C>> = {},
): ComposedModel<ComposedWorld<C>> {
  return composeWorld(components, options as ComposeOptions) as unknown as ComposedModel<ComposedWorld<C>>;
}

/** `compose` on untyped worlds: what the typed signature above calls. */
function composeWorld(given: readonly Component[], options: ComposeOptions): ComposedModel {
  checkOptions('compose', options, ['maxFaults', 'recovery', 'properties', 'tickSeconds', 'dependsOn'] satisfies (keyof ComposeOptions)[]);
  const clock = resolveClock(given, options.tickSeconds);
  for (const c of clock.components) if (c.name === ROOT) throw new Error(`compose: the name "${ROOT}" is reserved`);
  // Named instances: each sees the world as its default world (model/compose/instances.ts).
  const plan = planInstances(clock.components);
  const components = wrapInstances(bindDependencies(clock.components, plan, options.dependsOn), plan);
  const n = components.length;
  const maxFaults = options.maxFaults;
  const counting = maxFaults !== undefined;
  if (counting && (!Number.isInteger(maxFaults) || maxFaults < 0)) throw new Error(`compose: maxFaults must be a non-negative integer, got ${maxFaults}`);

  const names: string[] = [];
  for (const c of components) {
    if (!IDENTIFIER.test(c.name)) throw new Error(`compose: component name ${JSON.stringify(c.name)} is not an identifier`);
    if (names.includes(c.name)) throw new Error(`compose: two components are named ${JSON.stringify(c.name)}`);
    if (counting && c.name === FAULTS) throw new Error(`compose: the name "${FAULTS}" is reserved for the fault budget`);
    names.push(c.name);
  }

  const gates: number[] = [];
  for (let i = 0; i < n; i++) if (components[i].controlPlane !== undefined) gates.push(i);
  const gateIndex = gates.length === 1 ? gates[0] : -1;
  const gateOf = gateAssignment(components, names, gates, plan);
  const { routes, api } = buildRoutes(components, gateOf);
  const recovery = new Set(options.recovery ?? []);
  for (const type of recovery) if (!routes.has(type)) throw new Error(`compose: recovery action ${type} is not originated by any component`);

  const fields: Record<string, RecordSchema<Fields>['fields'][string]> = {};
  for (let i = 0; i < n; i++) fields[names[i]] = components[i].schema as RecordSchema<Fields>['fields'][string];
  if (counting) fields[FAULTS] = t.record('Faults', { used: t.int(0, maxFaults) });
  const worldSchema = t.record('World', fields);
  const codec = worldSchema.codec();
  // Declared slot sets: kept where every component reducing the owner's actions declares its references.
  const hears = components.map((_, i) => {
    const origins = new Set<string>();
    for (const route of routes.values()) if (route.origin >= 0 && route.origin !== i && route.subscribers.includes(i)) origins.add(names[route.origin]);
    return [...origins];
  });
  const symmetry = worldSymmetry(worldSchema, components.map((_, i) => ({ name: names[i], resolveKind: (kind: string) => plan.views.get(names[i])?.get(kind), hears: hears[i], symmetricIn: components[i].symmetricIn })));
  const canonical = symmetry.symmetry;

  // One generated constructor: every world has the same keys in the same order (one shape),
  // the order the schema's decoder uses too. Names are checked identifiers.
  const keys = counting ? [...names, FAULTS] : names;
  const makeWorld = new Function('s', `return { ${keys.map((k, i) => `${k}: s[${i}]`).join(', ')} };`) as (slices: unknown[]) => World;
  const faultRecords: FaultsState[] = [];
  for (let u = 0; u <= (maxFaults ?? 0); u++) faultRecords.push(Object.freeze({ used: u }));

  const initialSlices: unknown[] = components.map((c) => c.init());
  if (counting) initialSlices.push(faultRecords[0]);
  const initial = makeWorld(initialSlices);
  worldSchema.validate(initial);

  const tickers: number[] = [];
  for (let i = 0; i < n; i++) if (components[i].ticking) tickers.push(i);

  // The hot calls are generated once per composition, unrolled over the components (issue 16):
  // each call site into a component is monomorphic and each slice is a named load, where a loop
  // over `components[i]` and `s[names[i]]` would be megamorphic at every step.
  /** Pushes every component's enabled actions, in component order. */
  const enabledOf = new Function('C', `return function enabled(s, out) { ${components.map((_, i) => `C[${i}].actions(s, out);`).join(' ')} };`)(components) as (s: World, out: Action[]) => void;
  /** Appends `Tick` when some component's timer runs (the first ticking one in component order decides). */
  const pushTick = new Function('C', 'TICK', `return function pushTick(s, out) { ${tickers.map((i) => `if (C[${i}].ticking(s.${keys[i]}, s)) { out.push(TICK); return; }`).join(' ')} };`)(components, TICK) as (s: World, out: Action[]) => void;

  /** Every component's enabled actions, without faults once the budget is spent. */
  function componentActions(s: World): Action[] {
    const out: Action[] = [];
    enabledOf(s, out);
    if (counting && (s[FAULTS] as FaultsState).used >= maxFaults) {
      let kept = 0;
      for (let r = 0; r < out.length; r++) if (out[r].kind !== 'fault') out[kept++] = out[r];
      if (kept < out.length) out.length = kept;
    }
    return out;
  }

  // Without a control plane: the loop as it always was (the hot path of every other composition).
  function actions(s: World): Action[] {
    const out = componentActions(s);
    pushTick(s, out);
    return out;
  }

  // The control plane's gate: only a composition with one builds it and uses `gatedActions`
  // (with several, `multiGatedActions`).
  const gate: ControlPlaneRole | undefined = gateIndex >= 0 ? components[gateIndex].controlPlane : undefined;
  const gateName = gateIndex >= 0 ? names[gateIndex] : '';
  const apiTypes = new Set(api);
  const unbudgeted: ReadonlySet<string> | undefined = gates.length === 0 ? undefined : new Set(gates.flatMap((i) => components[i].controlPlane!.settledTypes));
  for (const i of gates) {
    const own = components[i].catalog;
    for (const type of components[i].controlPlane!.settledTypes) {
      if (!own.fault.includes(type)) throw new Error(`compose: ${names[i]}'s settled-only action ${type} is not among its faults`);
    }
  }

  /**
   * `actions` with a control plane: the settled-only actions (`LockOut`) join when no component
   * enables a control-kind action (judged before gating: a launch the gate holds back still
   * means the system has not settled), then the API calls leave while the gate is closed.
   */
  function gatedActions(s: World): Action[] {
    const out = componentActions(s);
    const slice = s[gateName];
    let settled = true;
    for (let r = 0; r < out.length; r++) {
      if (out[r].kind === 'control') {
        settled = false;
        break;
      }
    }
    if (settled) gate!.settled(slice, s, out);
    if (!gate!.open(slice, s)) {
      let kept = 0;
      for (let r = 0; r < out.length; r++) if (!apiTypes.has(out[r].type)) out[kept++] = out[r];
      out.length = kept;
    }
    pushTick(s, out);
    return out;
  }

  // Several control planes (one per Region): each API call type is gated on its originator's.
  const roles: readonly ControlPlaneRole[] = gates.map((i) => components[i].controlPlane!);
  const roleNames: readonly string[] = gates.map((i) => names[i]);
  /** Per API call type, the position in `gates` of the control plane it is gated on. */
  const apiGate = new Map<string, number>();
  for (const type of api) apiGate.set(type, gates.indexOf(gateOf[routes.get(type)!.origin]));
  /** Per control plane, open in the world being expanded (reused: `actions` is not re-entered). */
  const openNow: boolean[] = roles.map(() => true);

  /** `gatedActions` with several control planes: an API call leaves while its own control plane is closed. */
  function multiGatedActions(s: World): Action[] {
    const out = componentActions(s);
    let settled = true;
    for (let r = 0; r < out.length; r++) {
      if (out[r].kind === 'control') {
        settled = false;
        break;
      }
    }
    let allOpen = true;
    for (let g = 0; g < roles.length; g++) {
      const slice = s[roleNames[g]];
      if (settled) roles[g].settled(slice, s, out);
      openNow[g] = roles[g].open(slice, s);
      if (!openNow[g]) allOpen = false;
    }
    if (!allOpen) {
      let kept = 0;
      for (let r = 0; r < out.length; r++) {
        const g = apiGate.get(out[r].type);
        if (g === undefined || openNow[g]) out[kept++] = out[r];
      }
      out.length = kept;
    }
    pushTick(s, out);
    return out;
  }

  /** A fault taken with the budget spent: the composition's contract broken by its caller. */
  const spent = (a: Action): never => {
    throw new Error(`compose: fault ${a.type} taken with the fault budget (${maxFaults}) spent`);
  };
  /**
   * `next` for one action type, generated: its subscribers reduce their slices from the same old
   * world, in component order; a fault-kind action that counts against the budget takes the next
   * fault record; the old world comes back when nothing changed, else one new world (one literal,
   * the keys in the order of `makeWorld` and the decoder: one shape).
   */
  function compileStep(subs: readonly number[], budgeted: boolean): (s: World, a: Action) => World {
    const body: string[] = [];
    const changed: string[] = [];
    const value = keys.map((k) => `s.${k}`);
    for (const i of subs) {
      body.push(`const b${i} = s.${keys[i]}; const x${i} = C[${i}].reduce(b${i}, a, s);`);
      changed.push(`x${i} !== b${i}`);
      value[i] = `x${i}`;
    }
    if (budgeted) {
      body.push(`let f = s.${FAULTS};`, `if (a.kind === 'fault') { const used = f.used; if (used >= M) spent(a); f = R[used + 1]; }`);
      changed.push(`f !== s.${FAULTS}`);
      value[n] = 'f';
    }
    body.push(`if (!(${changed.join(' || ') || 'false'})) return s;`, `return { ${keys.map((k, i) => `${k}: ${value[i]}`).join(', ')} };`);
    return new Function('C', 'M', 'R', 'spent', `return function step(s, a) { ${body.join(' ')} };`)(components, maxFaults, faultRecords, spent) as (s: World, a: Action) => World;
  }
  const steps = new Map<string, (s: World, a: Action) => World>();
  for (const [type, route] of routes) steps.set(type, compileStep(route.subscribers, counting && (unbudgeted === undefined || !unbudgeted.has(type))));

  function next(s: World, a: Action): World {
    const step = steps.get(a.type);
    if (step === undefined) throw new Error(`compose: no component originates action ${a.type}`);
    return step(s, a);
  }

  // A library property names the slices it reads: on a composition without one it would
  // crash on the first state, or hold vacuously. A need with a dot names what a component
  // offers by its options (`controlPlane.lockOut`).
  const provided = new Set<string>();
  for (const c of components) for (const x of c.provides ?? []) provided.add(x);
  const properties = (options.properties ?? []).map((p) => rebaseProperty(p, plan));
  for (const p of properties) {
    for (const need of p.needs ?? []) {
      if (names.includes(need) || plan.byKind.has(need) || provided.has(need)) continue;
      if (need.includes('.')) throw new Error(`compose: property ${p.name} needs ${need}, which no component of this composition provides (components: ${names.join(', ')})`);
      throw new Error(`compose: property ${p.name} reads the ${need} component, which this composition lacks (components: ${names.join(', ')})`);
    }
  }

  // What each component needs of the others (a group within ec2's slots): one line now, not a
  // crash on the first state that reads past it.
  for (let i = 0; i < n; i++) {
    const why = components[i].requires?.(initial, worldSchema as unknown as Schema<World>);
    if (why !== undefined) throw new Error(`compose: ${names[i]} ${why}`);
  }

  // A read of a component this composition lacks (an option's, a property's): one line naming it.
  const guard = readGuard(components, names);
  guard.check(initial, properties);

  // Transitions on codes, where every component gives them (model/compose/packed.ts).
  const packed = (() => {
    // One control plane at most (several gate each call on its Region's, with Regions, which have no packed form).
    if (gates.length > 1 || !plan.identity.every(Boolean) || !components.every((c) => c.packed !== undefined)) return undefined;
    const layout = packedLayout(worldSchema as Schema<unknown>, names);
    const parts: PackedComponent[] = [];
    for (const c of components) {
      const part = c.packed!(layout);
      if (part === undefined) return undefined;
      parts.push(part);
    }
    // A control plane of the caller's own whose packed form has no gate: objects.
    if (gateIndex >= 0 && parts[gateIndex].gate === undefined) return undefined;
    return composePacked({
      words: codec.words,
      parts,
      routes,
      tick: TICK,
      ...(counting ? { faults: { used: layout.field(`${FAULTS}.used`), max: maxFaults } } : {}),
      spent,
      defers: components.map((c) => c.mayDefer !== undefined),
      ...(gateIndex >= 0 ? { gate: { part: gateIndex, api: apiTypes, unbudgeted: unbudgeted! } } : {}),
    });
  })();

  // Ranged delays (a failover's 60-120 s): only compositions with such a component get `mayDefer`.
  const deferring = components.some((c) => c.mayDefer !== undefined);
  function mayDefer(s: World, a: Action): boolean {
    const origin = routes.get(a.type)?.origin ?? -1;
    if (origin < 0) return false;
    const c = components[origin];
    return c.mayDefer !== undefined && c.mayDefer(s[names[origin]], a, s);
  }

  return {
    init: () => [initial],
    actions: guard.actions(gates.length === 0 ? actions : gates.length === 1 ? gatedActions : multiGatedActions),
    next: guard.next(next),
    properties,
    components: components.map((c) => ({ name: c.name, catalog: c.catalog })),
    tickSeconds: clock.tickSeconds,
    schema: worldSchema as unknown as Model<World, Action>['schema'],
    format(a: Action): string {
      const origin = routes.get(a.type)?.origin ?? -1;
      const c = origin >= 0 ? components[origin] : undefined;
      return c?.format ? c.format(a) : formatAction(a);
    },
    codeWords: codec.words,
    encode: codec.encode,
    decode: codec.decode,
    // A successor shares every slice no reducer changed (the same object): re-encode only the others.
    encodeFrom: codec.encodeFrom,
    isRecovery: (a: Action) => recovery.has(a.type),
    ...(packed ? { packed } : {}),
    ...(deferring ? { mayDefer } : {}),
    // Only under symmetry reduction: the representative of the world's orbit.
    ...(canonical ? { canonical: (s: World) => canonical.canonical(s), canonicalCode: (s: World, out: Uint32Array, off: number, parent?: World, parentCode?: Uint32Array) => canonical.canonicalCode(s, out, off, parent, parentCode) } : {}),
    slotSymmetry: {
      sets: canonical?.sets ?? [],
      dropped: symmetry.dropped,
      permute: (s: World, perms: readonly (readonly number[])[]) => {
        if (canonical) return canonical.permute(s, perms);
        if (perms.length > 0) throw new Error('compose: this composition applies no slot set');
        return s;
      },
    },
    partialOrder: partialOrderInfo(components, keys, routes, { counting, unbudgeted, gated: gates.length > 0 }),
    explainField(field: string): string | undefined {
      const dot = field.indexOf('.');
      const c = components[names.indexOf(dot < 0 ? field : field.slice(0, dot))];
      return c?.explainField && dot >= 0 ? c.explainField(field.slice(dot + 1)) : undefined;
    },
    component(a: Action): string {
      const origin = routes.get(a.type)?.origin;
      if (origin === undefined) throw new Error(`compose: no component originates action ${a.type}`);
      return origin < 0 ? 'compose' : names[origin];
    },
  };
}

/**
 * Per component, the control plane its API calls go to (an index into `components`, -1 for
 * none): the one control plane; with several (one per Region), the one its view has (its
 * `uses.controlPlane`, or the only one), and a one-line error for a component that makes API
 * calls and sees none of them.
 */
function gateAssignment(components: readonly Component[], names: readonly string[], gates: readonly number[], plan: InstancePlan): number[] {
  if (gates.length <= 1) return components.map(() => (gates.length === 1 ? gates[0] : -1));
  return components.map((c, i) => {
    const calls = Object.entries(c.catalog.plane ?? {}).filter(([, p]) => p === 'control').map(([type]) => type);
    if (calls.length === 0) return -1;
    const view = plan.views.get(names[i]);
    const seen = gates.filter((g) => view?.get(plan.kinds[g]) === names[g]);
    if (seen.length !== 1) {
      const kind = plan.kinds[gates[0]];
      throw new Error(`compose: ${names[i]} makes API calls (${calls.join(', ')}) and this composition has several control planes (${gates.map((g) => names[g]).join(', ')}); name the one of its Region with ${plan.kinds[i]}({ uses: { ${kind}: '...' } })`);
    }
    return seen[0];
  });
}

/**
 * The dispatch table; throws on duplicate originators, dangling subscriptions and a catalog
 * whose planes do not cover exactly its action types. With control planes (`gateOf`: per
 * component, the control plane its API calls go to, or -1), every API call is routed to its
 * originator's as well, in component order.
 */
function buildRoutes(components: readonly Component[], gateOf: readonly number[]): Dispatch {
  const origins = new Map<string, number>();
  const api: string[] = [];
  components.forEach((c, i) => {
    const listed: string[] = [];
    for (const kind of ['op', 'fault', 'control'] as const) {
      for (const type of c.catalog[kind]) {
        if (type === 'Tick') throw new Error(`compose: ${c.name} originates Tick, which only compose originates`);
        const other = origins.get(type);
        if (other !== undefined) throw new Error(`compose: action ${type} is originated by both ${components[other].name} and ${c.name}`);
        origins.set(type, i);
        listed.push(type);
      }
    }
    const plane = c.catalog.plane;
    if (plane === undefined) return;
    for (const type of listed) {
      if (!Object.hasOwn(plane, type)) throw new Error(`compose: ${c.name}'s catalog gives no plane for ${type}`);
      const p = plane[type];
      if (p !== 'control' && p !== 'data') throw new Error(`compose: ${c.name}'s catalog gives ${type} the plane ${JSON.stringify(p)}, not control or data`);
      if (p === 'control') api.push(type);
    }
    for (const type of Object.keys(plane)) {
      if (!listed.includes(type)) throw new Error(`compose: ${c.name}'s catalog gives a plane for ${type}, which it does not originate`);
    }
  });
  const subscribers = new Map<string, number[]>([['Tick', []]]);
  for (const type of origins.keys()) subscribers.set(type, []);
  components.forEach((c, i) => {
    for (const type of c.subscribes) {
      const list = subscribers.get(type);
      if (list === undefined) {
        throw new Error(`compose: ${c.name} subscribes to ${type}, which no component originates (components: ${components.map((x) => x.name).join(', ')})`);
      }
      if (list.includes(i)) throw new Error(`compose: ${c.name} subscribes to ${type} twice`);
      list.push(i);
    }
  });
  for (const type of api) {
    const gate = gateOf[origins.get(type)!];
    if (gate < 0) continue;
    const list = subscribers.get(type)!;
    if (list.includes(gate)) continue;
    list.push(gate);
    list.sort((x, y) => x - y);
  }
  const routes = new Map<string, Route>();
  routes.set('Tick', { origin: -1, subscribers: subscribers.get('Tick')! });
  for (const [type, origin] of origins) {
    const subs = subscribers.get(type)!;
    if (subs.length === 0) throw new Error(`compose: ${components[origin].name} originates ${type} but no component subscribes to it`);
    routes.set(type, { origin, subscribers: subs });
  }
  return { routes, api };
}
