/**
 * A structural diff between two plain-data states, computed only when a trace is reported
 * (never on the exploration path). States are plain objects, arrays and scalars, so a
 * recursive walk is enough: each change names the leaf that differs by a path such as
 * `ec2.instances[1].state` and carries the values before and after.
 */

/** One changed leaf (or a whole subtree whose shape changed). `undefined` means absent. */
export interface Change {
  /** `msgs[0].q`, `ec2.instances[1].state`; keys that are not identifiers as `["a b"]`. */
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Appends `key` to `path`: `.key` for identifiers, `["key"]` otherwise. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  if (IDENT.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/**
 * The leaves that differ between `before` and `after`, in the order of `before`'s keys
 * (keys only in `after` last). Shared sub-objects (the states' structural sharing) are
 * skipped by identity, so a diff costs only the part that changed.
 */
export function diffStates(before: unknown, after: unknown, path = ''): Change[] {
  const out: Change[] = [];
  walk(before, after, path, out);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: Change[]): void {
  if (a === b) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(i < a.length ? a[i] : undefined, i < b.length ? b[i] : undefined, childPath(path, i), out);
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    for (const k of Object.keys(a)) walk(a[k], Object.prototype.hasOwnProperty.call(b, k) ? b[k] : undefined, childPath(path, k), out);
    for (const k of Object.keys(b)) if (!Object.prototype.hasOwnProperty.call(a, k)) walk(undefined, b[k], childPath(path, k), out);
    return;
  }
  if (Number.isNaN(a) && Number.isNaN(b)) return;
  out.push({ path: path === '' ? '(state)' : path, before: a, after: b });
}

const BARE = /^[\w.:/@+-]+$/;

/**
 * A compact, readable rendering of a state value: enum strings bare (`running`), other
 * strings quoted, records as `{q: visible, timer: 0}`, arrays as `[1, 2]`, absent as `(absent)`.
 */
export function formatValue(v: unknown): string {
  if (v === undefined) return '(absent)';
  if (typeof v === 'string') return BARE.test(v) ? v : JSON.stringify(v);
  if (typeof v !== 'object' || v === null) return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  const fields = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${IDENT.test(k) ? k : JSON.stringify(k)}: ${formatValue(x)}`);
  return `{${fields.join(', ')}}`;
}

/** `path: before → after`. */
export function formatChange(c: Change): string {
  return `${c.path}: ${formatValue(c.before)} → ${formatValue(c.after)}`;
}
