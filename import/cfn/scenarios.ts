/**
 * A CloudFormation template as ordinary faultline scenarios: parse, resolve, map, then one
 * scenario per fault-tolerance unit (`<template>:<unit>`), each a `compose` of the unit's
 * components with its default properties (switchable), checked exhaustively.
 *
 * `--param` keys, all validated before anything is built: the template's Parameters by name;
 * `zones` and `region` (what `Fn::GetAZs` and `AWS::Region` give); `LogicalId.key` for a unit's
 * assumptions (`WebServerGroup.N=2`, `Jobs.poison=0`); `off` and `on`, comma-separated property
 * names (`NoLostMessage`) or `LogicalId.Property`, to switch defaults off or optional ones on.
 * A resource's `Metadata: { faultline: { off: [...], on: [...] } }` does the same in the template.
 *
 * Verdicts: a user's template declares no expectation, so every property must hold (or be
 * reached); a violated one is exit 1, as for a scenario file without `expect`.
 */
import { compose, type ComposedModel } from '../../model/compose/compose.js';
import type { Expectation } from '../../model/core/property.js';
import { defineScenario, InputError, type ParamValue, type Scenario } from '../../engine/scenario.js';
import { mapTemplate, type Mapping, type Unit } from './map.js';
import { at, parseTemplate, type ParsedTemplate } from './parse.js';
import { GLOBAL_ASSUMPTIONS, resolveTemplate, type Assumption, type ResolvedTemplate } from './resolve.js';
import { buildComponents, unitModel, type UnitModel } from './units.js';
import { asList } from './values.js';

/** One unit of an imported template, ready to become a scenario. */
export interface ImportedUnit {
  /** The scenario's name: `<template>:<unit>`. */
  readonly scenario: string;
  readonly unit: Unit;
  readonly model: UnitModel;
  /** The properties checked (default ones not switched off, optional ones switched on). */
  readonly checked: readonly string[];
}

export interface TemplateImport {
  readonly file: string;
  readonly base: string;
  readonly resolved: ResolvedTemplate;
  readonly mapping: Mapping;
  readonly units: readonly ImportedUnit[];
  /** The `--param` overrides the import was made with. */
  readonly params: Readonly<Record<string, string>>;
}

const SWITCHES = ['off', 'on'] as const;

/** Whether parsed data is a CloudFormation template (what `faultline check` uses to tell a template from other YAML). */
export function looksLikeTemplate(data: unknown): boolean {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && ('Resources' in data || 'AWSTemplateFormatVersion' in data);
}

/** A scenario base name from a file name: `AutoScalingMultiAZ.yaml` -> `auto-scaling-multi-az`. */
export function baseName(file: string): string {
  const stem = file.replace(/^.*[\\/]/, '').replace(/\.(ya?ml|json|template)$/i, '');
  return kebab(stem) || 'template';
}

