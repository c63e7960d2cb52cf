/**
 * Reading a CloudFormation template (YAML or JSON) into plain data, never executing anything.
 *
 * The `yaml` package parses the text (JSON is YAML 1.2, so one parser serves both and both get
 * line numbers); the document is then walked node by node, and every CloudFormation short-form
 * tag (`!Ref x`, `!GetAtt [a, b]`, `!Sub ...`, ...) becomes the long form as data: `{ Ref: x }`,
 * `{ 'Fn::GetAtt': [a, b] }` (AWS, "Intrinsic function reference": each short form is the
 * same function as its long form). An unknown tag is an error, as CloudFormation rejects it.
 * The line of each resource (and of each of its properties) is kept for errors and reports.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { InputError } from '../../engine/scenario.js';

/**
 * The short forms CloudFormation's YAML accepts, and the long-form key each stands for.
 * `!GetAtt a.b` (a scalar) is `{ 'Fn::GetAtt': ['a', 'b'] }`, split at the first dot, as
 * CloudFormation reads it.
 */
export const SHORT_FORMS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!Select': 'Fn::Select',
  '!GetAZs': 'Fn::GetAZs',
  '!If': 'Fn::If',
  '!Equals': 'Fn::Equals',
  '!FindInMap': 'Fn::FindInMap',
  '!Split': 'Fn::Split',
  '!Base64': 'Fn::Base64',
  '!ImportValue': 'Fn::ImportValue',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Cidr': 'Fn::Cidr',
  '!Transform': 'Fn::Transform',
};

/** A template read from text: its top-level sections as data, and where each resource is. */
export interface ParsedTemplate {
  /** The file as the user named it (for messages). */
  readonly file: string;
  /** The whole template as plain data (short forms in long form). */
  readonly data: Readonly<Record<string, unknown>>;
  /** 1-based line of each resource's logical id, by logical id. */
  readonly lines: ReadonlyMap<string, number>;
  /** 1-based line of each resource property (`LogicalId.Property`), for messages about a value. */
  readonly propertyLines: ReadonlyMap<string, number>;
  /** 1-based line of each parameter, by name. */
  readonly parameterLines: ReadonlyMap<string, number>;
}

/** `file:line: message`, or `file: message` when the line is not known. */
export function at(file: string, line: number | undefined, message: string): string {
  return line !== undefined && line > 0 ? `${file}:${line}: ${message}` : `${file}: ${message}`;
}

/**
 * Parses `text` (the contents of `file`). Throws InputError, one line naming the file and the
 * line, for malformed YAML or JSON, an unknown short-form tag, and a document that is not a
 * CloudFormation template (no `Resources` mapping, no `AWSTemplateFormatVersion`).
 */
export function parseTemplate(text: string, file: string): ParsedTemplate {
  const counter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, strict: true });
  } catch (e) {
    throw new InputError(at(file, undefined, `not valid YAML or JSON: ${firstLine(e)}`));
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const line = err.linePos?.[0]?.line ?? lineOf(counter, err.pos?.[0]);
    throw new InputError(at(file, line, `not valid YAML or JSON: ${firstLine(err.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, ''))}`));
  }
  const lines = new Map<string, number>();
  const propertyLines = new Map<string, number>();
  const parameterLines = new Map<string, number>();
  const root = doc.contents;
  if (!isMap(root)) throw new InputError(at(file, undefined, 'not a CloudFormation template: the document is not a mapping (a template has a Resources section)'));
  // Lines of resources, their properties, and parameters: from the mapping nodes themselves.
  for (const pair of root.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const section = String(pair.key.value);
    if (section !== 'Resources' && section !== 'Parameters') continue;
    for (const entry of pair.value.items) {
      if (!isScalar(entry.key)) continue;
      const id = String(entry.key.value);
      const line = lineOf(counter, entry.key.range?.[0]);
      if (section === 'Parameters') {
        parameterLines.set(id, line);
        continue;
      }
      lines.set(id, line);
      if (!isMap(entry.value)) continue;
      for (const field of entry.value.items) {
        if (!isScalar(field.key) || String(field.key.value) !== 'Properties' || !isMap(field.value)) continue;
        for (const prop of field.value.items) {
          if (isScalar(prop.key)) propertyLines.set(`${id}.${String(prop.key.value)}`, lineOf(counter, prop.key.range?.[0]));
        }
      }
    }
  }
  let data: Record<string, unknown>;
  try {
    data = toData(root, counter, file, doc) as Record<string, unknown>;
  } catch (e) {
    if (!(e instanceof TagError)) throw e;
    // The resource the tag is in: the last one that starts at or before its line.
    let owner: string | undefined;
    for (const [id, line] of lines) if (line <= e.line && (owner === undefined || line >= lines.get(owner)!)) owner = id;
    throw new InputError(at(file, e.line, `${owner !== undefined && e.line >= lines.get(owner)! ? `resource ${owner}: ` : ''}${e.message}`));
  }
  if (!Object.hasOwn(data, 'Resources') && !Object.hasOwn(data, 'AWSTemplateFormatVersion')) {
    throw new InputError(at(file, undefined, 'not a CloudFormation template: it has neither Resources nor AWSTemplateFormatVersion'));
  }
  const resources = data.Resources;
  if (resources === undefined || resources === null || typeof resources !== 'object' || Array.isArray(resources)) {
    throw new InputError(at(file, undefined, 'not a CloudFormation template: Resources must be a mapping of logical ids to resources'));
  }
  return { file, data, lines, propertyLines, parameterLines };
}

/** The node as plain data, short forms in long form; an unknown tag is an error at its line. */
function toData(node: unknown, counter: LineCounter, file: string, doc: Document.Parsed): unknown {
  if (isAlias(node)) return toData(node.resolve(doc), counter, file, doc);
  let value: unknown;
  const tag = (node as Node | null)?.tag;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(toData(pair.key, counter, file, doc));
      // Own data properties only: a key named __proto__ stays a key.
      Object.defineProperty(out, key, { value: toData(pair.value, counter, file, doc), enumerable: true, writable: true, configurable: true });
    }
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((x) => toData(x, counter, file, doc));
  } else if (isScalar(node)) {
    value = node.value;
  } else {
    value = node ?? null;
  }
  if (tag === undefined || tag === null || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const long = SHORT_FORMS[tag];
  const line = lineOf(counter, (node as Node).range?.[0]);
  if (long === undefined) throw new TagError(line, `unknown intrinsic function tag ${tag} (CloudFormation knows ${Object.keys(SHORT_FORMS).join(' ')})`);
  if (tag === '!GetAtt' && typeof value === 'string') {
    const dot = value.indexOf('.');
    if (dot <= 0) throw new TagError(line, `!GetAtt ${value} must name Resource.Attribute`);
    return { [long]: [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [long]: value };
}

/** A bad tag, at a line: `parseTemplate` names the resource it is in. */
class TagError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** The 1-based line of `offset`, or 0 when unknown. */
function lineOf(counter: LineCounter, offset: number | undefined): number {
  return offset === undefined ? 0 : counter.linePos(offset).line;
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0].trim();
}
