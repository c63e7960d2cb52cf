/**
 * A trace's own consistency: a checksum over its content (so an edit by hand is caught
 * without asking the model), and escaping for text from a trace file echoed in messages
 * (so a control character in a file is shown, never sent raw to the terminal).
 */
import { createHash } from 'node:crypto';

/** What the checksum covers: everything that decides what a replay does and reports. */
export interface ChecksummedContent {
  readonly scenario: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly property: string;
  readonly kind: string;
  readonly mode: string;
  readonly initIndex?: number;
  readonly recoveryFrom?: number;
  /** Version 3: a lasso's loop start, and whether the trace was found under prompt control. */
  readonly loopIndex?: number;
  readonly promptControl?: boolean;
  readonly seed?: number;
  readonly path?: string;
  readonly steps: readonly { readonly action: unknown; readonly label?: unknown }[];
}

export const CHECKSUM_PATTERN = /^sha256:[0-9a-f]{64}$/;

/**
 * JSON with object keys sorted at every level and no white space: one text per value, so
 * re-indenting or reordering keys by a formatter keeps the checksum.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `sha256:<hex>` of the canonical content; absent optional fields and their defaults agree.
 * `loopIndex` (version 3) is covered when present and absent from the text otherwise, so a
 * version-2 trace keeps its checksum.
 */
export function traceChecksum(t: ChecksummedContent): string {
  const content = {
    scenario: t.scenario,
    parameters: t.parameters ?? {},
    property: t.property,
    kind: t.kind,
    mode: t.mode,
    initIndex: t.initIndex ?? 0,
    recoveryFrom: t.recoveryFrom ?? null,
    loopIndex: t.loopIndex,
    promptControl: t.promptControl,
    seed: t.seed ?? null,
    path: t.path ?? null,
    steps: t.steps.map((s) => ({ action: s.action, label: s.label ?? null })),
  };
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`;
}

// C0 and C1 controls, DEL, line and paragraph separators, the BOM, and the bidirectional
// overrides that can make a line read differently from what it holds.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** `text` with every control character written as a `\uXXXX` escape: one printable line. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
