/**
 * Symmetry declared in state schemas, and the canonical form derived from it.
 *
 * A schema declares a set of interchangeable slots with `t.slots(set, item, n, { groups })`
 * (sqs's workers), arrays whose item `i` belongs to slot `i` with `t.perSlot(set, item, n)`,
 * and every field that holds a slot's index with `t.slotRef(set, n, { none })`. A permutation
 * of a set moves its slots, moves the per-slot items with them, and rewrites every reference,
 * all together; slots are exchanged only within their group (the workers of one zone).
 *
 * The canonical form works on codes: the state is encoded, the slots are ordered by an
 * invariant colouring (their own bits with references masked, then refined by the colours of
 * the slots they reference and of the slots referencing them, as in graph canonical
 * labelling), cells of slots that are still alike are split by trying each slot first
 * (individualisation), and of the labellings found the least code wins. Pruning: a cell
 * whose slots have identical bits and no incoming reference is not split (any order gives
 * the same code), and a branch whose first leaf equals the first branch's first leaf is an
 * automorphism's image and is skipped (McKay's first-path pruning). So `canonical(s)` is the
 * same for every state of an orbit and different across orbits, and it is always `s` with
 * one permutation applied: a state of the same orbit (engine/path.ts rebuilds concrete
 * counterexamples through it). Without references the slots are simply sorted within each
 * group by their items' codes and the items moved as they are (the state is not re-coded).
 * With references and a small group (at most SMALL_GROUP permutations, such as two zones and
 * two interchangeable instances), every permutation is tried and the least code kept: exact,
 * and cheaper than colouring and searching.
 *
 * Soundness rests on the declaration: the model must behave the same, up to the renaming,
 * on a permuted state (actions, successors, properties, `isRecovery`, `mayDefer`); engine/
 * symmetry.ts checks this on reachable states. A composition keeps a component's set only
 * where every other component that reduces that component's actions declares its own
 * references to the set (model/compose/compose.ts, `worldSymmetry`).
 */
import { SchemaError, type Codec, type Schema, type SchemaNode } from './schema-types.js';

/** One set of interchangeable slots as applied: its global name, size and each slot's group. */
export interface SlotSet {
  readonly name: string;
  readonly length: number;
  readonly groups: readonly number[];
}

/** The symmetry a schema declares, compiled. */
export interface Symmetry<S> {
  readonly sets: readonly SlotSet[];
  /** The orbit's representative: `s` with one permutation applied (`s` itself when it is the representative). */
  canonical(s: S): S;
  /**
   * Writes the code of `canonical(s)` (the schema's codec) at `out[offset..]`; true when it is
   * not `s`'s own code. With `parent` and its code (`parentCode[0..]`), `s` is encoded from them
   * (only the records that are not the parent's own objects).
   */
  canonicalCode(s: S, out: Uint32Array, offset: number, parent?: S, parentCode?: Uint32Array): boolean;
  /**
   * `s` with `perms[k]` applied to set k (`perms[k][p]`: the slot whose contents move to
   * position `p`), its per-slot items moved along and its references rewritten.
   */
  permute(s: S, perms: readonly (readonly number[])[]): S;
}

/** How the names written in a schema map to sets (a composition qualifies each component's). */
export interface SymmetryOptions {
  /** The global name of set `name` written at `path` (`sqs.workers[]`); undefined: no such set here. Default: `name`. */
  resolve?(name: string, path: string): string | undefined;
  /** Whether the declared set `set` (a global name) is applied; default all. */
  keep?(set: string): boolean;
}

/** Where a schema declares a set or refers to one (global names), for a composition's rule. */
export interface SlotDeclarations {
  /** `everyComponent`: the set's `t.slots` option (any component may index it). */
  readonly owned: readonly { readonly set: string; readonly path: string; readonly length: number; readonly everyComponent: boolean }[];
  /** `length`: a per-slot array's length; `hi`: a `t.slotRef`'s highest index. */
  readonly references: readonly { readonly set: string; readonly path: string; readonly length?: number; readonly hi?: number }[];
}

/** The sets `schema` declares (`t.slots`) and its references to sets (`t.perSlot`, `t.slotRef`), under `resolve`. */
export function slotDeclarations(schema: Schema<unknown>, resolve: NonNullable<SymmetryOptions['resolve']> = (n) => n): SlotDeclarations {
  const owned: { set: string; path: string; length: number; everyComponent: boolean }[] = [];
  const references: { set: string; path: string; length?: number; hi?: number }[] = [];
  const walk = (node: SchemaNode, path: string): void => {
    switch (node.tag) {
      case 'int': {
        const set = node.ref !== undefined ? resolve(node.ref, path) : undefined;
        if (set !== undefined) references.push({ set, path, hi: node.hi });
        return;
      }
      case 'bool':
      case 'enum':
        return;
      case 'record':
        for (const k of Object.keys(node.fields)) walk(node.fields[k] as unknown as SchemaNode, path === '' ? k : `${path}.${k}`);
        return;
      case 'array': {
        const own = node.slots !== undefined ? resolve(node.slots.set, path) : undefined;
        if (own !== undefined) owned.push({ set: own, path, length: node.length, everyComponent: node.slots?.everyComponent === true });
        const per = node.perSlot !== undefined ? resolve(node.perSlot, path) : undefined;
        if (per !== undefined) references.push({ set: per, path, length: node.length });
        walk(node.item as unknown as SchemaNode, `${path}[]`);
        return;
      }
    }
  };
  walk(schema as unknown as SchemaNode, '');
  return { owned, references };
}