/** `WebServerGroup` -> `web-server-group`; `S3BUCKET` -> `s3bucket`; `my_queue.fifo` -> `my-queue-fifo`. */
export function kebab(s: string): string {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Parses, resolves and maps `text` (the contents of `file`) with `params`; throws InputError (one line) on bad input. */
export function importTemplate(text: string, file: string, params: Readonly<Record<string, string>> = {}, parsed?: ParsedTemplate): TemplateImport {
  const p = parsed ?? parseTemplate(text, file);
  const resolved = resolveTemplate(p, { params });
  const mapping = mapTemplate(resolved);
  const base = baseName(file);
  const fail = (message: string): never => {
    throw new InputError(at(file, undefined, message));
  };
  const byId = new Map(resolved.resources.map((r) => [r.id, r]));

  const names = new Set<string>();
  const units: ImportedUnit[] = [];
  const unitKeys = new Set<string>();
  for (const unit of mapping.units) {
    const model = unitModel(unit, params, (m) => fail(m));
    for (const a of model.assumptions) unitKeys.add(a.key);
    let variant = kebab(unit.id) || 'unit';
    for (let i = 2; names.has(variant); i++) variant = `${kebab(unit.id)}-${i}`;
    names.add(variant);
    const off = new Set<string>();
    const on = new Set<string>();
    const meta = byId.get(unit.id)?.faultline;
    for (const s of SWITCHES) {
      const target = s === 'off' ? off : on;
      for (const entry of switchList(params[s])) {
        const dot = entry.indexOf('.');
        if (dot < 0) target.add(entry);
        else if (entry.slice(0, dot) === unit.id) target.add(entry.slice(dot + 1));
      }
      const list = asList(meta?.[s]);
      for (const x of Array.isArray(list) ? list : []) if (typeof x === 'string') target.add(x);
    }
    const checked = model.properties.filter((x) => (x.on && !off.has(x.name)) || (!x.on && on.has(x.name))).map((x) => x.name);
    units.push({ scenario: `${base}:${variant}`, unit, model, checked });
  }

  // Every --param names something: a template parameter, a global assumption, a switch, or a unit's assumption.
  const templateParams = resolved.parameters.map((x) => x.name);
  const allProps = new Set(units.flatMap((u) => u.model.properties.map((x) => x.name)));
  const unitIds = new Set(units.map((u) => u.unit.id));
  for (const key of Object.keys(params)) {
    if (templateParams.includes(key) || (GLOBAL_ASSUMPTIONS as readonly string[]).includes(key) || unitKeys.has(key)) continue;
    if ((SWITCHES as readonly string[]).includes(key)) {
      for (const entry of switchList(params[key])) {
        const dot = entry.indexOf('.');
        const prop = dot < 0 ? entry : entry.slice(dot + 1);
        if (dot >= 0 && !unitIds.has(entry.slice(0, dot))) fail(`--param ${key}=${params[key]}: ${entry.slice(0, dot)} is not a checked resource of this template (${[...unitIds].join(', ') || 'none'})`);
        if (!allProps.has(prop)) fail(`--param ${key}=${params[key]}: no unit of this template has a property ${prop} (properties: ${[...allProps].join(', ') || 'none'})`);
      }
      continue;
    }
    const known = [...templateParams, ...GLOBAL_ASSUMPTIONS, ...SWITCHES, ...unitKeys];
    fail(`--param ${key}: not a parameter of this template nor an assumption of the import (known: ${known.join(', ')})`);
  }
  return { file, base, resolved, mapping, units, params };
}

function switchList(v: string | undefined): string[] {
  return v === undefined ? [] : v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** The composed model of one imported unit. */
export function unitComposition(u: ImportedUnit): ComposedModel {
  const wanted = new Set(u.checked);
  const properties = u.model.properties.filter((p) => wanted.has(p.name)).map((p) => p.make());
  return compose(buildComponents(u.model), {
    ...(u.model.maxFaults !== undefined ? { maxFaults: u.model.maxFaults } : {}),
    ...(u.model.tickSeconds !== undefined ? { tickSeconds: u.model.tickSeconds } : {}),
    properties,
  }) as unknown as ComposedModel;
}

/** Options of `templateScenarios`. */
export interface ScenarioOptions {
  /** Expected verdicts by unit logical id, then property (bundled templates declare theirs; a user's template expects every property to hold). */
  readonly expect?: Readonly<Record<string, Readonly<Record<string, Expectation>>>>;
  /** A description per unit logical id (bundled templates say why the verdicts are what they are). */
  readonly describe?: Readonly<Record<string, string>>;
}

/**
 * The scenarios of an imported template, one per unit. Each declares every `--param` key the
 * template takes (so any of them may be given to `faultline check`), and rebuilds the import
 * when its parameters differ from the ones it was imported with.
 */
export function templateScenarios(imp: TemplateImport, text: string, opts: ScenarioOptions = {}): Scenario[] {
  const parameters: Record<string, ParamValue> = {};
  for (const p of imp.resolved.parameters) parameters[p.name] = paramValue(p.value);
  const globals = new Map<string, ParamValue>([['zones', 2], ['region', 'us-east-1']]);
  for (const a of imp.resolved.assumptions) globals.set(a.key, a.value);
  for (const [k, v] of globals) parameters[k] = Object.hasOwn(imp.params, k) ? coerce(imp.params[k], v) : v;
  parameters.off = imp.params.off ?? '';
  parameters.on = imp.params.on ?? '';
  for (const u of imp.units) for (const a of u.model.assumptions) parameters[a.key] = a.value;
  const defaults = { ...parameters };

  const cache = new Map<string, TemplateImport>();
  const reimport = (p: Readonly<Record<string, ParamValue>>): TemplateImport => {
    const changed: Record<string, string> = { ...imp.params };
    for (const [k, v] of Object.entries(p)) if (Object.hasOwn(defaults, k) && defaults[k] !== v) changed[k] = String(v);
    const key = JSON.stringify(changed);
    if (key === JSON.stringify(imp.params)) return imp;
    if (!cache.has(key)) cache.set(key, importTemplate(text, imp.file, changed));
    return cache.get(key)!;
  };

  return imp.units.map((u) => {
    const expect = opts.expect?.[u.unit.id] ?? {};
    return defineScenario({
      name: u.scenario,
      description: opts.describe?.[u.unit.id] ?? unitDescription(imp, u),
      model: (p: Readonly<Record<string, ParamValue>>) => {
        const again = reimport(p);
        const same = again.units.find((x) => x.scenario === u.scenario);
        if (same === undefined) throw new InputError(`${u.scenario}: with these parameters the template has no ${u.unit.id} to check`);
        return unitComposition(same);
      },
      parameters,
      modes: ['exhaustive'],
      expect,
    });
  });
}

/** A unit's scenario description: its kind, resource and line, abstraction and unknowns. */
export function unitDescription(imp: TemplateImport, u: ImportedUnit): string {
  const unknowns = u.unit.unknowns.length > 0 ? `; unknowns: ${u.unit.unknowns.join('; ')}` : '';
  return `${KIND_TITLES[u.unit.kind]} ${u.unit.id} (${imp.file}:${u.unit.line})${u.model.abstraction ? `; ${u.model.abstraction}` : ''}${unknowns}`;
}

/** A titled kind, for descriptions and reports. */
export const KIND_TITLES: Readonly<Record<Unit['kind'], string>> = {
  group: 'Auto Scaling group',
  instance: 'EC2 instance',
  queue: 'SQS queue',
  database: 'RDS DB instance',
  bucket: 'S3 bucket',
  table: 'DynamoDB table',
  dns: 'Route 53 failover records',
};

/** A template parameter's value as a scenario parameter (a list joined, an unknown as ''). */
function paramValue(v: unknown): ParamValue {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(String).join(',');
  return '';
}

function coerce(raw: string, like: ParamValue): ParamValue {
  if (typeof like === 'number') return Number(raw);
  if (typeof like === 'boolean') return raw === 'true';
  return raw;
}

/** Re-exported for the report: the global assumptions of a resolved template. */
export type { Assumption };
