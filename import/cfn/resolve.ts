/**
 * Resolving a parsed template far enough to know counts, zones and flags: Parameters (their
 * defaults, or `--param Name=Value`), pseudo parameters, Mappings, Conditions, and the
 * intrinsic functions (AWS, "Intrinsic function reference"). Nothing is executed or fetched:
 * what the template alone cannot tell (an imported value, a parameter without a default, a
 * resource's physical id inside a string) becomes an `Unknown` with its reason, which the
 * report and the verdicts mention.
 *
 * Errors are CloudFormation's own validation errors, as one line naming the file, the line
 * and the resource: a Ref to nothing, an unknown function, a circular dependency between
 * resources (Ref, GetAtt, Sub, DependsOn) or between conditions, a FindInMap key that is not
 * there, a bad parameter value.
 */
import { InputError } from '../../engine/scenario.js';
import { at, type ParsedTemplate } from './parse.js';
import { AttrRef, NO_VALUE, ResourceRef, Unknown, asRecord, isUnknown } from './values.js';

/** A template parameter as resolved: its declared type, the value used and where it came from. */
export interface ResolvedParameter {
  readonly name: string;
  readonly type: string;
  readonly value: unknown;
  /** `param` when `--param` gave it, `default` for the template's Default, `none` when neither (the value is Unknown). */
  readonly from: 'param' | 'default' | 'none';
  readonly allowed?: readonly string[];
}

/** One resource with its properties resolved. */
export interface ResolvedResource {
  readonly id: string;
  readonly type: string;
  readonly line: number;
  /** Properties with intrinsics evaluated (Unknown where they cannot be). */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The `Condition` it is created under, when it has one (its value was true or unknown). */
  readonly condition?: string;
  /** The condition could not be evaluated: the resource is assumed to be created. */
  readonly conditionUnknown?: Unknown;
  /** The resource's `Metadata.faultline` mapping, if any (per-resource switches). */
  readonly faultline?: Readonly<Record<string, unknown>>;
}

/** A resource its condition leaves out of the stack. */
export interface SkippedResource {
  readonly id: string;
  readonly type: string;
  readonly line: number;
  readonly condition: string;
}

/** What the import assumed where the template is silent (each overridable by `--param`). */
export interface Assumption {
  /** The `--param` key that overrides it. */
  readonly key: string;
  readonly value: string | number | boolean;
  readonly why: string;
}

export interface ResolvedTemplate {
  readonly file: string;
  readonly description?: string;
  readonly parameters: readonly ResolvedParameter[];
  readonly resources: readonly ResolvedResource[];
  readonly skipped: readonly SkippedResource[];
  /** Assumptions used while resolving (the zones behind `Fn::GetAZs`, the Region). */
  readonly assumptions: readonly Assumption[];
  /** The line of each property (`LogicalId.Property`), for messages. */
  readonly propertyLines: ReadonlyMap<string, number>;
}

/** Overrides and assumptions for resolving. */
export interface ResolveOptions {
  /** `--param` values: template parameters by name, plus the global assumptions `zones` and `region`. */
  readonly params?: Readonly<Record<string, string>>;
}

/** Global assumption keys `resolveTemplate` reads from `params` (the rest go to scenarios.ts or the template). */
export const GLOBAL_ASSUMPTIONS = ['zones', 'region'] as const;
const DEFAULT_ZONES = 2;
const DEFAULT_REGION = 'us-east-1';

const FUNCTIONS = new Set([
  'Fn::Base64', 'Fn::Cidr', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::ImportValue', 'Fn::Join', 'Fn::Length', 'Fn::Select', 'Fn::Split', 'Fn::Sub',
  'Fn::Transform', 'Fn::ToJsonString', 'Fn::If', 'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not',
]);

