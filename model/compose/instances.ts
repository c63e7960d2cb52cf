/**
 * Several instances of one component in a composition (issue 12): a web tier and a worker
 * tier, two queues, a primary database and a reporting replica.
 *
 * Every component is written against its default world: it reads `world.ec2`, `world.asg`,
 * and originates and reduces plain action types (`AsgLaunch`). An instance built under a
 * name (`asg({ name: 'web', uses: { ec2: 'webEc2' } })`) keeps that code unchanged: compose
 * gives it a *view* of the world in which each component kind it may read is the instance it
 * works with (`view.asg` is `world.web`, `view.ec2` is `world.webEc2`), and renames its action
 * types `web.AsgLaunch` on the way out and back on the way in. Its slice is `world.web`, its
 * labels `web.AsgLaunch(2,1)`.
 *
 * Which instance of kind K an instance works with (its view of K), in this order:
 * 1. the one its `uses` names;
 * 2. the one instance of K whose own `uses` names it (the link read backwards: the ec2 the
 *    group `web` uses hears `web`'s launches);
 * 3. the only instance of K;
 * 4. the instance of K under the default name K;
 * else none: subscribing to K's actions is then a one-line error asking for `uses`.
 *
 * A composition with one instance of each component (every bundled scenario before this
 * existed) resolves every view to the world itself: no component is wrapped, and names,
 * labels, action types, codes and counts are exactly what they were.
 */
import { formatAction, type Action } from '../core/model.js';
import type { Property } from '../core/property.js';
import type { Component, ControlPlaneRole, World } from './component.js';
import type { Schema } from '../core/schema.js';

/** The options every component factory takes besides its own (see `instance`). */
export interface InstanceOptions<N extends string = string> {
  /**
   * The instance's name: its slice's key in the world, the prefix of its action types and
   * labels (`web.AsgLaunch`), what properties and other instances' `uses` name. Default: the
   * component's kind (`asg`), with unprefixed types.
   */
  readonly name?: N;
  /**
   * The instance of another component kind this one works with, by kind (`{ ec2: 'webEc2',
   * elb: 'webLb' }`): needed only where a composition has several instances of that kind.
   */
  readonly uses?: Readonly<Record<string, string>>;
}

/** The option names `instance` takes off before a component checks its own. */
export const INSTANCE_OPTION_NAMES: readonly string[] = ['name', 'uses'];

/** The two options, for a component's parameter catalog. */
export const INSTANCE_PARAMETERS = [
  { name: 'name', default: 'kind', unit: 'name', range: [], description: 'Instance name: slice key and action-type prefix (web.AsgLaunch); default the kind' },
  { name: 'uses', default: {}, unit: 'names', range: [], description: 'Instance of another kind this one works with, by kind ({ ec2: "webEc2" })' },
] as const;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `options` without `name` and `uses`: what the component's own option check sees. */
export function ownOptions<O extends object>(options: O): O {
  if (!Object.hasOwn(options, 'name') && !Object.hasOwn(options, 'uses')) return options;
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(options)) if (key !== 'name' && key !== 'uses') rest[key] = (options as Record<string, unknown>)[key];
  return rest as O;
}

/**
 * Component `c` (built under its kind's name) as the instance `options` name: `name`, `kind`
 * and `uses` set, checked in one line each; unchanged behaviour otherwise (compose wraps it
 * when its view is not the world).
 */
export function instance<S, A extends Action, N extends string>(c: Component<S, A, string>, options: InstanceOptions<N>): Component<S, A, N> {
  const kind = c.kind ?? c.name;
  const name = options.name ?? kind;
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) throw new Error(`${kind}: name must be an identifier (letters, digits, _), got ${JSON.stringify(name)}`);
  const uses = options.uses ?? {};
  if (typeof uses !== 'object' || uses === null || Array.isArray(uses)) throw new Error(`${kind}: uses must map component kinds to instance names, got ${JSON.stringify(uses)}`);
  for (const [k, v] of Object.entries(uses)) {
    if (typeof v !== 'string' || !IDENTIFIER.test(v)) throw new Error(`${kind}: uses.${k} must be an instance name, got ${JSON.stringify(v)}`);
    if (k === kind) throw new Error(`${kind}: uses.${k} names an instance of its own kind; give the instance's name with name`);
  }
  const retick = c.retick;
  const dependent = c.dependent;
  return {
    ...c,
    name: name as N,
    kind,
    uses,
    parameters: [...c.parameters, ...INSTANCE_PARAMETERS],
    retick: retick === undefined ? undefined : (tickSeconds: number) => instance(retick(tickSeconds), options),
    dependent: dependent === undefined ? undefined : { ...dependent, bind: (up: (world: World) => boolean) => instance(dependent.bind(up), options) },
  } as Component<S, A, N>;
}

