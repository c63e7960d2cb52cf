/**
 * Finding what `faultline check <target>` names: a bundled scenario (or base name), or a
 * file (.ts, .mts, .js, .mjs) whose default export is a Model or a scenario. TypeScript
 * files load through tsx, without a build step.
 */
import { existsSync } from 'node:fs';
import { basename, extname, isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineScenario, InputError, isModel, isScenario, matchScenarios, type Scenario } from '../engine/scenario.js';
import { bundledScenarios } from '../scenarios/index.js';

const FILE_EXT = new Set(['.ts', '.mts', '.js', '.mjs', '.cts', '.cjs']);

export function looksLikeFile(target: string): boolean {
  return FILE_EXT.has(extname(target)) || target.includes('/') || target.includes('\\');
}

/** Loads a scenario file; a bare Model becomes a scenario named after the file. */
export async function loadScenarioFile(file: string): Promise<Scenario> {
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
    const msg = (e as Error).message?.split('\n')[0] ?? String(e);
    throw new InputError(`${file}: cannot load: ${msg}`);
  }
  // tsx may wrap a CommonJS-style default once more.
  let exported = mod.default;
  if (exported && typeof exported === 'object' && 'default' in exported && !isModel(exported) && !isScenario(exported)) {
    exported = (exported as { default: unknown }).default;
  }
  if (isScenario(exported)) return exported;
  if (isModel(exported)) {
    const name = basename(abs, extname(abs)).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
    return defineScenario({ name, description: `model from ${basename(abs)}`, model: exported });
  }
  throw new InputError(`${file}: the default export must be a Model (init, actions, next, properties) or defineScenario(...)`);
}

export interface Target {
  readonly scenarios: readonly Scenario[];
  /** The file the scenarios came from, relative to the working directory. */
  readonly file?: string;
}

/** Resolves a check target to scenarios; throws InputError for unknown names. */
export async function resolveTarget(target: string): Promise<Target> {
  const found = matchScenarios(bundledScenarios, target);
  if (found.length > 0) return { scenarios: found };
  if (looksLikeFile(target) || existsSync(target)) {
    const scenario = await loadScenarioFile(target);
    const abs = resolve(target);
    const rel = relative(process.cwd(), abs);
    return { scenarios: [scenario], file: rel.startsWith('..') || isAbsolute(rel) ? abs : rel };
  }
  const names = bundledScenarios.map((s) => s.name.split(':')[0]).filter((n, i, all) => all.indexOf(n) === i);
  throw new InputError(`unknown scenario ${JSON.stringify(target)} (see faultline list; known: ${names.join(', ')})`);
}
