/**
 * Finding what `faultline check <target>` names: a bundled scenario (or base name), or a
 * file (.ts, .mts, .js, .mjs) whose default export is a Model, a scenario, or an array of
 * scenarios (what `faultline import` writes for a template of several units). TypeScript
 * files load through tsx, without a build step.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineScenario, InputError, isModel, isScenario, matchScenarios, type Scenario } from '../engine/scenario.js';
import { thrown } from '../engine/model-error.js';
import { bundledScenarios } from '../scenarios/index.js';
import { isTemplateFile, loadTemplateScenarios, templateNotes } from './template.js';

const FILE_EXT = new Set(['.ts', '.mts', '.js', '.mjs', '.cts', '.cjs']);

export function looksLikeFile(target: string): boolean {
  return FILE_EXT.has(extname(target)) || target.includes('/') || target.includes('\\');
}

/** Loads a scenario file's scenarios; a bare Model becomes a scenario named after the file. */
export async function loadScenarioFile(file: string): Promise<Scenario[]> {
  const abs = resolve(file);
  if (!existsSync(abs)) throw new InputError(`no such scenario file: ${file}`);
  if (!FILE_EXT.has(extname(abs))) throw new InputError(`${file}: a scenario file must be .ts, .mts, .js or .mjs`);
  let mod: { default?: unknown };
  try {
    if (/\.[mc]?ts$/.test(abs)) {
      const { tsImport } = await import('tsx/esm/api');
      mod = (await tsImport(pathToFileURL(abs).href, import.meta.url)) as { default?: unknown };
    } else {
      mod = (await import(pathToFileURL(abs).href)) as { default?: unknown };
    }
  } catch (e) {
    throw new InputError(await loadFailure(file, abs, e));
  }
  try {
    return scenariosOf(mod, file, abs);
  } catch (e) {
    // An export whose members throw when read (a getter, a Proxy) is the file's error, in one line.
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: the default export cannot be read: ${thrown(e)}`);
  }
}

function scenariosOf(mod: { default?: unknown }, file: string, abs: string): Scenario[] {
  // tsx may wrap a CommonJS-style default once more.
  let exported = mod.default;
  if (exported && typeof exported === 'object' && 'default' in exported && !isModel(exported) && !isScenario(exported) && !Array.isArray(exported)) {
    exported = (exported as { default: unknown }).default;
  }
  if (isScenario(exported)) return [exported];
  if (isModel(exported)) {
    const name = basename(abs, extname(abs)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
    return [defineScenario({ name, description: `model from ${basename(abs)}`, model: exported })];
  }
  // Several scenarios (a template's units): each a scenario, each name once.
  if (Array.isArray(exported) && exported.length > 0 && exported.every(isScenario)) {
    const names = exported.map((s) => s.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice !== undefined) throw new InputError(`${file}: the default export names scenario ${JSON.stringify(twice)} twice`);
    return [...exported];
  }
  throw new InputError(`${file}: the default export must be a Model (init, actions, next, properties), defineScenario(...), or an array of defineScenario(...)`);
}

/**
 * Why a scenario file did not load, in one line; a syntax error as `file:line:column: message`
 * (1-based, as editors and tsc count). esbuild (through tsx) reports the location in its
 * message; Node's own SyntaxError has none, so on that error path only, `node --check`
 * finds it (.mjs, .cjs) or tsx parses the file again (.js, which --check may not parse).
 */
async function loadFailure(file: string, abs: string, e: unknown): Promise<string> {
  let message: string;
  try {
    message = e instanceof Error ? String(e.message) : String(e);
  } catch {
    message = thrown(e); // a message getter or toString that throws, an object without a prototype
  }
  const located = esbuildLocation(message, file, abs);
  if (located) return located;
  if (e instanceof SyntaxError && !/\.[mc]?ts$/.test(abs)) {
    const at = syntaxErrorLocation(abs);
    if (at) return `${file}:${at.line}:${at.column}: ${message.split('\n')[0]}`;
    try {
      const { tsImport } = await import('tsx/esm/api');
      await tsImport(pathToFileURL(abs).href, import.meta.url);
    } catch (again) {
      const retried = esbuildLocation(again instanceof Error ? again.message : '', file, abs);
      if (retried) return retried;
    }
  }
  return `${file}: cannot load: ${message.split('\n')[0]}`;
}

/** esbuild: "Transform failed with 1 error:\n/abs/file.ts:3:9: ERROR: Expected ..." (0-based column). */
function esbuildLocation(message: string, file: string, abs: string): string | undefined {
  const m = /^(.+):(\d+):(\d+): ERROR: (.*)$/m.exec(message);
  return m ? `${shown(m[1], file, abs)}:${m[2]}:${Number(m[3]) + 1}: ${m[4]}` : undefined;
}

/** The file as the user named it when it is the scenario file itself, else relative to here. */
function shown(path: string, file: string, abs: string): string {
  if (resolve(path) === abs) return file;
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

/** `node --check` prints "file:LINE", the source line, and a caret under the column. */
function syntaxErrorLocation(abs: string): { line: number; column: number } | undefined {
  const r = spawnSync(process.execPath, ['--check', abs], { encoding: 'utf8', timeout: 10_000 });
  const lines = (r.stderr ?? '').split('\n');
  const head = lines.findIndex((l) => l.startsWith(abs) || l.startsWith(pathToFileURL(abs).href));
  const line = head >= 0 ? /:(\d+)$/.exec(lines[head]) : null;
  const caret = head >= 0 ? (lines[head + 2] ?? '').indexOf('^') : -1;
  return line ? { line: Number(line[1]), column: caret >= 0 ? caret + 1 : 1 } : undefined;
}

export interface Target {
  readonly scenarios: readonly Scenario[];
  /** The file the scenarios came from, relative to the working directory. */
  readonly file?: string;
}

/**
 * The scenario `name` of `file`: a CloudFormation template's unit (imported with `params`), or
 * the one scenario of a scenario module. For the check worker, `--workers` and `replay`.
 */
export async function loadFileScenario(file: string, name: string, params: Readonly<Record<string, string>> = {}): Promise<Scenario> {
  if (!isTemplateFile(file)) {
    // One scenario: that one, whatever its name (a model file's scenario is named after the file, which may have moved).
    const all = await loadScenarioFile(file);
    const found = all.length === 1 ? all[0] : all.find((s) => s.name === name);
    if (found === undefined) throw new InputError(`${file}: no scenario ${name} in this file (have: ${all.map((s) => s.name).join(', ')})`);
    return found;
  }
  const { scenarios } = loadTemplateScenarios(file, params);
  const found = scenarios.find((s) => s.name === name);
  if (found === undefined) throw new InputError(`${file}: no unit ${name} in this template (have: ${scenarios.map((s) => s.name).join(', ')})`);
  return found;
}

/** Resolves a check target to scenarios; throws InputError for unknown names. `params` are the --param values (a template is imported with them). */
export async function resolveTarget(target: string, params: Readonly<Record<string, string>> = {}): Promise<Target> {
  const found = matchScenarios(bundledScenarios, target);
  if (found.length > 0) return { scenarios: found };
  if (isTemplateFile(target)) {
    const { scenarios, imp } = loadTemplateScenarios(target, params);
    for (const line of templateNotes(imp)) process.stderr.write(`faultline: ${line}\n`);
    const rel = relative(process.cwd(), resolve(target));
    return { scenarios, file: rel.startsWith('..') || isAbsolute(rel) ? resolve(target) : rel };
  }
  if (looksLikeFile(target) || existsSync(target)) {
    const scenarios = await loadScenarioFile(target);
    const abs = resolve(target);
    const rel = relative(process.cwd(), abs);
    return { scenarios, file: rel.startsWith('..') || isAbsolute(rel) ? abs : rel };
  }
  const names = bundledScenarios.map((s) => s.name.split(':')[0]).filter((n, i, all) => all.indexOf(n) === i);
  throw new InputError(`unknown scenario ${JSON.stringify(target)} (see faultline list; known: ${names.join(', ')})`);
}