/** One part of a composed state (a component's slice), as `worldSymmetry` sees it. */
export interface SymmetryPart {
  /** The part's key in the state: its schema's declarations sit under this field. */
  readonly name: string;
  /** The part (instance name) of kind `kind` this one works with, for `kind.set` names; undefined: none. */
  resolveKind(kind: string): string | undefined;
  /** The other parts whose actions this part reduces (each may name that part's slots by index). */
  readonly hears: readonly string[];
  /** Sets of other parts (`kind.set`, resolved like a reference) this part holds no index of and treats alike, with the slots it knows (`Component.symmetricIn`). */
  readonly symmetricIn?: readonly { readonly set: string; readonly length: number }[];
}

/** A declared set a composition does not apply, and why. */
export interface DroppedSet {
  readonly set: string;
  readonly reason: string;
}

/**
 * The symmetry of a composed state whose schema is a record of parts' schemas: each part's set
 * `x` is `part.x`; a reference `kind.x` is `x` of the part of that kind it works with. A part's
 * set is kept only if every other part that reduces its actions (which may name its slots by
 * index) declares references to it (`t.slotRef`, `t.perSlot`), so that the one permutation
 * renames them too; otherwise it is dropped, with the reason. Other parts are taken to read a
 * part's slots only through its reads (a component's contract), which name no slot of a set it
 * declares.
 */
