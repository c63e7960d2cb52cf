/**
 * CloudFormation templates at the command line: `faultline check template.yaml` checks the
 * scenarios the import derives from it (import/cfn/), and `faultline import template.yaml`
 * prints the same scenarios as a TypeScript module to save, edit and check (`--report`: the
 * mapping as text, `--json`: as JSON), without checking. A template is a `.yaml`, `.yml`, `.json` or `.template`
 * file whose top level has `Resources` or `AWSTemplateFormatVersion`.
 *
 * Exit codes are `check`'s: a template declares no expected verdicts, so every property must
 * hold (or be reached); one that does not is exit 1, as for a scenario file without `expect`.
 * Bad input (malformed YAML, not a template, an unknown function, a circular reference, a bad
 * --param) is one line naming the file, the line and the resource, exit 2.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError, type Scenario } from '../engine/scenario.js';
import { importTemplate, templateScenarios, type TemplateImport } from '../import/cfn/scenarios.js';
import { checkNotes, formatImport, importDocument } from '../import/cfn/report.js';
import { templateModule } from '../import/cfn/typescript.js';

const TEMPLATE_EXT = new Set(['.yaml', '.yml', '.json', '.template']);

/** Whether `target` names a template file by its extension. */
export function isTemplateFile(target: string): boolean {
  return TEMPLATE_EXT.has(extname(target).toLowerCase());
}

/** Reads and imports a template file; InputError for a missing file or bad input. */
export function readTemplate(file: string, params: Readonly<Record<string, string>> = {}): { imp: TemplateImport; text: string } {
  if (!existsSync(file)) throw new InputError(`no such template file: ${file}`);
  if (statSync(file).isDirectory()) throw new InputError(`${file}: a directory, not a template file`);
  const text = readFileSync(file, 'utf8');
  return { imp: importTemplate(text, file, params), text };
}

/** The scenarios of a template file (one per fault-tolerance unit). */
export function loadTemplateScenarios(file: string, params: Readonly<Record<string, string>> = {}): { scenarios: Scenario[]; imp: TemplateImport } {
  const { imp, text } = readTemplate(file, params);
  assertUnits(imp, file);
  return { scenarios: templateScenarios(imp, text), imp };
}

function assertUnits(imp: TemplateImport, file: string): void {
  if (imp.units.length === 0) {
    throw new InputError(`${file}: no resource of this template is one faultline checks (Auto Scaling groups, EC2 instances, SQS queues, RDS DB instances, S3 buckets, DynamoDB tables, Route 53 failover records); faultline import ${file} --report lists what it found`);
  }
}

/** What `faultline check` prints on stderr before checking a template: units, assumptions, unknowns, warnings. */
export function templateNotes(imp: TemplateImport): string[] {
  return checkNotes(imp);
}

export interface ImportFlags {
  report?: boolean;
  json?: boolean;
  param?: Record<string, string>;
}

/**
 * `faultline import FILE`: the template's scenarios as a TypeScript module (what `faultline
 * check FILE` checks, to save and edit); `--report` the mapping, assumptions, unknowns and
 * warnings as text, `--json` as JSON. Nothing is checked.
 */
export async function importCommand(file: string, o: ImportFlags): Promise<void> {
  if (!isTemplateFile(file)) throw new InputError(`${file}: a template file must be .yaml, .yml, .json or .template`);
  if (o.report && o.json) throw new InputError('give either --report or --json, not both');
  const { imp } = readTemplate(file, o.param ?? {});
  if (o.json) process.stdout.write(JSON.stringify(importDocument(imp), null, 2) + '\n');
  else if (o.report) process.stdout.write(formatImport(imp) + '\n');
  else {
    assertUnits(imp, file);
    process.stdout.write(templateModule(imp));
  }
}
