/**
 * CloudFormation templates at the command line: `faultline check template.yaml` checks the
 * scenarios the import derives from it (import/cfn/), and `faultline import template.yaml`
 * prints the mapping without checking. A template is a `.yaml`, `.yml`, `.json` or `.template`
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
  if (imp.units.length === 0) {
    throw new InputError(`${file}: no resource of this template is one faultline checks (Auto Scaling groups, EC2 instances, SQS queues, RDS DB instances, S3 buckets, DynamoDB tables, Route 53 failover records); faultline import ${file} lists what it found`);
  }
  return { scenarios: templateScenarios(imp, text), imp };
}

/** What `faultline check` prints on stderr before checking a template: units, assumptions, unknowns, warnings. */
export function templateNotes(imp: TemplateImport): string[] {
  return checkNotes(imp);
}

export interface ImportFlags {
  json?: boolean;
  param?: Record<string, string>;
}

/** `faultline import FILE`: the mapping, assumptions, unknowns and warnings, without checking. */
export async function importCommand(file: string, o: ImportFlags): Promise<void> {
  if (!isTemplateFile(file)) throw new InputError(`${file}: a template file must be .yaml, .yml, .json or .template`);
  const { imp } = readTemplate(file, o.param ?? {});
  process.stdout.write((o.json ? JSON.stringify(importDocument(imp), null, 2) : formatImport(imp)) + '\n');
}
