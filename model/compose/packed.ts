/**
 * Packed transitions for compositions (issue 16): each component may give its `actions`,
 * reducers, `ticking` and `mayDefer` on the composed world's code (`Component.packed`), and `compose`
 * joins them into the model's `PackedTransitions`, so the exhaustive explorer expands a
 * composed state without decoding it, building action arrays or slices, or encoding successors.
 *
 * A component's packed form is a second implementation of its behaviour, so it is checked, not
 * trusted: `checkPacked` (engine/packed-check.ts) compares it with the object functions on every
 * reachable state of a composition, and test/model/compose/packed.test.ts does that over the
 * components' option space. A component offers it only for the options it covers and returns
 * undefined otherwise (a probe or health view of the caller's own, a read it cannot compile):
 * the composition then explores on objects, exactly as before.
 *
 * Compose offers packed transitions only where every component has them, no component sees the
 * world through a view (several instances of a kind, model/compose/instances.ts), and at most one
 * control plane gates API calls, with its gate on codes (`PackedComponent.gate`): the other
 * compositions explore on objects.
 */
import { accessor, type FieldAccessor } from '../core/accessors.js';
import type { Action, PackedTransitions } from '../core/model.js';
import type { Schema } from '../core/schema.js';
import type { PackedComponent, PackedLayout, PackedReducer, PackedSlotRead, World } from './component.js';

const reads = new Map<(world: World, i: number) => boolean, (layout: PackedLayout) => PackedSlotRead | undefined>();

/**
 * Registers the packed form of a library read that components take as an option (`elbHealthy`
 * for asg's ELB health check, `isHealthy` for elb's probe): `compile` gives it on a layout, or
 * undefined where it cannot (the world lacks what it reads).
 */
export function registerPackedRead(fn: (world: World, i: number) => boolean, compile: (layout: PackedLayout) => PackedSlotRead | undefined): void {
  reads.set(fn, compile);
}

/**
 * A packed form's `reducer` over its reducers by action type: own keys only (a type such as
 * `toString` is not a reducer), and a one-line error naming the component for a type it does
 * not reduce (compose asks only for the types it subscribes to).
 */
export function reducerOf(component: string, reducers: Readonly<Record<string, PackedReducer>>): (type: string) => PackedReducer {
  return (type) => {
    if (!Object.hasOwn(reducers, type)) throw new Error(`${component}: no packed reducer for ${type}`);
    return reducers[type];
  };
}

/** The layout of `schema`'s code for components named `names`. */
export function packedLayout(schema: Schema<unknown>, names: readonly string[]): PackedLayout {
  const fields = new Map<string, FieldAccessor>();
  const layout: PackedLayout = {
    has: (name) => names.includes(name),
    field(path) {
      let a = fields.get(path);
      if (a === undefined) fields.set(path, (a = accessor(schema, path)));
      return a;
    },
    length(path) {
      let node = schema as unknown as { readonly tag: string; readonly fields?: Readonly<Record<string, unknown>>; readonly item?: unknown; readonly length?: number };
      for (const seg of path.split('.')) {
        const next = node.tag === 'record' && Object.hasOwn(node.fields!, seg) ? node.fields![seg] : undefined;
        if (next === undefined) throw new Error(`compose: the world has no array ${path}`);
        node = next as typeof node;
      }
      if (node.tag !== 'array') throw new Error(`compose: ${path} is not an array of the world`);
      return node.length!;
    },
    read(fn) {
      const compile = reads.get(fn);
      return compile === undefined ? undefined : compile(layout);
    },
  };
  return layout;
}

/** What `composePacked` needs of the composition. */
export interface PackedComposition {
  readonly words: number;
  readonly parts: readonly PackedComponent[];
  /** compose's dispatch table: per action type, its originating component and its subscribers, in component order. */
  readonly routes: ReadonlyMap<string, { readonly origin: number; readonly subscribers: readonly number[] }>;
  /** The `Tick` action object compose's `actions` pushes. */
  readonly tick: Action;
  /** The fault budget's accessor and size, when the composition has one. */
  readonly faults?: { readonly used: FieldAccessor; readonly max: number };
  /** A fault taken with the budget spent (compose's error). */
  readonly spent: (a: Action) => never;
  /** Per component, whether it has `mayDefer` (its packed form must then answer it on codes). */
  readonly defers: readonly boolean[];
  /**
   * The one control plane (compose's `gatedActions`): its component, the API call types it
   * gates, and its settled-only types, which the fault budget neither drops nor counts.
   */
  readonly gate?: { readonly part: number; readonly api: ReadonlySet<string>; readonly unbudgeted: ReadonlySet<string> };
}

/**
 * The composition's packed transitions: the components' tables joined in component order, then
 * `Tick`; `actions` asks each component in order, drops faults once the budget is spent and
 * appends `Tick` while a timer runs; `next` copies the world's code, lets every subscriber write
 * its slice from the world before, and counts a fault against the budget (generated per action
 * type, so each call into a component is monomorphic).
 */
