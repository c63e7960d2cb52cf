/**
 * Unknown-option checks for the option objects users write (components, `compose`,
 * `defineScenario`, the explorers). TypeScript rejects a misspelt option only under `tsc`;
 * at runtime it was silently ignored, and a misspelling can turn a failing design green.
 * In the kernel so that every layer (the engine included) can use it.
 */

/** Edits from `a` to `b`: insertions, deletions, substitutions and adjacent swaps (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}

/** The known names closest to `name` (case ignored, ties all listed), when close enough to be a misspelling; else none. */
export function closestNames(name: string, known: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  let best: string[] = [];
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d > limit || d > bestDistance) continue;
    if (d < bestDistance) best = [];
    best.push(k);
    bestDistance = d;
  }
  return best;
}

/** `name` as written in a message: bare when it is an identifier, quoted (one line, at most 60 characters) otherwise. */
function label(name: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) return name;
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 57)}...` : name);
}

/** A short description of a value that is not an option object. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}

/** `unknown X` with a suggestion, or the known names when none is close. */
export function unknownName(what: string, name: string, known: readonly string[]): string {
  const near = closestNames(name, known);
  if (near.length) return `unknown ${what} ${label(name)} (did you mean ${near.length > 1 ? `${near.slice(0, -1).join(', ')} or ${near.at(-1)}` : near[0]}?)`;
  return `unknown ${what} ${label(name)} (${known.length ? `known: ${known.join(', ')}` : 'none are known'})`;
}

/**
 * The one-line problem with an option object, or undefined: `options` must be an object (not
 * null, not an array), and each of its own keys (`__proto__` and `constructor` included) a
 * name in `known`. The first unknown key is reported, as `<owner>: unknown option <key> (...)`.
 */
export function optionsProblem(owner: string, options: unknown, known: readonly string[]): string | undefined {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return `${owner}: options must be an object, got ${kindOf(options)}`;
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) return `${owner}: ${unknownName('option', key, known)}`;
  }
  return undefined;
}

/** Throws `<owner>: unknown option <key> (did you mean <name>?)` (see `optionsProblem`). */
export function checkOptions(owner: string, options: unknown, known: readonly string[]): void {
  const problem = optionsProblem(owner, options, known);
  if (problem !== undefined) throw new Error(problem);
}
