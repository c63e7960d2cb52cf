/**
 * The contract every AWS component implements, and that `compose` joins into one Model.
 *
 * A component owns one slice of the composed state (the "world"), keyed by its `name`
 * (`world.ec2`, `world.asg`...). It originates actions (`actions`) and reacts to the action
 * types it subscribes to (`reduce`), which may be its own or another component's: one
 * `AzOutage` action is reduced by ec2, ebs, elb and rds alike. A reducer reads the whole
 * previous world (never the new one: every subscriber sees the same "before"), and returns
 * its new slice, or the same object when nothing changed.
 */
import type { Action, ActionKind } from '../core/model.js';
import type { Schema } from '../core/schema.js';
import type { FieldAccessor } from '../core/accessors.js';

/** The composed state: one slice per component, keyed by component name. */
export type World = { readonly [component: string]: unknown };

/** A JSON value: what a parameter's default may be. */
export type ParameterValue = number | string | boolean | null | readonly ParameterValue[] | { readonly [key: string]: ParameterValue };

/** One option of a component, for the catalog (`faultline components`): every option has one. */
export interface ParameterInfo {
  readonly name: string;
  /** The default: a JSON value, or a short phrase where it is computed or a function (`'min'`, `'ec2 isHealthy'`). */
  readonly default: ParameterValue;
  /** `s` (seconds), `count`, `bool`, `enum`, `zone`/`zones`, `slots`, `list`, `function`... */
  readonly unit: string;
  /** `[lo, hi]` for numbers (and a list's numbers), the allowed values for enums (and a list's names); `[]`: any. */
  readonly range: readonly [number, number] | readonly string[];
  /** What the option does, in a few words (from its TSDoc). */
  readonly description: string;
}

/**
 * Which side of an AWS service an action is on (the Fault Isolation Boundaries whitepaper,
 * "Control planes and data planes"): `control` for a call to an AWS API that creates, changes
 * or deletes a resource (by a person, a script, or an AWS service on the account's behalf, as
 * Auto Scaling launching), and AWS's own work that needs a new resource (a new host, node or
 * standby); `data` for everything that works with what is already provisioned (a running
 * instance, routing, health checks, reads and writes) and for environment events (faults).
 */
export type Plane = 'control' | 'data';

/** The action types a component originates, by kind. */
export interface ActionCatalog {
  readonly op: readonly string[];
  readonly fault: readonly string[];
  readonly control: readonly string[];
  /**
   * The plane of every action type listed above, and of no other (compose checks both). With a
   * control plane in the composition (model/aws/control-plane), `control` ones are AWS API
   * calls: not enabled while it is impaired or its per-tick budget is spent. Left out (a
   * component of a user's own), every action is `data`.
   */
  readonly plane?: Readonly<Record<string, Plane>>;
}

/**
 * What makes a component the composition's control plane (at most one has it). `compose`
 * then routes every action type some catalog marks `plane: 'control'` to this component's
 * `reduce` too (so it can count calls per tick), and leaves those actions out of the enabled
 * list while `open` is false. Compositions without one pay nothing for this.
 */
export interface ControlPlaneRole<S = unknown> {
  /** API calls are possible in this world (not impaired, call budget left). */
  open(slice: S, world: World): boolean;
  /**
   * Action types enabled only in a settled world (no other component enables a control-kind
   * action other than `Tick`), outside the fault budget: neither dropped nor counted by it.
   */
  readonly settledTypes: readonly string[];
  /** Pushes the settled-only actions enabled now; compose calls it only in a settled world. */
  settled(slice: S, world: World, out: Action[]): void;
}