export function composePacked(p: PackedComposition): PackedTransitions<Action> {
  const { words, parts, faults } = p;
  const table: Action[] = [];
  const bases: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    bases.push(table.length);
    for (const a of parts[i].table) {
      if (p.routes.get(a.type)?.origin !== i) throw new Error(`compose: a packed action table lists ${a.type}, which its component does not originate`);
      table.push(a);
    }
  }
  const TICK = table.length;
  table.push(p.tick);
  // `mayDefer` on codes: the originating component's, for each action number (none for Tick).
  const deferring = p.defers.some(Boolean);
  const coversDefer = p.defers.every((d, i) => !d || parts[i].mayDefer !== undefined);
  const deferOf: (((a: Action, code: Uint32Array, off: number) => boolean) | undefined)[] = [];
  for (let i = 0; i < parts.length; i++) {
    const f = p.defers[i] ? parts[i].mayDefer?.bind(parts[i]) : undefined;
    for (let k = 0; k < parts[i].table.length; k++) deferOf.push(f);
  }
  deferOf.push(undefined);
  const isFault = Uint8Array.from(table, (a) => (a.kind === 'fault' ? 1 : 0));
  const tickers = parts.flatMap((c, i) => (c.ticking ? [i] : []));
  const { gate } = p;
  const gateOf = gate === undefined ? undefined : parts[gate.part].gate;
  if (gate !== undefined && gateOf === undefined) throw new Error('compose: the control plane\'s packed form has no gate');
  const isControl = Uint8Array.from(table, (a) => (a.kind === 'control' ? 1 : 0));
  const isApi = Uint8Array.from(table, (a) => (gate?.api.has(a.type) ? 1 : 0));

  const actionsSrc = [
    'return function actions(code, off, out) {',
    '  let n = 0;',
    ...parts.map((_, i) => `  n = P[${i}].actions(code, off, out, n, ${bases[i]});`),
    ...(faults ? [
      '  if (U.get(code, off) >= M) {',
      '    let kept = 0;',
      '    for (let r = 0; r < n; r++) if (F[out[r]] === 0) out[kept++] = out[r];',
      '    n = kept;',
      '  }',
    ] : []),
    // The gate (`gatedActions`): settled-only actions join a world where nothing enables a
    // control-kind action (judged before gating), then API calls leave while it is closed.
    ...(gate ? [
      '  let settled = true;',
      '  for (let r = 0; r < n; r++) if (K[out[r]] === 1) { settled = false; break; }',
      `  if (settled) n = G.settled(code, off, out, n, ${bases[gate.part]});`,
      '  if (!G.open(code, off)) {',
      '    let kept = 0;',
      '    for (let r = 0; r < n; r++) if (API[out[r]] === 0) out[kept++] = out[r];',
      '    n = kept;',
      '  }',
    ] : []),
    ...(tickers.length > 0 ? [`  if (${tickers.map((i) => `P[${i}].ticking(code, off)`).join(' || ')}) out[n++] = ${TICK};`] : []),
    '  return n;',
    '};',
  ].join('\n');
  const actions = new Function('P', 'U', 'M', 'F', 'G', 'K', 'API', actionsSrc)(parts, faults?.used, faults?.max ?? 0, isFault, gateOf, isControl, isApi) as PackedTransitions<Action>['actions'];

  // One step per action type: the copy, then each subscriber's reducer, then the fault count.
  type Step = (a: Action, code: Uint32Array, off: number, out: Uint32Array, outOff: number) => void;
  const steps = new Map<string, Step>();
  const stepOf: Step[] = [];
  for (const a of table) {
    let step: Step | undefined = steps.get(a.type);
    if (step === undefined) {
      const subs = p.routes.get(a.type)?.subscribers ?? [];
      const reducers = subs.map((i) => parts[i].reducer(a.type));
      const budgeted = faults !== undefined && a.kind === 'fault' && !(gate?.unbudgeted.has(a.type) ?? false);
      const src = [
        'return function step(a, code, off, out, outOff) {',
        ...Array.from({ length: words }, (_, w) => `  out[outOff + ${w}] = code[off + ${w}];`),
        ...reducers.map((_, r) => `  R${r}(a, code, off, out, outOff);`),
        ...(budgeted ? ['  const used = U.get(code, off);', '  if (used >= M) spent(a);', '  U.set(out, outOff, used + 1);'] : []),
        '};',
      ].join('\n');
      step = new Function(...reducers.map((_, r) => `R${r}`), 'U', 'M', 'spent', src)(...reducers, faults?.used, faults?.max ?? 0, p.spent) as Step;
      steps.set(a.type, step);
    }
    stepOf.push(step);
  }
  return {
    table,
    actions,
    next(code, off, action, out, outOff) {
      stepOf[action](table[action], code, off, out, outOff);
    },
    // Only where every component with ranged delays answers them on codes.
    ...(deferring && coversDefer
      ? {
          mayDefer(code: Uint32Array, off: number, action: number): boolean {
            const f = deferOf[action];
            return f !== undefined && f(table[action], code, off);
          },
        }
      : {}),
  };
}
