/**
 * How an explorer turns a state into the words it stores: the model's exact code when it
 * has one, else a 64-bit structural fingerprint; under symmetry reduction, of the state's
 * canonical representative.
 */
import type { Action, Model } from '../model/core/model.js';
import type { SchemaNode } from '../model/core/schema-types.js';
import { codecOf, type ModelCodec } from './codec.js';
import { Fingerprinter } from './fingerprint.js';
import { compiledStateCheck, inferShape, inferredCodec, layoutCodec, minimalLayout, type InferredCodec, type Layout, type Shape } from './inferred.js';
import { initialStates } from './model-error.js';
import { plainState } from './plain-data.js';

export interface Keyer<S> {
  readonly words: number;
  /** True when keys are exact codes (no collisions possible). */
  readonly exact: boolean;
  key(s: S, out: Uint32Array, off: number): void;
  /** Called before a state's successors are keyed (fingerprints reuse its nodes' hashes). */
  prime?(s: S): void;
  /**
   * A new state `t` (a successor of `parent`), just keyed into `code[off..]`, as every explorer
   * sees states (engine/plain-data.ts): `-0` read as `0`, and through the codec when there is
   * one. The key's own walk or a compiled look at `t`'s integers decides; `t` itself unless
   * it holds a -0.
   */
  normalize(t: S, parent: S, code: Uint32Array, off: number): S;
  /** The exact codec behind the keys, when there is one (the model's, or one inferred). */
  readonly codec?: ModelCodec<S>;
  /** The inferred codec, when the keys are its codes (its width and string dictionary go into checkpoints). */
  readonly inferred?: InferredCodec;
}

/**
 * Keys for `model`'s states. With `inferWidth` (one width for every field, or a layout of
 * widths per field), a model without a codec gets one inferred from its initial states
 * (engine/inferred.ts), whose encoder throws ShapeMismatch on a state that does not fit: only
 * an explorer that restarts on it (the exhaustive one) asks for that.
 */
export function keyerFor<S, A extends Action>(model: Model<S, A>, symmetry = false, inferWidth?: 8 | 16 | 32 | Layout): Keyer<S> {
  const canonical = symmetry ? model.canonical?.bind(model) : undefined;
  if (symmetry && !canonical) throw new Error('symmetry reduction needs the model to define canonical(s)');
  const own = codecOf(model);
  const inferred = !own && inferWidth && !symmetry ? inferCodecFor(model, inferWidth) : undefined;
  const codec = own ?? (inferred?.codec as ModelCodec<S> | undefined);
  if (codec) {
    const codeWords = codec.words;
    const enc = codec.encode;
    const decode = codec.decode;
    // The codec has checked the shape: only integers can hold a -0 (then its code decodes without it).
    const shape = inferred?.shape ?? (model.schema ? shapeOfSchema(model.schema as unknown as SchemaNode) : undefined);
    const clean = shape ? compiledStateCheck(shape, true) : () => false;
    const normalize = (t: S, parent: S, code: Uint32Array, off: number): S => (clean(t, parent) ? t : decode(code, off));
    return canonical
      ? { words: codeWords, exact: true, key: (s, out, off) => enc(canonical(s), out, off), codec, normalize }
      : { words: codeWords, exact: true, key: enc, codec, normalize, ...(inferred?.uniform ? { inferred: inferred.uniform } : {}) };
  }
  const fp = new Fingerprinter();
  // The fingerprint's walk notes a -0 (shared parts were seen in the parent, already without).
  const normalize = (t: S, parent: S): S => (fp.negativeZero ? plainState(t, parent) : t);
  return canonical
    ? { words: 2, exact: false, key: (s, out, off) => fp.fingerprint(canonical(s), out, off), prime: (s) => fp.prime(s), normalize }
    : { words: 2, exact: false, key: (s, out, off) => fp.fingerprint(s, out, off), prime: (s) => fp.prime(s), normalize };
}

/** The shape of the states a schema describes (record keys in declaration order, as it decodes them). */
function shapeOfSchema(node: SchemaNode): Shape {
  switch (node.tag) {
    case 'int':
      return { kind: 'int' };
    case 'bool':
      return { kind: 'bool' };
    case 'enum':
      return { kind: 'string' };
    case 'array':
      return { kind: 'array', items: Array.from({ length: node.length }, () => shapeOfSchema(node.item as unknown as SchemaNode)) };
    case 'record': {
      const keys = Object.keys(node.fields);
      return { kind: 'object', keys, fields: keys.map((k) => shapeOfSchema(node.fields[k] as unknown as SchemaNode)) };
    }
  }
}

/**
 * A codec inferred from the initial states, when they all have one shape a code can hold;
 * `uniform`: the one-width codec, whose width and dictionary a checkpoint records.
 */
function inferCodecFor<S, A extends Action>(model: Model<S, A>, width: 8 | 16 | 32 | Layout): { codec: ModelCodec<unknown>; shape: Shape; uniform?: InferredCodec } | undefined {
  const inits = initialStates(model);
  const shape = typeof width === 'number' ? inferShape(inits[0]) : width.shape;
  if (!shape) return undefined;
  const uniform = typeof width === 'number' ? inferredCodec(shape, width) : undefined;
  const codec = uniform ?? layoutCodec(width as Layout);
  const probe = new Uint32Array(codec.words);
  try {
    for (const s of inits) codec.encode(s, probe, 0);
  } catch {
    return undefined;
  }
  return { codec, shape, ...(uniform ? { uniform } : {}) };
}

/**
 * The narrowest field widths for codes inferred from `model`'s initial states (a plain-object
 * model without a codec), or undefined when they have no shape a code can hold.
 */
export function firstLayout<S, A extends Action>(model: Model<S, A>): Layout | undefined {
  const inits = initialStates(model);
  const shape = inferShape(inits[0]);
  return shape ? minimalLayout(shape, inits) : undefined;
}