/** Resolves `parsed` with `opts`; throws InputError (one line) on what CloudFormation would reject. */
export function resolveTemplate(parsed: ParsedTemplate, opts: ResolveOptions = {}): ResolvedTemplate {
  const file = parsed.file;
  const data = parsed.data;
  const given = opts.params ?? {};
  const assumptions: Assumption[] = [];

  const zoneCount = globalNumber(given, 'zones', DEFAULT_ZONES, file, 1, 6);
  const region = given.region ?? DEFAULT_REGION;
  if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) throw new InputError(at(file, undefined, `--param region must be a Region name such as us-east-1, got ${JSON.stringify(region)}`));
  let zonesUsed = false;
  let regionUsed = false;

  const params = resolveParameters(parsed, given);
  const paramByName = new Map(params.map((p) => [p.name, p]));
  const mappings = asRecord(data.Mappings) ?? {};
  const conditionDefs = asRecord(data.Conditions) ?? {};
  const rawResources = asRecord(data.Resources) ?? {};
  const ids = Object.keys(rawResources);
  const idSet = new Set(ids);

  for (const id of ids) {
    const r = asRecord(rawResources[id]);
    if (r === undefined || typeof r.Type !== 'string') throw new InputError(at(file, parsed.lines.get(id), `resource ${id}: needs a Type (a string such as AWS::SQS::Queue)`));
  }
  checkCycles(parsed, rawResources, ids, idSet, paramByName);

  /** The error location while evaluating: the resource and property at hand. */
  let where: { id?: string; prop?: string; section?: string } = {};
  const fail = (message: string): never => {
    const line = where.id !== undefined ? (where.prop !== undefined ? parsed.propertyLines.get(`${where.id}.${where.prop}`) : undefined) ?? parsed.lines.get(where.id) : undefined;
    const who = where.id !== undefined ? `resource ${where.id}: ` : where.section !== undefined ? `${where.section}: ` : '';
    throw new InputError(at(file, line, `${who}${message}`));
  };

  const pseudo = (name: string): unknown => {
    switch (name) {
      case 'AWS::Region':
        regionUsed = true;
        return region;
      case 'AWS::AccountId':
        return new Unknown('the account id (AWS::AccountId)');
      case 'AWS::StackName':
        return new Unknown('the stack name (AWS::StackName)');
      case 'AWS::StackId':
        return new Unknown('the stack id (AWS::StackId)');
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return fail(`Ref to unknown pseudo parameter ${name}`);
    }
  };

  // Conditions: evaluated once each, on demand; a condition that needs itself is an error.
  const conditionValues = new Map<string, boolean | Unknown>();
  const evaluating: string[] = [];
  const condition = (name: unknown): boolean | Unknown => {
    if (typeof name !== 'string') return fail(`a condition name must be a string, got ${JSON.stringify(name)}`);
    const known = conditionValues.get(name);
    if (known !== undefined) return known;
    if (!Object.hasOwn(conditionDefs, name)) return fail(`no condition named ${name} in Conditions`);
    if (evaluating.includes(name)) {
      const cycle = [...evaluating.slice(evaluating.indexOf(name)), name];
      return fail(`circular condition: ${cycle.join(' -> ')}`);
    }
    evaluating.push(name);
    const v = evaluate(conditionDefs[name], true);
    evaluating.pop();
    const b = typeof v === 'boolean' ? v : isUnknown(v) ? v : fail(`condition ${name} is not a boolean`);
    conditionValues.set(name, b);
    return b;
  };

  const zoneList = (): string[] => {
    zonesUsed = true;
    regionUsed = true;
    return Array.from({ length: zoneCount }, (_, i) => `${region}${String.fromCharCode(97 + i)}`);
  };

  /** Evaluates a value: intrinsics applied, `AWS::NoValue` removed from mappings and lists. */
  function evaluate(v: unknown, inCondition = false): unknown {
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      for (const x of v) {
        const e = evaluate(x, inCondition);
        if (e !== NO_VALUE) out.push(e);
      }
      return out;
    }
    const rec = asRecord(v);
    if (rec === undefined) return v;
    const keys = Object.keys(rec);
    if (keys.length === 1) {
      const k = keys[0];
      const arg = rec[k];
      if (k === 'Ref') return ref(arg);
      if (k === 'Condition' && inCondition) return condition(arg);
      if (k.startsWith('Fn::')) return call(k, arg, inCondition);
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const e = evaluate(rec[k], inCondition);
      if (e !== NO_VALUE) Object.defineProperty(out, k, { value: e, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  function ref(arg: unknown): unknown {
    if (typeof arg !== 'string') return fail(`Ref takes a name, got ${JSON.stringify(arg)}`);
    const p = paramByName.get(arg);
    if (p !== undefined) return p.value;
    if (arg.startsWith('AWS::')) return pseudo(arg);
    if (idSet.has(arg)) return new ResourceRef(arg);
    return fail(`Ref to ${arg}, which is neither a parameter nor a resource of this template`);
  }

  function args(name: string, arg: unknown, n: number | [number, number]): unknown[] {
    const [lo, hi] = typeof n === 'number' ? [n, n] : n;
    if (!Array.isArray(arg) || arg.length < lo || arg.length > hi) {
      return fail(`${name} takes a list of ${lo === hi ? lo : `${lo} to ${hi}`} arguments, got ${JSON.stringify(arg)}`);
    }
    return arg;
  }

  function call(name: string, arg: unknown, inCondition: boolean): unknown {
    if (!FUNCTIONS.has(name)) return fail(`unknown intrinsic function ${name}`);
    switch (name) {
      case 'Fn::If': {
        const [c, a, b] = args(name, arg, 3);
        const cv = condition(c);
        if (isUnknown(cv)) return new Unknown(`Fn::If on condition ${String(c)}, which cannot be evaluated (${cv.why})`);
        return evaluate(cv ? a : b, inCondition);
      }
      case 'Fn::Equals': {
        const [a, b] = args(name, arg, 2).map((x) => evaluate(x, true));
        if (isUnknown(a)) return a;
        if (isUnknown(b)) return b;
        if (a instanceof ResourceRef || b instanceof ResourceRef || a instanceof AttrRef || b instanceof AttrRef) return new Unknown('Fn::Equals on a resource id');
        return JSON.stringify(scalarText(a)) === JSON.stringify(scalarText(b));
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const list = args(name, arg, [1, 10]).map((x) => evaluate(x, true));
        const decisive = name === 'Fn::And' ? false : true;
        let unknown: Unknown | undefined;
        for (const x of list) {
          if (x === decisive) return decisive;
          if (isUnknown(x)) unknown ??= x;
          else if (typeof x !== 'boolean') return fail(`${name} takes conditions, got ${JSON.stringify(x)}`);
        }
        return unknown ?? !decisive;
      }
      case 'Fn::Not': {
        const [x] = args(name, arg, 1).map((y) => evaluate(y, true));
        if (isUnknown(x)) return x;
        if (typeof x !== 'boolean') return fail(`Fn::Not takes a condition, got ${JSON.stringify(x)}`);
        return !x;
      }
      case 'Fn::GetAZs': {
        const r = evaluate(arg, inCondition);
        if (isUnknown(r)) return r;
        if (r !== '' && r !== region && !(r instanceof Object)) return new Unknown(`the zones of Region ${String(r)}`);
        return zoneList();
      }
      case 'Fn::Select': {
        const [i, list] = args(name, arg, 2).map((x) => evaluate(x, inCondition));
        if (isUnknown(i)) return i;
        if (isUnknown(list)) return new Unknown(`Fn::Select from a list that cannot be evaluated (${list.why})`);
        const index = typeof i === 'number' ? i : Number(i);
        if (!Array.isArray(list)) return fail(`Fn::Select needs a list, got ${JSON.stringify(list)}`);
        if (!Number.isInteger(index) || index < 0 || index >= list.length) return fail(`Fn::Select index ${String(i)} is outside the list of ${list.length}`);
        return list[index];
      }
      case 'Fn::Split': {
        const [d, s] = args(name, arg, 2).map((x) => evaluate(x, inCondition));
        if (isUnknown(s)) return s;
        if (typeof d !== 'string' || typeof s !== 'string') return new Unknown(`Fn::Split of ${describe(s)}`);
        return s.split(d);
      }
      case 'Fn::Join': {
        const [d, list] = args(name, arg, 2).map((x) => evaluate(x, inCondition));
        if (isUnknown(list)) return list;
        if (typeof d !== 'string' || !Array.isArray(list)) return fail('Fn::Join takes a delimiter and a list');
        const parts: string[] = [];
        for (const x of list) {
          if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') parts.push(String(x));
          else return new Unknown(`Fn::Join of ${describe(x)}`);
        }
        return parts.join(d);
      }
      case 'Fn::Sub':
        return sub(arg, inCondition);
      case 'Fn::FindInMap': {
        const list = args(name, arg, [3, 4]);
        const [m, top, second] = list.slice(0, 3).map((x) => evaluate(x, inCondition));
        for (const x of [m, top, second]) if (isUnknown(x)) return new Unknown(`Fn::FindInMap with a key that cannot be evaluated (${x.why})`);
        const map = typeof m === 'string' ? asRecord(mappings[m]) : undefined;
        if (map === undefined || !Object.hasOwn(mappings, String(m))) return fail(`Fn::FindInMap: no mapping named ${String(m)}`);
        const row = Object.hasOwn(map, String(top)) ? asRecord(map[String(top)]) : undefined;
        const hit = row !== undefined && Object.hasOwn(row, String(second));
        if (!hit) {
          if (list.length === 4) return evaluate(asRecord(list[3])?.DefaultValue, inCondition);
          return fail(`Fn::FindInMap: mapping ${String(m)} has no ${String(top)}.${String(second)}`);
        }
        return row![String(second)];
      }
      case 'Fn::GetAtt': {
        const [id, attr] = args(name, arg, 2).map((x, k) => (k === 1 ? evaluate(x, inCondition) : x));
        if (typeof id !== 'string' || !idSet.has(id)) return fail(`Fn::GetAtt of ${String(id)}, which is not a resource of this template`);
        if (isUnknown(attr)) return attr;
        if (typeof attr !== 'string') return fail('Fn::GetAtt takes a resource and an attribute name');
        return attribute(id, attr);
      }
      case 'Fn::Base64': {
        const s = evaluate(arg, inCondition);
        return typeof s === 'string' || isUnknown(s) ? s : new Unknown(`Fn::Base64 of ${describe(s)}`);
      }
      case 'Fn::ImportValue': {
        const s = evaluate(arg, inCondition);
        return new Unknown(`Fn::ImportValue ${typeof s === 'string' ? s : describe(s)}: exported by another stack`);
      }
      case 'Fn::Length': {
        const list = evaluate(arg, inCondition);
        if (isUnknown(list)) return list;
        return Array.isArray(list) ? list.length : fail('Fn::Length takes a list');
      }
      case 'Fn::ToJsonString': {
        const v = evaluate(arg, inCondition);
        return containsMarker(v) ? new Unknown('Fn::ToJsonString of a value not known before deployment') : JSON.stringify(v);
      }
      case 'Fn::Cidr':
        return new Unknown('Fn::Cidr (address ranges are not evaluated)');
      default: // Fn::Transform
        return new Unknown(`${name} (a macro runs at deployment)`);
    }
  }

  function sub(arg: unknown, inCondition: boolean): unknown {
    let text: unknown;
    let vars: Record<string, unknown> = {};
    if (typeof arg === 'string') text = arg;
    else {
      const [t, v] = args('Fn::Sub', arg, 2);
      text = evaluate(t, inCondition);
      const rec = asRecord(v);
      if (rec === undefined) return fail('Fn::Sub takes a string, or a string and a mapping of variables');
      vars = evaluate(rec, inCondition) as Record<string, unknown>;
    }
    if (isUnknown(text)) return text;
    if (typeof text !== 'string') return fail('Fn::Sub takes a string');
    let unknown: Unknown | undefined;
    const out = text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      let v: unknown;
      if (Object.hasOwn(vars, name)) v = vars[name];
      else if (paramByName.has(name)) v = paramByName.get(name)!.value;
      else if (name.startsWith('AWS::')) v = pseudo(name);
      else if (idSet.has(name)) v = new ResourceRef(name);
      else if (name.includes('.') && idSet.has(name.slice(0, name.indexOf('.')))) v = attribute(name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1));
      else return fail(`Fn::Sub: \${${name}} is neither a variable, a parameter nor a resource`);
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
      unknown ??= isUnknown(v) ? v : new Unknown(`Fn::Sub of ${describe(v)}`);
      return whole;
    });
    return unknown ?? out;
  }

  /** `Fn::GetAtt`: a subnet's zone is followed (zones matter); other attributes keep their identity. */
  function attribute(id: string, attr: string): unknown {
    const r = asRecord(rawResources[id])!;
    if (r.Type === 'AWS::EC2::Subnet' && attr === 'AvailabilityZone') {
      const saved = where;
      where = { id, prop: 'AvailabilityZone' };
      const z = evaluate(asRecord(r.Properties)?.AvailabilityZone);
      where = saved;
      return z ?? new Unknown(`the zone AWS picks for subnet ${id}`);
    }
    return new AttrRef(id, attr);
  }

  // Resources: the condition first (a false one leaves the resource out), then the properties.
  const resources: ResolvedResource[] = [];
  const skipped: SkippedResource[] = [];
  where = { section: 'Conditions' };
  for (const name of Object.keys(conditionDefs)) condition(name);
  for (const id of ids) {
    const r = asRecord(rawResources[id])!;
    const line = parsed.lines.get(id) ?? 0;
    where = { id };
    let cond: string | undefined;
    let condUnknown: Unknown | undefined;
    if (r.Condition !== undefined) {
      const c = condition(r.Condition);
      cond = String(r.Condition);
      if (c === false) {
        skipped.push({ id, type: String(r.Type), line, condition: cond });
        continue;
      }
      if (isUnknown(c)) condUnknown = c;
    }
    const props: Record<string, unknown> = {};
    const raw = asRecord(r.Properties) ?? {};
    for (const k of Object.keys(raw)) {
      where = { id, prop: k };
      const e = evaluate(raw[k]);
      if (e !== NO_VALUE) Object.defineProperty(props, k, { value: e, enumerable: true, writable: true, configurable: true });
    }
    const meta = asRecord(asRecord(r.Metadata)?.faultline);
    resources.push({
      id, type: String(r.Type), line, properties: props,
      ...(cond !== undefined ? { condition: cond } : {}),
      ...(condUnknown !== undefined ? { conditionUnknown: condUnknown } : {}),
      ...(meta !== undefined ? { faultline: meta } : {}),
    });
  }

  if (zonesUsed) assumptions.push({ key: 'zones', value: zoneCount, why: `Fn::GetAZs lists ${zoneCount} zones (the Region's count is not in the template)` });
  if (regionUsed) assumptions.push({ key: 'region', value: region, why: 'the Region the stack is deployed in (AWS::Region)' });
  const description = typeof data.Description === 'string' ? data.Description : undefined;
  return { file, ...(description !== undefined ? { description } : {}), parameters: params, resources, skipped, assumptions, propertyLines: parsed.propertyLines };
}