export interface Component<S = unknown, A extends Action = Action, N extends string = string> {
  /** The slice's key in the world, and the component named in traces. */
  readonly name: N;
  /** What it is (`asg`), when built under another name (model/compose/instances.ts); default `name`. */
  readonly kind?: string;
  /** The instance of another kind it works with, by kind (`{ ec2: 'webEc2' }`), where a composition has several. */
  readonly uses?: Readonly<Record<string, string>>;
  /**
   * The service this component provides answers requests now (a database's endpoint accepts
   * writes): what compose's `dependsOn` asks of a dependency. Left out, it cannot be depended on.
   */
  available?(slice: S, world: World): boolean;
  /**
   * What it needs of the other components, read from the initial world (a group's slots within
   * ec2's) and, where compose gives it, the world's schema (the zones ec2's instances can be in,
   * which no state shows; a named instance sees its slices' schemas under the kind names, as it
   * sees the world): a reason, in a few words after its name, when the composition does not give
   * it, else undefined. `compose` asks once and refuses the composition in one line, where the
   * run would otherwise stop on the first state that reads or writes past what exists.
   */
  requires?(world: World, schema?: Schema<World>): string | undefined;
  /**
   * Present on a component whose behaviour follows an application's dependencies (a load
   * balancer's deep health check): `tier` names the kind whose instance runs the application
   * (its view's `ec2`), `deep` says whether dependencies matter to it, and `bind` returns it
   * with `up` (the application's dependencies answer, on the world it is given) applied.
   */
  readonly dependent?: { readonly tier: string; readonly deep: boolean; bind(up: (world: World) => boolean): Component<S, A, N> };
  /** The slice's state schema: exact bit-packed codes are derived from it. */
  readonly schema: Schema<S>;
  /** The parameters this instance was built with, with AWS's defaults, for the catalog. */
  readonly parameters: readonly ParameterInfo[];
  /** Action types this component originates (its `actions` output), by kind. */
  readonly catalog: ActionCatalog;
  /** Action types routed to `reduce`: its own and other components' (`AzOutage`, `Tick`...). */
  readonly subscribes: readonly string[];
  /** The slice's initial value. */
  init(): S;
  /** Push every action this component enables in `world`, in a deterministic order. */
  actions(world: World, out: Action[]): void;
  /** The new slice after `a` (only called for subscribed types); pure. */
  reduce(slice: S, a: A, world: World): S;
  /** Seconds per `Tick` this instance counts its timers in (components without timers leave it out). */
  readonly tickSeconds?: number;
  /** The user gave `tickSeconds` explicitly: `compose` then refuses a different clock instead of re-ticking it. */
  readonly tickGiven?: boolean;
  /** The same component, built with the same options on another clock (`compose`'s `tickSeconds`). */
  retick?(tickSeconds: number): Component<S, A, N>;
  /** True while a timer of this slice is running: `Tick` is enabled iff some component says so. */
  ticking?(slice: S, world: World): boolean;
  /**
   * Whether its control action `a`, enabled in `world`, may wait while time passes: its delay
   * is a range and this component itself makes it happen by the deadline (RDS completes a
   * failover within 120 s, whatever else runs). The composition's `mayDefer` (model/core/model.ts).
   */
  mayDefer?(slice: S, a: A, world: World): boolean;
  /**
   * Sets of other components (`set`: `kind.set`, say `az.zones`) declared for every component
   * (`t.slots(..., { everyComponent: true })`) that this one treats alike and whose slots its
   * slice never indexes, with the number of slots it knows (`length`: the zones it was built
   * for): a composition may then keep the set without a reference from it, if the lengths agree.
   */
  readonly symmetricIn?: readonly { readonly set: string; readonly length: number }[];
  /** Present on a control plane (model/aws/control-plane): how compose gates API calls on it. */
  readonly controlPlane?: ControlPlaneRole<S>;
  /**
   * Names a property's `needs` may ask for besides component names (`controlPlane.lockOut`):
   * what this instance offers beyond its slice, by its options.
   */
  readonly provides?: readonly string[];
  /**
   * Its `actions`, reducers, `ticking` and `mayDefer` on the composed world's code
   * (model/compose/packed.ts), or undefined for options it does not cover: with one from every
   * component, the composition explores on codes. They must agree with the object functions
   * (`checkPacked` compares them; the explorer compares them on a sample of every run's states).
   */
  packed?(layout: PackedLayout): PackedComponent | undefined;
  /** Label of one of this component's actions; defaults to `formatAction`. */
  format?(a: A): string;
  /**
   * Where the values of one of the slice's fields come from, and which option shrinks them
   * (`messages[].ttl` -> `retention 345,600 s in 10 s ticks; set retentionSeconds or the tick`):
   * what a state-space size warning tells the user. Undefined for fields it has nothing to say about.
   */
  explainField?(field: string): string | undefined;
}

/* Packed transitions of a component (model/compose/packed.ts joins them). */

