/**
 * ITF, the Informal Trace Format of Apalache and Quint (ADR-015): a trace as
 * `{ "#meta", "vars", "states": [{ "#meta": { "index" }, ...vars }], "loop"? }` so that
 * existing ITF viewers and Quint tooling can read faultline counterexamples.
 *
 * Encoding of state values: integers as `{ "#bigint": "n" }`, arrays as ITF lists (JSON
 * arrays), plain objects as records, strings and booleans as themselves. A state that is a
 * record becomes one ITF variable per field (a composed world: one per component);
 * anything else is held in a single variable named `state`. The importer reverses this
 * and also accepts plain JSON integers, `#tup` and `#set` (as arrays) and `#map` with
 * string keys (as records), which other tools emit.
 */
import type { Action, Model } from '../model/core/model.js';
import type { PropertyKind } from '../model/core/property.js';
import type { Counterexample, Mode } from '../engine/report.js';
import { viewCounterexample } from './view.js';

/** One ITF value. */
export type ItfValue = string | boolean | number | { readonly '#bigint': string } | readonly ItfValue[] | { readonly [k: string]: ItfValue };

export interface ItfState {
  readonly '#meta': { readonly index: number; readonly [k: string]: unknown };
  readonly [variable: string]: unknown;
}

export interface ItfTrace {
  readonly '#meta': Readonly<Record<string, unknown>>;
  readonly params?: readonly string[];
  readonly vars: readonly string[];
  readonly states: readonly ItfState[];
  readonly loop?: number;
}

/** Where ADR-015 lives, recorded in `#meta.format-description` as Quint does. */
export const ITF_DESCRIPTION_URL = 'https://apalache-mc.org/docs/adr/015adr-trace.html';
/** The variable that holds a state that is not a record. */
export const WHOLE_STATE_VAR = 'state';

/** A state value that ITF cannot represent (a fraction, null, a function...). */
export class ItfError extends Error {
  override name = 'ItfError';
}

const INT = /^-?[0-9]+$/;

/** Encodes one plain-data value; `where` names it in errors. */
export function toItfValue(v: unknown, where = 'value'): ItfValue {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      if (!Number.isSafeInteger(v)) throw new ItfError(`${where}: ${v} is not an integer; ITF has integers only`);
      return { '#bigint': String(v) };
    case 'bigint':
      return { '#bigint': v.toString() };
    case 'object': {
      if (v === null) throw new ItfError(`${where}: null has no ITF form`);
      if (Array.isArray(v)) return v.map((x, i) => toItfValue(x, `${where}[${i}]`));
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new ItfError(`${where}: only plain objects are records`);
      const out: Record<string, ItfValue> = {};
      for (const [k, x] of Object.entries(v)) {
        if (k.startsWith('#')) throw new ItfError(`${where}: field ${JSON.stringify(k)} starts with #, reserved by ITF`);
        if (x !== undefined) out[k] = toItfValue(x, `${where}.${k}`);
      }
      return out;
    }
    default:
      throw new ItfError(`${where}: a ${typeof v} has no ITF form`);
  }
}

/** Decodes one ITF value to plain data (numbers for integers within the safe range). */
export function fromItfValue(v: unknown, where = 'value'): unknown {
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new ItfError(`${where}: ${v} is not an integer`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => fromItfValue(x, `${where}[${i}]`));
  if (typeof v !== 'object' || v === null) throw new ItfError(`${where}: ${JSON.stringify(v)} is not an ITF value`);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0].startsWith('#')) {
    const [tag] = keys;
    const body = o[tag];
    if (tag === '#bigint') {
      if (typeof body !== 'string' || !INT.test(body)) throw new ItfError(`${where}: #bigint must be a string of digits`);
      const n = Number(body);
      if (!Number.isSafeInteger(n)) throw new ItfError(`${where}: ${body} is outside the safe integer range`);
      return n;
    }
    if ((tag === '#tup' || tag === '#set') && Array.isArray(body)) return body.map((x, i) => fromItfValue(x, `${where}${tag}[${i}]`));
    if (tag === '#map' && Array.isArray(body)) return mapToRecord(body, where);
    throw new ItfError(`${where}: unsupported ITF form ${tag}`);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = fromItfValue(o[k], `${where}.${k}`);
  return out;
}

function mapToRecord(pairs: unknown[], where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of pairs) {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== 'string') throw new ItfError(`${where}: only #map with string keys can be read`);
    out[p[0]] = fromItfValue(p[1], `${where}.${p[0]}`);
  }
  return out;
}

function isRecord(s: unknown): s is Record<string, unknown> {
  return typeof s === 'object' && s !== null && !Array.isArray(s);
}

/**
 * An ITF trace of `states` (index 0 is the initial state). `stateMeta[i]` is merged into
 * state i's `#meta` (the action that led to it, for instance).
 */