export function worldSymmetry<S>(schema: Schema<S>, parts: readonly SymmetryPart[]): { readonly symmetry: Symmetry<S> | undefined; readonly dropped: readonly DroppedSet[] } {
  const byName = new Map(parts.map((p) => [p.name, p]));
  const partOf = (path: string): string => path.split(/[.[]/, 1)[0];
  const resolve = (name: string, path: string): string | undefined => {
    const part = byName.get(partOf(path));
    if (part === undefined) return undefined;
    const dot = name.indexOf('.');
    if (dot < 0) return `${part.name}.${name}`;
    const other = part.resolveKind(name.slice(0, dot));
    return other === undefined ? undefined : `${other}.${name.slice(dot + 1)}`;
  };
  const decl = slotDeclarations(schema, resolve);
  const dropped: DroppedSet[] = [];
  for (const { set, path, length, everyComponent } of decl.owned) {
    const owner = partOf(path);
    // A per-slot array of another length, or an index into fewer slots (ec2 built for 2 zones
    // beside 3), cannot move with the slots.
    const misfit = decl.references.find((r) => r.set === set && ((r.length !== undefined && r.length !== length) || (r.hi !== undefined && r.hi !== length - 1)));
    if (misfit !== undefined) {
      const what = misfit.length !== undefined ? `has ${misfit.length} items` : `holds indices up to ${misfit.hi}`;
      dropped.push({ set, reason: `${misfit.path} ${what} for the ${length} slots of ${set}` });
      continue;
    }
    for (const p of parts) {
      if (p.name === owner || !(everyComponent || p.hears.includes(owner))) continue;
      if (decl.references.some((r) => r.set === set && partOf(r.path) === p.name)) continue;
      const what = set.slice(owner.length + 1);
      const alike = everyComponent ? p.symmetricIn?.find((d) => resolve(d.set, p.name) === set) : undefined;
      if (alike !== undefined && alike.length === length) continue;
      dropped.push({
        set,
        reason: alike !== undefined
          ? `${p.name} treats ${alike.length} of the ${length} ${what} of ${owner} alike`
          : everyComponent
            ? `${p.name} may index ${owner}'s ${what} and declares no reference to them (t.slotRef or t.perSlot) nor that it treats them alike (symmetricIn)`
            : `${p.name} reduces ${owner}'s actions, which may name its ${what} slots, and declares no reference to them (t.slotRef or t.perSlot)`,
      });
      break;
    }
  }
  const symmetry = compileSymmetry(schema, { resolve, keep: (set) => !dropped.some((d) => d.set === set) });
  return { symmetry, dropped };
}

/** One leaf of a slot's item, relative to the item's first bit. */
interface ItemLeaf {
  readonly rel: number;
  readonly width: number;
  readonly lo: number;
  /** The kept set it references, or -1. */
  readonly ref: number;
  /** A number naming this field among every reference field (for the colouring). */
  readonly field: number;
}
/** One array whose item `i` is (part of) slot `i`. */
interface Member {
  readonly base: number;
  readonly stride: number;
  readonly leaves: readonly ItemLeaf[];
  /** The item's own codec: without references, a slot's key is its items' codes. */
  readonly item: Codec<unknown>;
  /** The array in a state object, and the state with the array permuted (`perm[p]`: the item moving to p). */
  readonly items: (state: unknown) => readonly unknown[];
  readonly permuted: (state: unknown, perm: Int32Array) => unknown;
}
/** One step from the root of a state object towards a member array. */
type Step = { readonly field: string; readonly set: (record: unknown, value: unknown) => unknown } | { readonly index: number };
/** A reference outside every slot (a fixed place in the state). */
interface FixedRef {
  readonly bit: number;
  readonly width: number;
  readonly lo: number;
  readonly ref: number;
  readonly field: number;
}
interface CompiledSet {
  readonly name: string;
  readonly n: number;
  readonly groups: Int32Array;
  /** Per group, its positions in increasing order. */
  readonly positions: readonly Int32Array[];
  /** Per slot, the index of its group in `positions`. */
  readonly groupIndex: Int32Array;
  readonly members: Member[];
}

/** The symmetry `schema` declares, or undefined when it declares no set (or none is kept). */
export function compileSymmetry<S>(schema: Schema<S>, options: SymmetryOptions = {}): Symmetry<S> | undefined {
  const resolve = options.resolve ?? ((n: string) => n);
  const keep = options.keep ?? (() => true);
  const root = schema as unknown as SchemaNode;
  const decl = slotDeclarations(schema, resolve);
  const names: string[] = [];
  for (const o of decl.owned) {
    if (names.includes(o.set)) throw new SchemaError(`slot set ${o.set} is declared twice (${o.path})`);
    if (keep(o.set)) names.push(o.set);
  }
  if (names.length === 0) return undefined;
  const setIndex = (name: string | undefined): number => (name === undefined ? -1 : names.indexOf(name));

  const sets: CompiledSet[] = names.map((name) => ({ name, n: -1, groups: new Int32Array(0), positions: [], groupIndex: new Int32Array(0), members: [] }));
  const lengths = new Array<number>(names.length).fill(-1);
  const groupsOf: (readonly number[] | undefined)[] = new Array(names.length).fill(undefined);
  const fixed: FixedRef[] = [];
  const refBounds: { set: number; hi: number; path: string }[] = [];
  const pending: { set: number; length: number; path: string }[] = [];
  let field = 0;

  /** The leaves of one item, relative to its first bit. */
  const itemLeaves = (item: SchemaNode, path: string): ItemLeaf[] => {
    const out: ItemLeaf[] = [];
    let rel = 0;
    const walk = (node: SchemaNode, p: string): void => {
      switch (node.tag) {
        case 'int': {
          const ref = node.ref !== undefined ? setIndex(resolve(node.ref, p)) : -1;
          if (ref >= 0) refBounds.push({ set: ref, hi: node.hi, path: p });
          if (node.bits > 0 || ref >= 0) out.push({ rel, width: node.bits, lo: node.lo, ref, field: ref >= 0 ? field++ : -1 });
          rel += node.bits;
          return;
        }
        case 'bool':
        case 'enum':
          if (node.bits > 0) out.push({ rel, width: node.bits, lo: 0, ref: -1, field: -1 });
          rel += node.bits;
          return;
        case 'record':
          for (const k of Object.keys(node.fields)) walk(node.fields[k] as unknown as SchemaNode, `${p}.${k}`);
          return;
        case 'array':
          if (roleSet(node, p) >= 0) throw new SchemaError(`${p}: slot arrays inside a slot are not supported`);
          for (let i = 0; i < node.length; i++) walk(node.item as unknown as SchemaNode, `${p}[]`);
          return;
      }
    };
    walk(item, path);
    return out;
  };
  /** The kept set an array's items are slots of (its own or another's), or -1. */
  const roleSet = (node: SchemaNode & { tag: 'array' }, path: string): number => {
    if (node.slots !== undefined) {
      const k = setIndex(resolve(node.slots.set, path));
      if (k >= 0) return k;
    }
    return node.perSlot !== undefined ? setIndex(resolve(node.perSlot, path)) : -1;
  };

  const walk = (node: SchemaNode, bit: number, path: string, steps: readonly Step[]): void => {
    switch (node.tag) {
      case 'int': {
        const ref = node.ref !== undefined ? setIndex(resolve(node.ref, path)) : -1;
        if (ref >= 0) {
          refBounds.push({ set: ref, hi: node.hi, path });
          fixed.push({ bit, width: node.bits, lo: node.lo, ref, field: field++ });
        }
        return;
      }
      case 'bool':
      case 'enum':
        return;
      case 'record': {
        let b = bit;
        for (const k of Object.keys(node.fields)) {
          const f = node.fields[k] as unknown as SchemaNode;
          walk(f, b, path === '' ? k : `${path}.${k}`, [...steps, { field: k, set: fieldSetter(Object.keys(node.fields), k) }]);
          b += f.bits;
        }
        return;
      }
      case 'array': {
        const item = node.item as unknown as SchemaNode;
        const k = roleSet(node, path);
        if (k >= 0) {
          const member: Member = {
            base: bit,
            stride: item.bits,
            leaves: itemLeaves(item, `${path}[]`),
            item: (item as unknown as Schema<unknown>).codec(),
            items: itemsGetter(steps),
            permuted: permutedSetter(steps),
          };
          const owner = node.slots !== undefined && setIndex(resolve(node.slots.set, path)) === k;
          if (owner) {
            sets[k].members.unshift(member);
            lengths[k] = node.length;
            groupsOf[k] = node.slots!.groups;
          } else sets[k].members.push(member);
          pending.push({ set: k, length: node.length, path });
          return;
        }
        for (let i = 0; i < node.length; i++) walk(item, bit + i * item.bits, `${path}[${i}]`, [...steps, { index: i }]);
        return;
      }
    }
  };
  walk(root, 0, '', []);

  for (const p of pending) {
    if (p.length !== lengths[p.set]) throw new SchemaError(`${p.path}: ${p.length} items, but set ${names[p.set]} has ${lengths[p.set]} slots`);
  }
  for (const r of refBounds) {
    if (r.hi >= lengths[r.set]) throw new SchemaError(`${r.path}: references set ${names[r.set]} up to ${r.hi}, but it has ${lengths[r.set]} slots`);
  }
  const compiled: CompiledSet[] = sets.map((s, k) => {
    const n = lengths[k];
    const groups = Int32Array.from(groupsOf[k] ?? new Array<number>(n).fill(0));
    const distinct = [...new Set(groups)].sort((a, b) => a - b);
    const groupIndex = Int32Array.from(groups, (g) => distinct.indexOf(g));
    const positions = distinct.map((g) => Int32Array.from([...groups.keys()].filter((i) => groups[i] === g)));
    return { name: s.name, n, groups, positions, groupIndex, members: s.members };
  });
  return new SymmetryImpl<S>(schema.codec(), compiled, fixed);
}

/** Reads `width` (0..32) bits at bit `bit` of `code`. */
function readBits(code: Uint32Array, bit: number, width: number): number {
  if (width === 0) return 0;
  const w = bit >>> 5;
  const s = bit & 31;
  let v = code[w] >>> s;
  if (s + width > 32) v |= code[w + 1] << (32 - s);
  return width === 32 ? v >>> 0 : v & ((1 << width) - 1);
}

/** Writes the low `width` (0..32) bits of `value` at bit `bit` of `code`. */
function writeBits(code: Uint32Array, bit: number, width: number, value: number): void {
  if (width === 0) return;
  const w = bit >>> 5;
  const s = bit & 31;
  const mask = width === 32 ? 0xffffffff : (1 << width) - 1;
  const v = value & mask;
  code[w] = (code[w] & ~(mask << s)) | (v << s);
  if (s + width > 32) {
    const hi = 32 - s;
    const m2 = mask >>> hi;
    code[w + 1] = (code[w + 1] & ~m2) | (v >>> hi);
  }
}

/** -1, 0, 1: `a` before, equal to, after `b` (unsigned words, first word first). */
function compareCodes(a: Uint32Array, b: Uint32Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** Murmur3's finaliser: a well-mixed 32-bit value. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** One group element as straight-line work on codes: bit-range copies (from, to, width) and reference rewrites (bit, width, lo, map offset, set size). */
interface ElementProgram {
  readonly copies: Int32Array;
  readonly refs: Int32Array;
  readonly maps: Int32Array;
}

/** First-path pruning: the subtree's first leaf matched its guard. */
const PRUNED = 0;

/**
 * Up to this many permutations in the whole group (the product of each group's size factorial),
 * the canonical form with references tries every one and keeps the least code: no colouring,
 * no search tree, no allocation (two zones and two interchangeable instances: 4).
 */
const SMALL_GROUP = 24;

/** Every permutation of the sets that keeps each slot in its group, or undefined when there are more than `limit`. */
export function allPermutations(sets: readonly SlotSet[], limit: number): number[][][] | undefined {
  let combos: number[][][] = [[]];
  for (const set of sets) {
    const perSet = groupPermutations(set, limit);
    if (perSet === undefined || combos.length * perSet.length > limit) return undefined;
    combos = combos.flatMap((c) => perSet.map((p) => [...c, p]));
  }
  return combos;
}

/** The permutations of one set within its groups (at most `limit`, else undefined). */
function groupPermutations(set: SlotSet, limit: number): number[][] | undefined {
  let out: number[][] = [Array.from({ length: set.length }, (_, i) => i)];
  for (const g of [...new Set(set.groups)]) {
    const pos = set.groups.flatMap((x, i) => (x === g ? [i] : []));
    const orders = permutationsOf(pos, limit);
    if (orders === undefined || out.length * orders.length > limit) return undefined;
    out = out.flatMap((p) =>
      orders.map((o) => {
        const q = [...p];
        pos.forEach((at, i) => (q[at] = o[i]));
        return q;
      }),
    );
  }
  return out;
}

function permutationsOf(xs: readonly number[], limit: number): number[][] | undefined {
  if (xs.length <= 1) return [[...xs]];
  const out: number[][] = [];
  for (let i = 0; i < xs.length; i++) {
    const rest = permutationsOf([...xs.slice(0, i), ...xs.slice(i + 1)], limit);
    if (rest === undefined) return undefined;
    for (const r of rest) {
      out.push([xs[i], ...r]);
      if (out.length > limit) return undefined;
    }
  }
  return out;
}

/**
 * The canonical form on codes (see the module comment). Scratch buffers are allocated once:
 * `canonical` runs once per successor under symmetry reduction, and is not re-entered.
 */
class SymmetryImpl<S> implements Symmetry<S> {
  readonly sets: readonly SlotSet[];
  private readonly src: Uint32Array;
  private readonly cand: Uint32Array;
  private readonly best: Uint32Array;
  private haveBest = false;
  /** The last state given to `canonical`, and its representative. */
  private lastIn: S | undefined;
  private lastOut: S | undefined;
  private readonly keyLen: number[];
  /** Per set, without references: a row per slot of its group and its items' codes. */
  private readonly itemKeys: Uint32Array[];
  /** Per set: a key row per slot (its group, then its leaves; a reference into a set as -1). */
  private readonly keys: Float64Array[];
  /** Per set: the labelling being built (`perms[k][p]`: the slot moving to p), and its inverse. */
  private readonly perms: Int32Array[];
  private readonly inverse: Int32Array[];
  /** Per set: scratch for sorting slots, and the refinement's hashes. */
  private readonly order: Int32Array[];
  private readonly hash: Uint32Array[];
  /** Every reference (in a slot's item or at a fixed place), flattened: source set (-1: fixed) and slot, bit, width, lo, target set, field. */
  private readonly refSrcSet: Int32Array;
  private readonly refSrcSlot: Int32Array;
  private readonly refBit: Int32Array;
  private readonly refWidth: Int32Array;
  private readonly refLo: Int32Array;
  private readonly refSet: Int32Array;
  private readonly refField: Int32Array;
  /** Per reference, this state's target slot (-1: a sentinel); per set and slot, the references to it. */
  private readonly target: Int32Array;
  private readonly incoming: Int32Array[];
  /** With references and a small group: every element but the identity, compiled (see SMALL_GROUP). */
  private readonly programs: readonly ElementProgram[] | undefined;

  constructor(
    private readonly codec: Codec<S>,
    private readonly cs: readonly CompiledSet[],
    fixed: readonly FixedRef[],
  ) {
    this.sets = cs.map((c) => Object.freeze({ name: c.name, length: c.n, groups: Object.freeze([...c.groups]) }));
    const words = codec.words;
    this.src = new Uint32Array(words);
    this.cand = new Uint32Array(words);
    this.best = new Uint32Array(words);
    const hasRefs = fixed.length > 0 || cs.some((c) => c.members.some((m) => m.leaves.some((l) => l.ref >= 0)));
    // Without references a key row is the group and the items' codes; with them, one entry per leaf.
    this.keyLen = cs.map((c) => 1 + c.members.reduce((sum, m) => sum + (hasRefs ? m.leaves.length : m.item.words), 0));
    this.keys = cs.map((c, k) => new Float64Array(hasRefs ? c.n * this.keyLen[k] : 0));
    this.itemKeys = cs.map((c, k) => new Uint32Array(hasRefs ? 0 : c.n * this.keyLen[k]));
    this.perms = cs.map((c) => new Int32Array(c.n));
    this.inverse = cs.map((c) => new Int32Array(c.n));
    this.order = cs.map((c) => new Int32Array(c.n));
    this.hash = cs.map((c) => new Uint32Array(c.n));
    const refs: number[][] = [];
    cs.forEach((c, k) => {
      for (let j = 0; j < c.n; j++) {
        for (const m of c.members) for (const l of m.leaves) if (l.ref >= 0) refs.push([k, j, m.base + j * m.stride + l.rel, l.width, l.lo, l.ref, l.field]);
      }
    });
    for (const f of fixed) refs.push([-1, 0, f.bit, f.width, f.lo, f.ref, f.field]);
    const column = (i: number) => Int32Array.from(refs, (r) => r[i]);
    this.refSrcSet = column(0);
    this.refSrcSlot = column(1);
    this.refBit = column(2);
    this.refWidth = column(3);
    this.refLo = column(4);
    this.refSet = column(5);
    this.refField = column(6);
    this.target = new Int32Array(refs.length);
    this.incoming = cs.map((c) => new Int32Array(c.n));
    const isIdentity = (e: Int32Array[]) => e.every((p) => p.every((x, i) => x === i));
    const elements = refs.length > 0 ? allPermutations(this.sets, SMALL_GROUP) : undefined;
    this.programs = elements?.map((e) => e.map((p) => Int32Array.from(p))).filter((e) => !isIdentity(e)).map((e) => this.compileElement(e));
  }

  /** The copies and reference rewrites `build(perms)` does, worked out once: what `runElement` replays. */
  private compileElement(perms: readonly Int32Array[]): ElementProgram {
    const copies: number[] = [];
    const inv = perms.map((perm) => {
      const x = new Int32Array(perm.length);
      perm.forEach((old, p) => (x[old] = p));
      return x;
    });
    this.cs.forEach((c, k) => {
      for (let p = 0; p < c.n; p++) {
        const old = perms[k][p];
        if (old === p) continue;
        for (const m of c.members) {
          for (let off = 0; off < m.stride; off += 32) copies.push(m.base + old * m.stride + off, m.base + p * m.stride + off, Math.min(32, m.stride - off));
        }
      }
    });
    const refs: number[] = [];
    const maps: number[] = [];
    for (let i = 0; i < this.refBit.length; i++) {
      if (this.refWidth[i] === 0) continue; // a one-slot set without sentinel: always 0
      const from = this.refSrcSet[i];
      let bit = this.refBit[i];
      if (from >= 0) {
        // Same member and leaf, the slot's new position: the bit moves by whole strides of its member.
        const slot = this.refSrcSlot[i];
        const m = this.cs[from].members.find((mm) => bit >= mm.base + slot * mm.stride && bit < mm.base + (slot + 1) * mm.stride)!;
        bit += (inv[from][slot] - slot) * m.stride;
      }
      refs.push(bit, this.refWidth[i], this.refLo[i], maps.length, this.cs[this.refSet[i]].n);
      maps.push(...inv[this.refSet[i]]);
    }
    return { copies: Int32Array.from(copies), refs: Int32Array.from(refs), maps: Int32Array.from(maps) };
  }

  /** Writes `src` with a compiled element applied into `out` (as `build` would). */
  private runElement(e: ElementProgram, out: Uint32Array): void {
    const src = this.src;
    out.set(src);
    const copies = e.copies;
    for (let i = 0; i < copies.length; i += 3) writeBits(out, copies[i + 1], copies[i + 2], readBits(src, copies[i], copies[i + 2]));
    const refs = e.refs;
    const maps = e.maps;
    for (let i = 0; i < refs.length; i += 5) {
      const bit = refs[i];
      const width = refs[i + 1];
      const lo = refs[i + 2];
      const v = readBits(out, bit, width) + lo;
      if (v >= 0 && v < refs[i + 4]) writeBits(out, bit, width, maps[refs[i + 3] + v] - lo);
    }
  }

  canonical(s: S): S {
    // States are immutable: the explorer asks again for the representative it was just given.
    if (s === this.lastOut || s === this.lastIn) return this.lastOut as S;
    const out = this.canonicalOf(s);
    this.lastIn = s;
    this.lastOut = out;
    return out;
  }

  canonicalCode(s: S, out: Uint32Array, offset: number, parent?: S, parentCode?: Uint32Array): boolean {
    if (this.programs === undefined) {
      const c = this.canonical(s);
      this.codec.encode(c, out, offset);
      return c !== s;
    }
    if (parent !== undefined && parentCode !== undefined) this.codec.encodeFrom(s, parent, parentCode, 0, this.src, 0);
    else this.codec.encode(s, this.src, 0);
    this.leastOfSrc();
    out.set(this.best, offset);
    return compareCodes(this.best, this.src) !== 0;
  }

  /** A small group: the least code of the orbit of `src`'s state, left in `best`, by trying each element. */
  private leastOfSrc(): void {
    const src = this.src;
    const programs = this.programs!;
    const best = this.best;
    const cand = this.cand;
    best.set(src);
    for (let e = 0; e < programs.length; e++) {
      this.runElement(programs[e], cand);
      if (compareCodes(cand, best) < 0) best.set(cand);
    }
  }

  private canonicalOf(s: S): S {
    const cs = this.cs;
    if (this.target.length === 0) {
      // No references: the slots' own codes decide; sort each group by them, and move the
      // items themselves (no reference to rewrite: the state is neither encoded nor decoded).
      for (let k = 0; k < cs.length; k++) this.fillItemKeys(k, s);
      let t = s;
      for (let k = 0; k < cs.length; k++) {
        if (!this.sortByKeys(k)) continue;
        for (const m of cs[k].members) t = m.permuted(t, this.perms[k]) as S;
      }
      return t;
    }
    if (this.programs !== undefined) {
      this.codec.encode(s, this.src, 0);
      this.leastOfSrc();
      return compareCodes(this.best, this.src) === 0 ? s : this.codec.decode(this.best, 0);
    }
    const src = this.src;
    this.codec.encode(s, src, 0);
    for (let k = 0; k < cs.length; k++) this.fillKeys(k);
    this.readTargets();
    const colors: Int32Array[] = [];
    for (let k = 0; k < cs.length; k++) colors.push(this.initialColors(k));
    this.haveBest = false;
    this.search(colors, undefined);
    return compareCodes(this.best, src) === 0 ? s : this.codec.decode(this.best, 0);
  }

  permute(s: S, perms: readonly (readonly number[])[]): S {
    if (perms.length !== this.cs.length) throw new Error(`symmetry: ${perms.length} permutations for ${this.cs.length} slot sets`);
    const ps = perms.map((p, k) => {
      const c = this.cs[k];
      if (p.length !== c.n || new Set(p).size !== c.n || p.some((x) => !Number.isInteger(x) || x < 0 || x >= c.n)) throw new Error(`symmetry: not a permutation of the ${c.n} slots of ${c.name}: ${JSON.stringify(p)}`);
      for (let i = 0; i < c.n; i++) if (c.groups[p[i]] !== c.groups[i]) throw new Error(`symmetry: ${c.name}: slot ${p[i]} cannot move to ${i} (another group)`);
      return Int32Array.from(p);
    });
    this.codec.encode(s, this.src, 0);
    this.build(ps, this.cand);
    return this.codec.decode(this.cand, 0);
  }

  /** Row j of set k's keys: its group, then each leaf's bits, a reference into a set as -1 (its target's colour decides later). */
  private fillKeys(k: number): void {
    const c = this.cs[k];
    const src = this.src;
    const L = this.keyLen[k];
    const keys = this.keys[k];
    for (let j = 0; j < c.n; j++) {
      let at = j * L;
      keys[at++] = c.groups[j];
      for (const m of c.members) {
        const base = m.base + j * m.stride;
        for (const l of m.leaves) {
          const raw = readBits(src, base + l.rel, l.width);
          if (l.ref >= 0) {
            const v = raw + l.lo;
            keys[at++] = v >= 0 && v < this.cs[l.ref].n ? -1 : raw;
          } else keys[at++] = raw;
        }
      }
    }
  }

  /** Row j of set k's keys without references: its group, then its items' codes (each item's own codec). */
  private fillItemKeys(k: number, s: S): void {
    const c = this.cs[k];
    const L = this.keyLen[k];
    const keys = this.itemKeys[k];
    let off = 1;
    for (let j = 0; j < c.n; j++) keys[j * L] = c.groupIndex[j];
    for (const m of c.members) {
      const items = m.items(s);
      for (let j = 0; j < c.n; j++) m.item.encode(items[j], keys, j * L + off);
      off += m.item.words;
    }
  }

  /** Without references: unsigned words of two rows of set k's item keys. */
  private compareItemKeys(k: number, a: number, b: number): number {
    const L = this.keyLen[k];
    const keys = this.itemKeys[k];
    for (let i = 0; i < L; i++) {
      const x = keys[a * L + i];
      const y = keys[b * L + i];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }

  private compareKeys(k: number, a: number, b: number): number {
    const L = this.keyLen[k];
    const keys = this.keys[k];
    for (let i = 0; i < L; i++) {
      const x = keys[a * L + i];
      const y = keys[b * L + i];
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }

  /** Fills `perms[k]` with each group sorted by key (insertion sort: groups are small); true when it moves a slot. */
  private sortByKeys(k: number): boolean {
    const c = this.cs[k];
    const perm = this.perms[k];
    let moved = false;
    for (const pos of c.positions) {
      for (let i = 0; i < pos.length; i++) {
        const x = pos[i];
        let j = i;
        while (j > 0 && this.compareItemKeys(k, perm[pos[j - 1]], x) > 0) {
          perm[pos[j]] = perm[pos[j - 1]];
          j--;
        }
        perm[pos[j]] = x;
      }
      for (let i = 0; i < pos.length; i++) if (perm[pos[i]] !== pos[i]) moved = true;
    }
    return moved;
  }

  /** Dense ranks of set k's slots by key. */
  private initialColors(k: number): Int32Array {
    const n = this.cs[k].n;
    const order = this.order[k];
    for (let i = 0; i < n; i++) {
      let j = i;
      while (j > 0 && this.compareKeys(k, order[j - 1], i) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    const colors = new Int32Array(n);
    let r = 0;
    for (let i = 1; i < n; i++) {
      if (this.compareKeys(k, order[i - 1], order[i]) !== 0) r++;
      colors[order[i]] = r;
    }
    return colors;
  }

  /** This state's reference targets, and how many references each slot has. */
  private readTargets(): void {
    for (const inc of this.incoming) inc.fill(0);
    const target = this.target;
    for (let i = 0; i < target.length; i++) {
      const ref = this.refSet[i];
      const v = readBits(this.src, this.refBit[i], this.refWidth[i]) + this.refLo[i];
      if (v >= 0 && v < this.cs[ref].n) {
        target[i] = v;
        this.incoming[ref][v]++;
      } else target[i] = -1;
    }
  }

  /**
   * Refines `colors` in place until stable. A slot's new colour orders it by its colour, then
   * by a hash of the colours of the slots it references (per field) and of its referrers (per
   * field, as a multiset: summed). The hash depends only on colours and fields, so the
   * refinement is invariant under every permutation; a collision only leaves a cell coarser
   * (more branching), never a wrong form.
   */
  private refine(colors: Int32Array[]): void {
    const cs = this.cs;
    let classes = 0;
    for (let k = 0; k < cs.length; k++) classes += distinct(colors[k]);
    const target = this.target;
    for (;;) {
      for (let k = 0; k < cs.length; k++) this.hash[k].fill(0);
      for (let i = 0; i < target.length; i++) {
        const t = target[i];
        if (t < 0) continue;
        const ref = this.refSet[i];
        const field = Math.imul(this.refField[i] + 1, 0x9e3779b1);
        const from = this.refSrcSet[i];
        const fromColor = from < 0 ? 0 : colors[from][this.refSrcSlot[i]] + 1;
        // The referrer learns its target's colour; the target, the referrer's.
        if (from >= 0) this.hash[from][this.refSrcSlot[i]] = (this.hash[from][this.refSrcSlot[i]] + mix(field ^ (colors[ref][t] + 1))) >>> 0;
        this.hash[ref][t] = (this.hash[ref][t] + mix(Math.imul(field, 31) ^ (fromColor + 0x5bd1e995))) >>> 0;
      }
      let now = 0;
      for (let k = 0; k < cs.length; k++) now += this.rerank(k, colors[k]);
      if (now === classes) return;
      classes = now;
    }
  }

  /** Set k's colours re-ranked by (colour, hash); returns how many colours there are. */
  private rerank(k: number, colors: Int32Array): number {
    const n = colors.length;
    if (n === 0) return 0;
    const h = this.hash[k];
    const order = this.order[k];
    const before = (a: number, b: number) => colors[a] < colors[b] || (colors[a] === colors[b] && h[a] < h[b]);
    for (let i = 0; i < n; i++) {
      let j = i;
      while (j > 0 && before(i, order[j - 1])) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    let r = 0;
    let prev = order[0];
    const old = colors.slice();
    colors[prev] = 0;
    for (let i = 1; i < n; i++) {
      const x = order[i];
      if (old[x] !== old[prev] || h[x] !== h[prev]) r++;
      colors[x] = r;
      prev = x;
    }
    return r + 1;
  }

  /**
   * Explores the labellings of the refined `colors`, keeping the least code in `best`.
   * Returns the subtree's first leaf code, or PRUNED when it equals `guard`.
   */
  private search(colors: Int32Array[], guard: Uint32Array | undefined): Uint32Array | typeof PRUNED {
    this.refine(colors);
    const cell = this.splittable(colors);
    if (cell === undefined) {
      for (let k = 0; k < this.cs.length; k++) this.labelling(k, colors[k]);
      this.build(this.perms, this.cand);
      if (!this.haveBest || compareCodes(this.cand, this.best) < 0) {
        this.best.set(this.cand);
        this.haveBest = true;
      }
      if (guard !== undefined && compareCodes(this.cand, guard) === 0) return PRUNED;
      return this.cand.slice();
    }
    const { k, color } = cell;
    let first: Uint32Array | undefined;
    let i = 0;
    const c = colors[k];
    for (let x = 0; x < c.length; x++) {
      if (c[x] !== color) continue;
      const child = colors.map((cc, kk) => (kk !== k ? cc.slice() : Int32Array.from(cc, (v, j) => (v > color || (v === color && j !== x) ? v + 1 : v))));
      // x first in its cell: the rest of the cell, and every later cell, one rank up.
      const r = this.search(child, i === 0 ? guard : first);
      if (i === 0) {
        if (r === PRUNED) return PRUNED;
        first = r;
      }
      i++;
    }
    return first!;
  }

  /** The first cell (set order, then colour order) of two or more slots that must be split: not all alike and unreferenced. */
  private splittable(colors: Int32Array[]): { k: number; color: number } | undefined {
    for (let k = 0; k < this.cs.length; k++) {
      const c = colors[k];
      const n = c.length;
      const cells = distinct(c);
      if (cells === n) continue;
      for (let color = 0; color < cells; color++) {
        let first = -1;
        let size = 0;
        let alike = true;
        for (let j = 0; j < n; j++) {
          if (c[j] !== color) continue;
          size++;
          if (first < 0) first = j;
          if (this.incoming[k][j] > 0 || !this.sameBits(k, first, j)) alike = false;
        }
        if (size >= 2 && !alike) return { k, color };
      }
    }
    return undefined;
  }

  /** Slots a and b of set k have the same bits in every member (references included, as raw values). */
  private sameBits(k: number, a: number, b: number): boolean {
    if (a === b) return true;
    for (const m of this.cs[k].members) {
      for (const l of m.leaves) {
        if (readBits(this.src, m.base + a * m.stride + l.rel, l.width) !== readBits(this.src, m.base + b * m.stride + l.rel, l.width)) return false;
      }
    }
    return true;
  }

  /** `perms[k]` from discrete (up to alike slots) colours: each group's positions take its slots in colour order. */
  private labelling(k: number, colors: Int32Array): void {
    const perm = this.perms[k];
    for (const pos of this.cs[k].positions) {
      for (let i = 0; i < pos.length; i++) {
        const x = pos[i];
        let j = i;
        while (j > 0 && colors[perm[pos[j - 1]]] > colors[x]) {
          perm[pos[j]] = perm[pos[j - 1]];
          j--;
        }
        perm[pos[j]] = x;
      }
    }
  }

  /** Writes `src` with `perms` applied into `out`: slots moved with their per-slot items, references rewritten. */
  private build(perms: readonly Int32Array[], out: Uint32Array): void {
    const src = this.src;
    out.set(src);
    for (let k = 0; k < this.cs.length; k++) {
      const c = this.cs[k];
      const perm = perms[k];
      const inv = this.inverse[k];
      for (let p = 0; p < c.n; p++) {
        const old = perm[p];
        inv[old] = p;
        if (old === p) continue;
        for (const m of c.members) {
          const to = m.base + p * m.stride;
          const from = m.base + old * m.stride;
          for (const l of m.leaves) writeBits(out, to + l.rel, l.width, readBits(src, from + l.rel, l.width));
        }
      }
    }
    // Each reference, read where it now sits (a slot's moved with it), mapped to its slot's new position.
    const refs = this.refBit.length;
    for (let i = 0; i < refs; i++) {
      const from = this.refSrcSet[i];
      const width = this.refWidth[i];
      if (width === 0) continue; // a one-slot set without sentinel: always 0
      const bit = from < 0 ? this.refBit[i] : this.movedBit(i, from);
      const lo = this.refLo[i];
      const ref = this.refSet[i];
      const v = readBits(out, bit, width) + lo;
      if (v >= 0 && v < this.cs[ref].n) writeBits(out, bit, width, this.inverse[ref][v] - lo);
    }
  }

  /** Where reference i (in slot refSrcSlot[i] of set `from`) sits once its slot has moved. */
  private movedBit(i: number, from: number): number {
    const slot = this.refSrcSlot[i];
    const p = this.inverse[from][slot];
    if (p === slot) return this.refBit[i];
    // Same member and leaf, slot p instead: the bit moves by (p - slot) strides of its member.
    const c = this.cs[from];
    for (const m of c.members) {
      const lo = m.base + slot * m.stride;
      if (this.refBit[i] >= lo && this.refBit[i] < lo + m.stride) return this.refBit[i] + (p - slot) * m.stride;
    }
    throw new Error('symmetry: a reference outside its slot');
  }
}

/** The array `steps` lead to in a state object, as a function of the state. */
function itemsGetter(steps: readonly Step[]): (state: unknown) => readonly unknown[] {
  let get = (x: unknown): unknown => x;
  for (const step of steps) {
    const inner = get;
    get = 'index' in step ? (x) => (inner(x) as readonly unknown[])[step.index] : (x) => (inner(x) as Record<string, unknown>)[step.field];
  }
  return get as (state: unknown) => readonly unknown[];
}

/** The state with the array `steps` lead to permuted; records on the way rebuilt (one closure per step, built once). */
function permutedSetter(steps: readonly Step[]): (state: unknown, perm: Int32Array) => unknown {
  let f = (node: unknown, perm: Int32Array): unknown => {
    const items = node as readonly unknown[];
    const out = new Array<unknown>(perm.length);
    for (let p = 0; p < perm.length; p++) out[p] = items[perm[p]];
    return out;
  };
  for (let d = steps.length - 1; d >= 0; d--) {
    const step = steps[d];
    const inner = f;
    if ('index' in step) {
      const i = step.index;
      f = (node, perm) => {
        const out = (node as readonly unknown[]).slice();
        out[i] = inner(out[i], perm);
        return out;
      };
    } else {
      const { field, set } = step;
      f = (node, perm) => set(node, inner((node as Record<string, unknown>)[field], perm));
    }
  }
  return f;
}

/**
 * A record with field `field` replaced, built by one generated literal with the keys in schema
 * order: the shape the schema's decoder and `make` give (field names are checked identifiers).
 */
function fieldSetter(names: readonly string[], field: string): (record: unknown, value: unknown) => unknown {
  const body = `return { ${names.map((n) => `${n}: ${n === field ? 'v' : `r.${n}`}`).join(', ')} };`;
  return new Function('r', 'v', body) as (record: unknown, value: unknown) => unknown;
}

function distinct(c: Int32Array): number {
  let max = -1;
  for (let i = 0; i < c.length; i++) if (c[i] > max) max = c[i];
  return max + 1;
}