/** A read of one slot of the world (`isHealthy(world, i)`) compiled to codes. */
export type PackedSlotRead = (code: Uint32Array, off: number, i: number) => boolean;

/** The composed world's code, as a component's packed form sees it. */
export interface PackedLayout {
  /** The world has a slice under this name (every component here is its kind's only instance). */
  has(name: string): boolean;
  /** The accessor of the world's leaf at `path` (`ec2.instances[].state`, one index per `[]`). */
  field(path: string): FieldAccessor;
  /** The length of the world's array at `path` (`az.up`): reads past it answer as the object reads do. */
  length(path: string): number;
  /**
   * The packed form of a read function another module registered (`registerPackedRead`), on this
   * layout, or undefined: a function of the caller's own cannot be compiled, and a component
   * given one offers no packed form.
   */
  read(fn: (world: World, i: number) => boolean): PackedSlotRead | undefined;
}

/**
 * Writes a reducer's slice into `out` at `outOff` (which holds a copy of the world before the
 * action), reading only the world before, `code` at `off`: every subscriber sees the same "before".
 */
export type PackedReducer = (a: Action, code: Uint32Array, off: number, out: Uint32Array, outOff: number) => void;

/** One component's transitions on the world's code. */
export interface PackedComponent {
  /** Every action the component's `actions` may push, the same objects (a fixed table). */
  readonly table: readonly Action[];
  /**
   * Writes `base` plus the table index of every action enabled in the world `code` at `off` into
   * `out` from `n`, in the order `actions` pushes them, and returns the new count.
   */
  actions(code: Uint32Array, off: number, out: Int32Array, n: number, base: number): number;
  /** The reducer of action type `type`, one the component subscribes to. */
  reducer(type: string): PackedReducer;
  /** True while one of its timers runs (as `ticking`); left out by a component without timers. */
  ticking?(code: Uint32Array, off: number): boolean;
  /** Its `mayDefer` on codes (`a` one of its control actions, enabled in the world); required of a component with `mayDefer`. */
  mayDefer?(a: Action, code: Uint32Array, off: number): boolean;
  /** A control plane's gate on codes (its `controlPlane` role); a control plane whose packed form lacks it explores on objects. */
  readonly gate?: PackedGate;
}

/** `ControlPlaneRole` on codes. */
export interface PackedGate {
  /** `open`: API calls are possible in the world `code` at `off`. */
  open(code: Uint32Array, off: number): boolean;
  /** `settled`: writes `base` plus the table index of each settled-only action enabled now into `out` from `n`; returns the new count. */
  settled(code: Uint32Array, off: number, out: Int32Array, n: number, base: number): number;
}

/** The slice type of a component (`SliceOf<ReturnType<typeof ec2>>` is `Ec2State`). */
export type SliceOf<C> = C extends Component<infer S, any, any> ? S : never;

/**
 * The world `compose` builds from components `C`: one slice per component, under its name
 * (`WorldOf<[Component<Ec2State, any, 'ec2'>]>` is `{ readonly ec2: Ec2State }`).
 */
export type WorldOf<C extends readonly Component<any, any, string>[]> = {
  readonly [K in C[number] as K['name']]: SliceOf<K>;
};

/** The kind of `type` in a catalog, or undefined. */
export function kindInCatalog(catalog: ActionCatalog, type: string): ActionKind | undefined {
  if (catalog.op.includes(type)) return 'op';
  if (catalog.fault.includes(type)) return 'fault';
  if (catalog.control.includes(type)) return 'control';
  return undefined;
}

/** The plane of action `type` in `catalog` (`data` when the catalog gives no planes). */
export function planeInCatalog(catalog: ActionCatalog, type: string): Plane {
  return catalog.plane !== undefined && Object.hasOwn(catalog.plane, type) ? catalog.plane[type] : 'data';
}

/** Reads another component's slice; the caller names the type it expects. */
export function sliceOf<T>(world: World, name: string): T {
  return world[name] as T;
}

/** Seconds to a capped countdown of ticks: `ceil(seconds / tickSeconds)`, at least 1 when seconds > 0. */
export function ticksFor(seconds: number, tickSeconds: number): number {
  if (!(tickSeconds > 0)) throw new Error(`tickSeconds must be positive, got ${tickSeconds}`);
  if (seconds <= 0) return 0;
  return Math.ceil(seconds / tickSeconds - 1e-9);
}