/** A global assumption given as a number in lo..hi, or its default. */
function globalNumber(given: Readonly<Record<string, string>>, key: string, def: number, file: string, lo: number, hi: number): number {
  if (!Object.hasOwn(given, key)) return def;
  const v = Number(given[key]);
  if (!/^\d+$/.test(given[key].trim()) || v < lo || v > hi) throw new InputError(at(file, undefined, `--param ${key} must be an integer from ${lo} to ${hi}, got ${JSON.stringify(given[key])}`));
  return v;
}

/** The template's parameters with `--param` applied and checked (type, AllowedValues, Min/MaxValue, AllowedPattern). */
function resolveParameters(parsed: ParsedTemplate, given: Readonly<Record<string, string>>): ResolvedParameter[] {
  const file = parsed.file;
  const decls = asRecord(parsed.data.Parameters) ?? {};
  const out: ResolvedParameter[] = [];
  for (const name of Object.keys(decls)) {
    const d = asRecord(decls[name]) ?? {};
    const line = parsed.parameterLines.get(name);
    const type = typeof d.Type === 'string' ? d.Type : 'String';
    const allowed = Array.isArray(d.AllowedValues) ? d.AllowedValues.map((x) => String(x)) : undefined;
    const fromParam = Object.hasOwn(given, name);
    const raw = fromParam ? given[name] : d.Default;
    const bad = (why: string): never => {
      throw new InputError(at(file, line, `parameter ${name}: ${fromParam ? `--param ${name}=${given[name]}` : `Default ${JSON.stringify(raw)}`} ${why}`));
    };
    let value: unknown;
    if (raw === undefined || raw === null) {
      value = new Unknown(`parameter ${name} has no Default (give --param ${name}=...)`);
    } else {
      const text = Array.isArray(raw) ? raw.map(String).join(',') : String(raw);
      if (allowed !== undefined && !allowed.includes(text)) bad(`is not one of its AllowedValues (${allowed.join(', ')})`);
      if (type === 'Number') {
        const n = Number(text);
        if (text.trim() === '' || !Number.isFinite(n)) bad('is not a number');
        const min = d.MinValue !== undefined ? Number(d.MinValue) : undefined;
        const max = d.MaxValue !== undefined ? Number(d.MaxValue) : undefined;
        if (min !== undefined && n < min) bad(`is below its MinValue ${min}`);
        if (max !== undefined && n > max) bad(`is above its MaxValue ${max}`);
        value = n;
      } else if (type === 'CommaDelimitedList' || type.startsWith('List<')) {
        value = text === '' ? [] : text.split(',').map((s) => s.trim());
        if (type === 'List<Number>' && (value as string[]).some((s) => !Number.isFinite(Number(s)))) bad('is not a list of numbers');
      } else if (type.startsWith('AWS::SSM::Parameter::Value')) {
        value = new Unknown(`parameter ${name} is read from SSM Parameter Store (${text})`);
      } else {
        if (fromParam && typeof d.AllowedPattern === 'string') {
          let re: RegExp | undefined;
          try {
            re = new RegExp(`^(?:${d.AllowedPattern})$`);
          } catch {
            re = undefined; // a pattern JavaScript cannot read is CloudFormation's to check
          }
          if (re !== undefined && !re.test(text)) bad(`does not match its AllowedPattern ${d.AllowedPattern}`);
        }
        value = text;
      }
    }
    out.push({ name, type, value, from: fromParam ? 'param' : raw === undefined || raw === null ? 'none' : 'default', ...(allowed !== undefined ? { allowed } : {}) });
  }
  return out;
}