/** A component's kind: what it is (`asg`), whatever its instance is named. */
export function kindOf(c: Component): string {
  return c.kind ?? c.name;
}

/** The view of world `w` one instance has: its kinds mapped to instances, and the world itself. */
type View = (w: World) => World;

/** The key under which a view keeps the world it was made from (for reads across instances). */
export const ROOT = '$root';

/** The world a component was given: itself, or the world a view was made from. */
export function rootOf(w: World): World {
  return (w[ROOT] as World | undefined) ?? w;
}

/** How a composition's instances see each other: what `planInstances` works out once. */
export interface InstancePlan {
  readonly names: readonly string[];
  readonly kinds: readonly string[];
  /** Per instance name: its instance of each kind. */
  readonly views: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Per component: its view is the world itself (its name is its kind, every kind's instance is the default one). */
  readonly identity: readonly boolean[];
  /** Per component: its view constructor (identity: undefined). */
  readonly viewFns: readonly (View | undefined)[];
  /** Names of the instances of each kind. */
  readonly byKind: ReadonlyMap<string, readonly string[]>;
}

/**
 * Which instance of each kind every instance works with (see the module comment), with
 * one-line errors for a `uses` naming no instance or one of another kind.
 */
export function planInstances(components: readonly Component[]): InstancePlan {
  const kinds = components.map(kindOf);
  const names = components.map((c) => c.name);
  const byKind = new Map<string, string[]>();
  components.forEach((c, i) => {
    const list = byKind.get(kinds[i]) ?? [];
    list.push(names[i]);
    byKind.set(kinds[i], list);
  });
  components.forEach((c, i) => {
    for (const [k, target] of Object.entries(c.uses ?? {})) {
      const j = names.indexOf(target);
      if (j < 0) throw new Error(`compose: ${names[i]} uses ${k} ${JSON.stringify(target)}, which is not in this composition (components: ${names.join(', ')})`);
      if (kinds[j] !== k) throw new Error(`compose: ${names[i]} uses ${JSON.stringify(target)} as its ${k}, but ${target} is a ${kinds[j]}`);
    }
  });

  /** Instance `i`'s instance of kind `k`, or undefined (see the module comment's order). */
  function viewOf(i: number, k: string): string | undefined {
    if (k === kinds[i]) return names[i];
    const given = components[i].uses?.[k];
    if (given !== undefined) return given;
    const all = byKind.get(k);
    if (all === undefined) return undefined;
    const back = all.filter((n) => components[names.indexOf(n)].uses?.[kinds[i]] === names[i]);
    if (back.length === 1) return back[0];
    if (all.length === 1) return all[0];
    return all.includes(k) ? k : undefined;
  }

  const views = new Map<string, Map<string, string>>();
  const identity: boolean[] = [];
  const viewFns: (View | undefined)[] = [];
  components.forEach((c, i) => {
    const view = new Map<string, string>();
    let same = names[i] === kinds[i];
    for (const k of byKind.keys()) {
      const v = viewOf(i, k);
      if (v !== undefined) view.set(k, v);
      if (v !== k) same = false;
    }
    views.set(names[i], view);
    identity.push(same);
    viewFns.push(same ? undefined : makeView(view));
  });
  checkRegionBound(names, kinds, views);
  return { names, kinds, views, identity, viewFns, byKind };
}

/**
 * Region-bound resources, by kind: the kind of instance each is used with, and why they must
 * share a Region (aws-semantics §4-5): an Elastic IP is allocated in one Region and associated
 * only with an instance there; an EBS volume lives in one zone of one Region, and its snapshots
 * in that Region until copied (snapshotCopy), so it attaches only to an instance there.
 */
const REGION_BOUND: Readonly<Record<string, { readonly with: string; readonly what: string }>> = {
  eip: { with: 'ec2', what: 'an Elastic IP is regional: it associates only with an instance in its own Region' },
  ebs: { with: 'ec2', what: 'an EBS volume (and its snapshots) is bound to its Region: it attaches only to an instance there' },
};

/**
 * Refuses, in one line, an eip or ebs instance whose ec2 is in another Region. An instance's
 * Region is its view's (`uses.region`, or the only one), else its zones' (`uses.az`); one
 * without a Region (a composition without Regions) is not checked.
 */
function checkRegionBound(names: readonly string[], kinds: readonly string[], views: ReadonlyMap<string, ReadonlyMap<string, string>>): void {
  const regionOf = (n: string) => regionOfInstance(views, n);
  names.forEach((n, i) => {
    const bound = REGION_BOUND[kinds[i]];
    const other = bound && views.get(n)?.get(bound.with);
    if (!bound || other === undefined) return;
    const mine = regionOf(n);
    const theirs = regionOf(other);
    if (mine !== undefined && theirs !== undefined && mine !== theirs) {
      throw new Error(`compose: ${kinds[i]} ${n} is in Region ${mine} and its ${bound.with} ${other} in Region ${theirs}; ${bound.what} (give both the same uses.region)`);
    }
  });
}

/**
 * `components` with every instance whose view is not the world wrapped (see the module
 * comment). One-line errors: a subscription to a kind with several instances and no way to
 * choose, two kinds originating one action type.
 */
export function wrapInstances(components: readonly Component[], plan: InstancePlan): Component[] {
  const { names, kinds, views, identity, byKind } = plan;
  if (identity.every(Boolean)) return [...components];

  // Which kind originates each plain action type; the full type of each instance's.
  const originKind = new Map<string, string>();
  components.forEach((c, i) => {
    for (const type of [...c.catalog.op, ...c.catalog.fault, ...c.catalog.control]) {
      const other = originKind.get(type);
      if (other !== undefined && other !== kinds[i]) throw new Error(`compose: action ${type} is originated by both ${other} and ${kinds[i]} components`);
      originKind.set(type, kinds[i]);
    }
  });
  const fullType = (instanceName: string, kind: string, type: string) => (instanceName === kind ? type : `${instanceName}.${type}`);
  /** Full type -> plain type, for every renamed type. */
  const plainOf = new Map<string, string>();
  components.forEach((c, i) => {
    if (names[i] === kinds[i]) return;
    for (const type of [...c.catalog.op, ...c.catalog.fault, ...c.catalog.control]) plainOf.set(fullType(names[i], kinds[i], type), type);
  });

  return components.map((c, i) => {
    if (identity[i]) return c;
    const view = views.get(names[i])!;
    const subscribes = c.subscribes.map((type) => {
      if (type === 'Tick') return type;
      const k = originKind.get(type);
      if (k === undefined) return type; // compose names a type nobody originates
      const origin = view.get(k);
      if (origin === undefined) {
        throw new Error(`compose: ${names[i]} hears ${type} from a ${k}, and this composition has several (${byKind.get(k)!.join(', ')}); name one with ${kinds[i]}({ uses: { ${k}: '...' } })`);
      }
      return fullType(origin, k, type);
    });
    return wrap(c, names[i] !== kinds[i], plan.viewFns[i]!, subscribes, plainOf);
  });
}

/** A generated view constructor: one object literal of one shape per instance. */
function makeView(view: ReadonlyMap<string, string>): View {
  const fields = [...view].map(([k, n]) => `${JSON.stringify(k)}: w[${JSON.stringify(n)}]`);
  fields.push(`${JSON.stringify(ROOT)}: w`);
  return new Function('w', `return { ${fields.join(', ')} };`) as View;
}

/**
 * Instance `c` seen through `view`, its types renamed `name.Type` when `renamed`: the actions
 * it pushes are renamed copies (made once per action object), the actions it reduces are the
 * plain originals.
 */
function wrap(c: Component, renamed: boolean, view: View, subscribes: readonly string[], plainOf: ReadonlyMap<string, string>): Component {
  const prefix = `${c.name}.`;
  const outgoing = new WeakMap<Action, Action>();
  const incoming = new WeakMap<Action, Action>();
  const rename = (a: Action): Action => {
    let r = outgoing.get(a);
    if (r === undefined) {
      r = Object.freeze({ ...a, type: prefix + a.type });
      outgoing.set(a, r);
      incoming.set(r, a);
    }
    return r;
  };
  const plain = (a: Action): Action => {
    const type = plainOf.get(a.type);
    if (type === undefined) return a;
    let r = incoming.get(a);
    if (r === undefined) {
      r = Object.freeze({ ...a, type });
      incoming.set(a, r);
    }
    return r;
  };
  const renameAll = (types: readonly string[]) => (renamed ? types.map((t) => prefix + t) : types);
  const catalog = c.catalog;
  const plane = catalog.plane === undefined || !renamed ? catalog.plane : Object.fromEntries(Object.entries(catalog.plane).map(([t, p]) => [prefix + t, p]));
  const gate: ControlPlaneRole | undefined = c.controlPlane === undefined ? undefined : {
    open: (s, w) => c.controlPlane!.open(s, view(w)),
    settledTypes: renameAll(c.controlPlane.settledTypes),
    settled(s, w, out) {
      const start = out.length;
      c.controlPlane!.settled(s, view(w), out);
      if (renamed) for (let r = start; r < out.length; r++) out[r] = rename(out[r]);
    },
  };
  return {
    ...c,
    catalog: { op: renameAll(catalog.op), fault: renameAll(catalog.fault), control: renameAll(catalog.control), plane },
    subscribes,
    actions(w, out) {
      const start = out.length;
      c.actions(view(w), out);
      if (renamed) for (let r = start; r < out.length; r++) out[r] = rename(out[r]);
    },
    reduce: (s, a, w) => c.reduce(s, plain(a), view(w)),
    ticking: c.ticking === undefined ? undefined : (s, w) => c.ticking!(s, view(w)),
    mayDefer: c.mayDefer === undefined ? undefined : (s, a, w) => c.mayDefer!(s, plain(a), view(w)),
    available: c.available === undefined ? undefined : (s, w) => c.available!(s, view(w)),
    // The schema seen the same way: its slices' schemas under the kind names (only `fields`, what a requirement reads).
    requires: c.requires === undefined ? undefined : (w, schema) => c.requires!(view(w), schema === undefined ? undefined : ({ tag: 'record', fields: view((schema as unknown as { readonly fields: World }).fields) } as unknown as Schema<World>)),
    controlPlane: gate,
    format: renamed ? (a) => prefix + (c.format ? c.format(plain(a)) : formatAction(plain(a))) : c.format,
    retick: undefined,
    // Its packed form reads the world by kind names, not through this view.
    packed: undefined,
  };
}

/** Instance `n`'s Region instance: its view's (`uses.region`, or the only one), else its zones' (`uses.az`); undefined when it has none. */
function regionOfInstance(views: ReadonlyMap<string, ReadonlyMap<string, string>>, n: string): string | undefined {
  const v = views.get(n);
  const zones = v?.get('az');
  return v?.get('region') ?? (zones === undefined ? undefined : views.get(zones)?.get('region'));
}

/** Where `withInstanceRegions` keeps its binding on a property (a symbol: rebasing and JSON leave it alone). */
const BIND_REGIONS = Symbol('faultline.bindRegions');
interface RegionBinding<P> {
  readonly kinds: readonly string[];
  readonly bind: (regions: readonly (string | undefined)[]) => P;
}

/**
 * `p`, to be rebuilt by compose with the Regions of the instances it reads: for each of `kinds`,
 * the Region instance (a name) of the instance of that kind its view names, or undefined where
 * that instance has no Region (a composition without Regions). `bind` returns the property
 * those Regions make (properties/dr.ts's `recoveryTimeWithin` without its `regions`). An `on`
 * given to `p` carries over.
 */
export function withInstanceRegions<P extends Property<World>>(p: P, kinds: readonly string[], bind: (regions: readonly (string | undefined)[]) => P): P {
  const binding: RegionBinding<P> = { kinds: [...kinds], bind };
  return Object.freeze({ ...p, [BIND_REGIONS]: binding }) as unknown as P;
}

/**
 * Property `p` with its predicates given the view its `on` names: kinds it names are those
 * instances, every other kind the one the first named instance works with. A property without
 * `on` that reads a kind whose only instance has another name reads that instance. Unchanged
 * (the same object) when its view is the world.
 */
export function rebaseProperty<P extends Property<World>>(p: P, plan: InstancePlan): P {
  const on: Readonly<Record<string, string>> = p.on ?? {};
  for (const [k, n] of Object.entries(on)) {
    const i = plan.names.indexOf(n);
    if (i < 0) throw new Error(`compose: property ${p.name} reads ${k} ${JSON.stringify(n)}, which is not in this composition (components: ${plan.names.join(', ')})`);
    if (plan.kinds[i] !== k) throw new Error(`compose: property ${p.name} reads ${JSON.stringify(n)} as its ${k}, but ${n} is a ${plan.kinds[i]}`);
  }
  const anchor = Object.values(on)[0];
  const anchorView = anchor === undefined ? undefined : plan.views.get(anchor);
  const view = new Map<string, string>();
  let same = true;
  for (const [k, all] of plan.byKind) {
    let v: string | undefined = on[k] ?? anchorView?.get(k);
    if (v === undefined) v = all.includes(k) ? k : all.length === 1 ? all[0] : undefined;
    if (v === undefined) {
      if ((p.needs ?? []).includes(k)) throw new Error(`compose: property ${p.name} reads the ${k} component, and this composition has several (${all.join(', ')}); say which with onInstances({ ${k}: '...' }, property)`);
      continue;
    }
    view.set(k, v);
    if (v !== k) same = false;
  }
  const binding = (p as { readonly [BIND_REGIONS]?: RegionBinding<P> })[BIND_REGIONS];
  if (binding !== undefined) {
    const regions = binding.kinds.map((k) => {
      const n = view.get(k);
      return n === undefined ? undefined : regionOfInstance(plan.views, n);
    });
    const bound = binding.bind(regions);
    return rebaseProperty(p.on === undefined ? bound : (Object.freeze({ ...bound, on: p.on }) as unknown as P), plan);
  }
  if (same) return p;
  const make = makeView(view);
  const rebased: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(p)) {
    rebased[key] = typeof value === 'function' ? (w: World) => (value as (w: World) => unknown)(make(w)) : value;
  }
  return Object.freeze(rebased) as P;
}
