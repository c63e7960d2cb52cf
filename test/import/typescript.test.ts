// `faultline import TEMPLATE` prints the template's scenarios as a TypeScript module; saved and
// checked, it must give what `faultline check TEMPLATE` gives: the same scenarios, state
// counts, transitions and verdicts (counterexample lengths included). Here the module of every
// fixture template is transpiled and run in this process against faultline's public API
// (index.ts) and checked like the template's own scenarios; typescript.slow.test.ts saves every
// module and checks it through the CLI as a user runs it (`faultline check FILE.ts`). Then the
// exact text for one small template, the provenance of every option, the names imported, the
// literal printer, and the loader's array of scenarios.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as api from '../../index.js';
import ts from 'typescript';
import { checkScenario } from '../../engine/check.js';
import type { Scenario } from '../../engine/scenario.js';
import { importTemplate, templateScenarios, type TemplateImport } from '../../import/cfn/scenarios.js';
import { constNames, literal, templateModule } from '../../import/cfn/typescript.js';
import { elbHealthy } from '../../model/aws/elb/index.js';
import { expectOneLineError, runInProcess } from '../fuzz/support.js';

const F = 'test/fixtures/cfn';
const FIXTURES = [
  'AutoScalingMultiAZWithNotifications.yaml', 'DynamoDB_Table.yaml', 'EC2_Instance_With_Ephemeral_Drives.yaml', 'EIP_With_Association.yaml',
  'RDS_Snapshot_On_Delete.yaml', 's3-bucket-and-policy-for-caa-versioning-v1.yaml', 'SQSFIFOQueue.json', 'SQSStandardQueue.json',
  'gotchas/asg-zones.yaml', 'gotchas/buckets.yaml', 'gotchas/dns-failover.yaml', 'gotchas/global-table.yaml', 'gotchas/queues.yaml',
  'gotchas/rds-multi-az.yaml', 'gotchas/volumes.yaml',
];
/** Imports with --param: a condition that creates a DLQ, an ELB health-checked group of 4 (abstracted), switches, assumptions. */
const WITH_PARAMS: readonly (readonly [string, Record<string, string>])[] = [
  ['SQSStandardQueue.json', { UsedeadletterQueue: 'true', on: 'SQSQueue.NoDuplicateProcessing', off: 'ReachedWorkerCrashMidMessage' }],
  ['gotchas/asg-zones.yaml', { 'SpreadGroup.N': '1', 'OneZoneGroup.appCrash': 'true' }],
  ['gotchas/global-table.yaml', { on: 'ReadYourWrites' }],
  ['EC2_Instance_With_Ephemeral_Drives.yaml', { 'EC2Instance.data': 'root' }],
];
const load = (file: string, params: Record<string, string> = {}): TemplateImport => importTemplate(readFileSync(join(F, file), 'utf8'), join(F, file), params);

interface Doc {
  scenario: string;
  mode: string;
  properties: { name: string; verdict: string; counterexample?: { length: number; steps: { label: string }[] } }[];
  stats: { distinctStates: number; transitions: number; maxDepth: number; complete: boolean };
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'faultline-import-ts-'));
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(resolve('.'), join(work, 'node_modules', 'faultline'), 'dir');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The generated module run against faultline's source API: its default export's scenarios. */
function evaluate(text: string): Scenario[] {
  let js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  js = js.replace(/^import \{ (.*) \} from 'faultline';$/m, (_, names: string) => `const { ${names} } = api;`);
  js = js.replace(/^export const /gm, 'const ').replace(/^export default (.*);$/m, 'return $1;');
  expect(js).not.toMatch(/^\s*(import|export) /m);
  const exported = new Function('api', js)(api) as Scenario | Scenario[];
  return Array.isArray(exported) ? exported : [exported];
}

/** Per scenario and mode: the counts and each property's verdict and counterexample length. */
function outcomes(scenarios: readonly Scenario[]) {
  return scenarios.flatMap((s) =>
    checkScenario(s, {}).map((r) => ({
      scenario: r.scenario, mode: r.mode, states: r.stats.distinctStates, transitions: r.stats.transitions, depth: r.stats.maxDepth, complete: r.stats.complete,
      properties: r.properties.map((p) => [p.name, p.verdict, p.counterexample?.labels.join(' ') ?? null]),
    })),
  );
}