/**
 * Every resource another one needs (Ref, GetAtt, a `${X}` in Sub, DependsOn); a cycle is
 * CloudFormation's "Circular dependency between resources", named here in order.
 */
function checkCycles(parsed: ParsedTemplate, raw: Readonly<Record<string, unknown>>, ids: readonly string[], idSet: ReadonlySet<string>, params: ReadonlyMap<string, unknown>): void {
  const deps = new Map<string, string[]>();
  for (const id of ids) {
    const r = asRecord(raw[id])!;
    const out = new Set<string>();
    collectRefs(r.Properties, idSet, params, out);
    const dependsOn = r.DependsOn;
    for (const d of Array.isArray(dependsOn) ? dependsOn : dependsOn !== undefined ? [dependsOn] : []) {
      if (typeof d !== 'string' || !idSet.has(d)) throw new InputError(at(parsed.file, parsed.lines.get(id), `resource ${id}: DependsOn ${String(d)}, which is not a resource of this template`));
      out.add(d);
    }
    deps.set(id, [...out]);
  }
  // Iterative DFS with colours: a grey node met again closes a cycle.
  const colour = new Map<string, 0 | 1 | 2>();
  for (const start of ids) {
    if (colour.get(start) === 2) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    const path: string[] = [start];
    colour.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const ds = deps.get(top.id)!;
      if (top.next >= ds.length) {
        colour.set(top.id, 2);
        stack.pop();
        path.pop();
        continue;
      }
      const d = ds[top.next++];
      const c = colour.get(d) ?? 0;
      if (c === 1) {
        const cycle = [...path.slice(path.indexOf(d)), d];
        throw new InputError(at(parsed.file, parsed.lines.get(d), `resource ${d}: circular dependency between resources: ${cycle.join(' -> ')}`));
      }
      if (c === 0) {
        colour.set(d, 1);
        stack.push({ id: d, next: 0 });
        path.push(d);
      }
    }
  }
}