export function statesToItf(states: readonly unknown[], meta: Readonly<Record<string, unknown>> = {}, stateMeta: readonly Readonly<Record<string, unknown>>[] = []): ItfTrace {
  if (states.length === 0) throw new ItfError('an ITF trace needs at least one state');
  const first = states[0];
  const asRecords = states.every((s) => isRecord(s) && !Object.keys(s).some((k) => k.startsWith('#')));
  const vars = asRecords ? Object.keys(first as object) : [WHOLE_STATE_VAR];
  const itfStates = states.map((s, index): ItfState => {
    const values: Record<string, unknown> = { '#meta': { ...stateMeta[index], index } };
    const rec = asRecords ? (s as Record<string, unknown>) : { [WHOLE_STATE_VAR]: s };
    if (asRecords && (Object.keys(rec).length !== vars.length || !vars.every((v) => v in rec))) throw new ItfError(`state ${index}: its fields differ from state 0's (${vars.join(', ')})`);
    for (const v of vars) values[v] = toItfValue(rec[v], `state ${index}: ${v}`);
    return values as ItfState;
  });
  return {
    '#meta': { format: 'ITF', 'format-description': ITF_DESCRIPTION_URL, ...meta, ...(asRecords ? {} : { 'faultline-whole-state': true }) },
    vars,
    states: itfStates,
  };
}

/** Context recorded in the trace's `#meta`. */
export interface ItfContext {
  readonly scenario?: string;
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  readonly property: string;
  readonly kind: PropertyKind;
  readonly mode?: Mode;
  readonly source?: string;
}

/**
 * The ITF trace of a counterexample: the states along it, replayed on `model`, each with
 * `#meta.action` (the label of the action that led to it; absent for the initial state).
 * A lasso (`cx.loopIndex`) gets ITF's `loop`, the index of the state the last one is followed
 * by: the state after the last step is that state again, so it is not listed twice (the
 * closing step's label is `#meta.loop-action`); a last state that lasts for ever (no fair
 * action enabled) loops to itself.
 */
export function counterexampleToItf(model: Model<any, any>, cx: Counterexample<Action>, ctx: ItfContext): ItfTrace {
  const view = viewCounterexample(model, { name: ctx.property, kind: ctx.kind }, cx);
  const states = [view.initial, ...view.steps.map((s) => s.state)];
  const stateMeta = [{}, ...view.steps.map((s) => ({ action: s.label, kind: s.kind, component: s.component }))];
  const meta = {
    ...(ctx.source !== undefined ? { source: ctx.source } : {}),
    description: `faultline counterexample: ${ctx.property} (${ctx.kind})${ctx.scenario ? ` in ${ctx.scenario}` : ''}`,
    ...(ctx.scenario !== undefined ? { scenario: ctx.scenario } : {}),
    ...(ctx.parameters !== undefined ? { parameters: ctx.parameters } : {}),
    property: ctx.property,
    kind: ctx.kind,
    ...(ctx.mode !== undefined ? { mode: ctx.mode } : {}),
    ...(cx.recoveryFrom !== undefined ? { recoveryFrom: cx.recoveryFrom } : {}),
    ...(cx.seed !== undefined ? { seed: cx.seed } : {}),
  };
  const loop = cx.loopIndex;
  if (loop === undefined) return statesToItf(states, meta, stateMeta);
  if (loop >= view.steps.length) return { ...statesToItf(states, meta, stateMeta), loop: view.steps.length };
  const closing = view.steps[view.steps.length - 1];
  return { ...statesToItf(states.slice(0, -1), { ...meta, 'loop-action': closing.label }, stateMeta.slice(0, -1)), loop };
}

/**
 * Reads an ITF trace (a parsed JSON document) back to plain states, checking its shape:
 * `vars` an array of strings, `states` an array of objects each holding every variable.
 */
export function itfToStates(doc: unknown): unknown[] {
  if (!isRecord(doc)) throw new ItfError('an ITF trace must be a JSON object');
  if (!Array.isArray(doc.vars) || !doc.vars.every((v) => typeof v === 'string')) throw new ItfError('vars must be an array of strings');
  if (!Array.isArray(doc.states)) throw new ItfError('states must be an array');
  if (doc.loop !== undefined && (!Number.isInteger(doc.loop) || (doc.loop as number) < 0 || (doc.loop as number) >= doc.states.length)) {
    throw new ItfError('loop must be the index of a state');
  }
  const vars = doc.vars as string[];
  const meta = isRecord(doc['#meta']) ? doc['#meta'] : {};
  const whole = meta['faultline-whole-state'] === true;
  return doc.states.map((s, i) => {
    if (!isRecord(s)) throw new ItfError(`state ${i}: must be an object`);
    const out: Record<string, unknown> = {};
    for (const v of vars) {
      if (!(v in s)) throw new ItfError(`state ${i}: variable ${v} is missing`);
      out[v] = fromItfValue(s[v], `state ${i}: ${v}`);
    }
    return whole ? out[WHOLE_STATE_VAR] : out;
  });
}