describe('the generated module checks as the template does', () => {
  const cases = [...FIXTURES.map((f) => [f, {}] as const), ...WITH_PARAMS];
  it.each(cases)('%s %j: same scenarios, states, transitions, verdicts and counterexamples', (file, params) => {
    const imp = load(file, params);
    const fromTemplate = outcomes(templateScenarios(imp, readFileSync(join(F, file), 'utf8')));
    const fromModule = outcomes(evaluate(templateModule(imp)));
    expect(fromModule).toEqual(fromTemplate);
    expect(fromTemplate.length).toBe(imp.units.length);
    expect(fromTemplate.every((x) => x.complete && x.properties.length > 0)).toBe(true);
  });
});

describe('what the module says', () => {
  it('a switched-off property is a commented-out line; an optional one switched on is checked (SQSStandardQueue with --param)', () => {
    const text = templateModule(load('SQSStandardQueue.json', { UsedeadletterQueue: 'true', on: 'SQSQueue.NoDuplicateProcessing', off: 'ReachedWorkerCrashMidMessage' }));
    expect(text).toContain('        invariants.noDuplicateProcessing(), // NoDuplicateProcessing\n');
    expect(text).toContain('        // invariants.reachedWorkerCrashMidMessage(), // ReachedWorkerCrashMidMessage: switched off\n');
    expect(text).toContain('`faultline import test/fixtures/cfn/SQSStandardQueue.json --param UsedeadletterQueue=true --param on=SQSQueue.NoDuplicateProcessing --param off=ReachedWorkerCrashMidMessage`');
    expect(text).toContain('//   UsedeadletterQueue="true" (--param)\n');
  });

  it('a group on ELB health checks passes the exported elbHealthy to asg and imports it (the web tier)', () => {
    const text = templateModule(importTemplate(readFileSync('scenarios/templates/web-tier.yaml', 'utf8'), 'web-tier.yaml'));
    expect(text).toMatch(/^import \{ asg, az, compose, defineScenario, ec2, elb, elbHealthy, invariants, rds, s3 \} from 'faultline';$/m);
    expect(text).toContain("        elbHealthy, // HealthCheckType ELB: the group reads WebTargets's health checks\n");
    expect(text).toMatch(/\nexport default \[webGroup, database, uploads\];\n$/);
  });

  it('a DynamoDB table: its properties, which the library does not have yet, as code on faultline\'s exports', () => {
    const text = templateModule(load('DynamoDB_Table.yaml'));
    // The optional ReadYourWrites is a commented-out line: nothing unused is imported, and the line says what it needs.
    expect(text).toMatch(/^import \{ always, compose, defineScenario, dynamodb, dynamodbSlice, noLostUpdate, sometimes, type World \} from 'faultline';$/m);
    expect(text).toContain('// ReadYourWrites: off by default (--param on=myDynamoDBTable.ReadYourWrites); uncommented, it needs noStaleRead in the import\n');
    expect(text).toContain("        always<World>('NoLostUpdate', (w) => noLostUpdate(dynamodbSlice(w)), 'no acknowledged update is overwritten by a concurrent write in another Region (global tables: last writer wins)'), // NoLostUpdate\n");
    expect(text).toContain("        // always<World>('ReadYourWrites', (w) => noStaleRead(dynamodbSlice(w)), ");
  });

  it('a template with nothing to check: one line, exit 2, pointing at --report', async () => {
    const file = join(work, 'nothing.yaml');
    writeFileSync(file, 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
    const r = await runInProcess(['import', file]);
    expectOneLineError(r, 'import nothing.yaml');
    expect(r.stderr).toContain('--report lists what it found');
    expect((await runInProcess(['import', file, '--report'])).code).toBe(0);
    expectOneLineError(await runInProcess(['import', file, '--report', '--json']), 'import --report --json');
  });
});

describe('a scenario module whose default export is an array of scenarios', () => {
  const scenario = (name: string, zero = 0) => `defineScenario({ name: '${name}', description: 'd', model: { init: () => [0], actions: () => [], next: (s) => s, properties: [always('Zero', (s) => s === ${zero})] } })`;
  const write = (name: string, body: string) => {
    const file = join(work, name);
    writeFileSync(file, `import { always, defineScenario } from 'faultline';\n${body}\n`);
    return file;
  };

  it('checks each scenario; replay finds a trace\'s scenario by its name among them', async () => {
    const file = write('two.ts', `export default [${scenario('a')}, ${scenario('b', 1)}];`);
    const r = await runInProcess(['check', file, '--json', '--mode', 'exhaustive', '--out', join(work, 'traces-two')]);
    expect(r.code, r.stderr).toBe(1);
    const docs = JSON.parse(r.stdout) as (Doc & { properties: { counterexample?: { file: string } }[] })[];
    expect(docs.map((d) => `${d.scenario} ${d.properties[0].verdict}`)).toEqual(['a holds', 'b fails']);
    const replayed = await runInProcess(['replay', docs[1].properties[0].counterexample!.file]);
    expect(replayed.code, replayed.stderr).toBe(1);
    expect(replayed.stdout).toContain('Zero is still violated');
  });

  it.each([
    ['the same name twice', `export default [${scenario('a')}, ${scenario('a')}];`, /the default export names scenario "a" twice/],
    ['an empty array', 'export default [];', /the default export must be a Model .*, defineScenario\(\.\.\.\), or an array of defineScenario\(\.\.\.\)$/m],
    ['an array holding something else', `export default [${scenario('a')}, 42];`, /or an array of defineScenario/],
  ])('%s: one line, exit 2', async (_what, body, message) => {
    const file = write(`bad-${Math.random().toString(36).slice(2)}.ts`, body);
    const r = await runInProcess(['check', file, '--out', join(work, 'traces-bad')]);
    expectOneLineError(r, body);
    expect(r.stderr).toMatch(message);
  });
});

describe('the generated text', () => {
  it('is exactly this for a queue with a dead-letter queue (options with their provenance, assumptions at the top)', () => {
    const yaml = [
      'Resources:',
      '  Jobs:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      VisibilityTimeout: 60',
      '      RedrivePolicy:',
      '        deadLetterTargetArn: !GetAtt JobsDlq.Arn',
      '        maxReceiveCount: 3',
      '  JobsDlq:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      MessageRetentionPeriod: 1209600',
      '',
    ].join('\n');
    expect(templateModule(importTemplate(yaml, 'jobs.yaml'))).toBe(`// Scenarios of the CloudFormation template jobs.yaml, written by \`faultline import jobs.yaml\`.
// Save, edit and commit it: \`faultline check <this file>\` gives the verdicts \`faultline check jobs.yaml\` gives, until you change it.
// Each option says where its value came from: Resource.Property, an AWS default, or an assumption.
//
// Assumptions (what the template does not say; edit the values below, or import again with --param KEY=VALUE):
//   Jobs.messages=2           messages the producer sends
//   Jobs.consumers=1          consumers receiving from the queue
//   Jobs.crashes=1            consumer crashes in a run (each mid-message at worst)
//   Jobs.poison=1             poison messages: their processing always fails (the consumer gives up without deleting)
//   Jobs.processingSeconds=0  how long processing takes (shorter than the visibility timeout: a consumer finishes before it ends)
//   Jobs.retention=false      model MessageRetentionPeriod (days): off keeps the state space small; on, messages expire

import { compose, defineScenario, invariants, sqs } from 'faultline';

// SQS queue Jobs (line 2), from Jobs, JobsDlq
// left out: MessageRetentionPeriod 345600 s (dead-letter queue: 1209600 s): left out (--param Jobs.retention=true models it)
export const jobs = defineScenario({
  name: 'jobs:jobs',
  description: 'SQS queue Jobs (jobs.yaml:2)',
  model: compose(
    [
      sqs({
        tickSeconds: 60, // gcd of the visibility timeout, delay and processing time
        messages: 2, // assumed Jobs.messages=2
        workers: 1, // assumed Jobs.consumers=1
        maxCrashes: 1, // assumed Jobs.crashes=1
        visibilityTimeoutSeconds: 60, // Jobs.VisibilityTimeout
        processingSeconds: 0, // assumed Jobs.processingSeconds=0
        retentionSeconds: Infinity, // 345600 s (AWS default 345600): left out, assumed Jobs.retention=false
        delaySeconds: 0, // AWS default 0
        poisonMessages: [0], // assumed Jobs.poison=1
        fifo: false, // AWS default false
        deadLetterQueue: true, // Jobs.RedrivePolicy: JobsDlq
        maxReceiveCount: 3, // Jobs.RedrivePolicy.maxReceiveCount
        dlqRetentionSeconds: Infinity, // 1209600 s (JobsDlq.MessageRetentionPeriod): left out, assumed Jobs.retention=false
      }),
    ],
    {
      tickSeconds: 60, // as sqs
      properties: [
        invariants.noLostMessage(), // NoLostMessage
        invariants.noEndlessRedelivery({ withinSeconds: 360 }), // NoEndlessRedelivery: 360 s: delay 0 s + first receive 60 s + 5 receives (maxReceiveCount 3 + 1 crash(es) + 1) x 60 s
        // invariants.noDuplicateProcessing(), // NoDuplicateProcessing: off by default (--param on=Jobs.NoDuplicateProcessing)
        invariants.reachedRedelivery(), // ReachedRedelivery
        invariants.reachedWorkerCrashMidMessage(), // ReachedWorkerCrashMidMessage
        invariants.reachedDeadLetter(), // ReachedDeadLetter
      ],
    },
  ),
  modes: ['exhaustive'],
  // No expect: every property must hold (or be reached), as for the template. A known failure: expect: { Name: 'fails' }.
});

export default jobs;
`);
  });

  it('gives every option of every component a provenance, and no provenance to an option that is not there', () => {
    for (const [file, params] of [...FIXTURES.map((f) => [f, {}] as const), ...WITH_PARAMS]) {
      for (const u of load(file, params).units) {
        for (const c of u.model.components) {
          expect(Object.keys(c.from).sort(), `${file} ${u.unit.id} ${c.factory}`).toEqual(Object.keys(c.options).sort());
          for (const [k, v] of Object.entries(c.from)) expect(v.trim(), `${file} ${u.unit.id} ${c.factory}.${k}`).not.toMatch(/^$|undefined/);
        }
      }
    }
  });

  it('imports only names faultline exports (index.ts), and calls only invariants the library has', () => {
    for (const [file, params] of [...FIXTURES.map((f) => [f, {}] as const), ...WITH_PARAMS, ['../../../scenarios/templates/web-tier.yaml', {}] as const]) {
      const text = templateModule(load(file, params));
      const names = /^import \{ (.*) \} from 'faultline';$/m.exec(text)![1].split(', ');
      for (const n of names) {
        if (n.startsWith('type ')) expect(['World'], file).toContain(n.slice(5));
        else expect(Object.keys(api), `${file}: ${n}`).toContain(n);
      }
      for (const [, fn] of text.matchAll(/invariants\.(\w+)\(/g)) expect(typeof (api.invariants as Record<string, unknown>)[fn], fn).toBe('function');
    }
  });

  it('prints values as literals that evaluate back to them', () => {
    const imports = new Set<string>();
    const values: unknown[] = [0, -0, 1.5, -3, Infinity, -Infinity, 'it\'s "q" \\ \n\t\u2028 é', '', true, false, null, [], [1, [2, 'x']], {}, { a: 1, 'b-c': [{ d: 'e' }], 'x y': { z: null } }];
    for (const v of values) {
      const text = literal(v, imports);
      expect(new Function(`return (${text});`)(), text).toEqual(Object.is(v, -0) ? 0 : v);
    }
    expect(literal(-0, imports)).toBe('0');
    expect(literal({ 'b-c': 1, ok: 2 }, imports)).toBe("{ 'b-c': 1, ok: 2 }");
    expect(literal("it's", imports)).toBe("'it\\'s'");
    expect(imports.size).toBe(0);
    expect(literal({ elbHealthy }, imports)).toBe('{ elbHealthy: elbHealthy }');
    expect([...imports]).toEqual(['elbHealthy']);
    expect(() => literal(() => true, imports)).toThrow(/no exported name for the function/);
    expect(() => literal(new Map(), imports)).toThrow(/cannot print \[object Map\]/);
  });

  it('names each unit\'s const a distinct identifier, none a reserved word or an import', () => {
    const units = ['web-server-group', 'ec2', 'default', '3-tier', 'web-server-group-2', 'x-', 'ec2-scenario'].map((v) => ({ scenario: `t:${v}` }));
    expect(constNames(units as never, new Set(['ec2', 'compose']))).toEqual(['webServerGroup', 'ec2Scenario', 'defaultScenario', 'unit3Tier', 'webServerGroup2', 'x', 'ec2Scenario2']);
  });
});