/** The resources `v` refers to (Ref, GetAtt, Sub) without evaluating it. */
function collectRefs(v: unknown, ids: ReadonlySet<string>, params: ReadonlyMap<string, unknown>, out: Set<string>): void {
  if (Array.isArray(v)) {
    for (const x of v) collectRefs(x, ids, params, out);
    return;
  }
  const rec = asRecord(v);
  if (rec === undefined) return;
  for (const [k, x] of Object.entries(rec)) {
    if (k === 'Ref' && typeof x === 'string' && ids.has(x) && !params.has(x)) out.add(x);
    else if (k === 'Fn::GetAtt') {
      const first = Array.isArray(x) ? x[0] : undefined;
      if (typeof first === 'string' && ids.has(first)) out.add(first);
    } else if (k === 'Fn::Sub') {
      const text = typeof x === 'string' ? x : Array.isArray(x) && typeof x[0] === 'string' ? x[0] : '';
      const vars = Array.isArray(x) ? (asRecord(x[1]) ?? {}) : {};
      for (const m of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
        const name = m[1].trim();
        const head = name.includes('.') ? name.slice(0, name.indexOf('.')) : name;
        if (!Object.hasOwn(vars, name) && ids.has(head) && !params.has(head)) out.add(head);
      }
    }
    collectRefs(x, ids, params, out);
  }
}

/** A scalar compared as CloudFormation compares in Fn::Equals: as text. */
function scalarText(v: unknown): unknown {
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : v;
}

/** A value in a message about why something is unknown. */
function describe(v: unknown): string {
  if (v instanceof ResourceRef) return `the physical id of ${v.id}`;
  if (v instanceof AttrRef) return `${v.id}.${v.attr}`;
  if (isUnknown(v)) return v.why;
  return JSON.stringify(v) ?? String(v);
}

/** Whether `v` holds a value known only after deployment. */
function containsMarker(v: unknown): boolean {
  if (v instanceof Unknown || v instanceof ResourceRef || v instanceof AttrRef) return true;
  if (Array.isArray(v)) return v.some(containsMarker);
  const rec = asRecord(v);
  return rec !== undefined && Object.values(rec).some(containsMarker);
}
