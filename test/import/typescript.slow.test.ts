// The round trip a user makes, for every fixture template and a few --param imports, through
// the built CLI: `faultline import TEMPLATE > FILE.ts`, then `faultline check FILE.ts` must give
// what `faultline check TEMPLATE` gives (exit code, scenarios, state counts, transitions,
// verdicts, counterexample lengths). 'faultline' in the module resolves through a
// node_modules/faultline link to this repository (its package.json exports dist/). Seconds per
// case (each check starts its worker threads and tsx), hence the slow suite; typescript.test.ts
// checks the same modules in process.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../fuzz/support.js';

const F = 'test/fixtures/cfn';
const FIXTURES = [
  'AutoScalingMultiAZWithNotifications.yaml', 'DynamoDB_Table.yaml', 'EC2_Instance_With_Ephemeral_Drives.yaml', 'EIP_With_Association.yaml',
  'RDS_Snapshot_On_Delete.yaml', 's3-bucket-and-policy-for-caa-versioning-v1.yaml', 'SQSFIFOQueue.json', 'SQSStandardQueue.json',
  'gotchas/asg-zones.yaml', 'gotchas/buckets.yaml', 'gotchas/dns-failover.yaml', 'gotchas/global-table.yaml', 'gotchas/queues.yaml',
  'gotchas/rds-multi-az.yaml', 'gotchas/volumes.yaml',
];
const WITH_PARAMS: readonly (readonly [string, Record<string, string>])[] = [
  ['SQSStandardQueue.json', { UsedeadletterQueue: 'true', on: 'SQSQueue.NoDuplicateProcessing', off: 'ReachedWorkerCrashMidMessage' }],
  ['gotchas/asg-zones.yaml', { 'SpreadGroup.N': '1', 'OneZoneGroup.appCrash': 'true' }],
  ['gotchas/global-table.yaml', { on: 'ReadYourWrites' }],
];
const paramArgs = (params: Record<string, string>) => Object.entries(params).flatMap(([k, v]) => ['--param', `${k}=${v}`]);

interface Doc {
  scenario: string;
  mode: string;
  properties: { name: string; verdict: string; counterexample?: { length: number; steps: { label: string }[] } }[];
  stats: { distinctStates: number; transitions: number; maxDepth: number; complete: boolean };
}
const summary = (docs: Doc[]) =>
  docs.map((d) => ({
    scenario: d.scenario, mode: d.mode, states: d.stats.distinctStates, transitions: d.stats.transitions, depth: d.stats.maxDepth, complete: d.stats.complete,
    properties: d.properties.map((p) => [p.name, p.verdict, p.counterexample?.length ?? null, p.counterexample?.steps.map((x) => x.label).join(' ') ?? null]),
  }));

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'faultline-import-ts-slow-'));
  mkdirSync(join(work, 'node_modules'));
  symlinkSync(resolve('.'), join(work, 'node_modules', 'faultline'), 'dir');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('faultline import TEMPLATE > FILE.ts; faultline check FILE.ts gives what faultline check TEMPLATE gives', () => {
  it.each([...FIXTURES.map((f) => [f, {}] as const), ...WITH_PARAMS])('%s %j', async (file, params) => {
    const template = join(F, file);
    const imported = await runInProcess(['import', template, ...paramArgs(params)]);
    expect(imported.code, imported.stderr).toBe(0);
    const ts = join(work, `${file.replace(/[^A-Za-z0-9]+/g, '_')}${Object.keys(params).length > 0 ? '_params' : ''}.ts`);
    writeFileSync(ts, imported.stdout);
    const direct = await runInProcess(['check', template, ...paramArgs(params), '--json', '--out', join(work, 'traces-template')]);
    const viaTs = await runInProcess(['check', ts, '--json', '--out', join(work, 'traces-ts')]);
    expect([0, 1], direct.stderr).toContain(direct.code);
    expect(viaTs.code, viaTs.stderr).toBe(direct.code);
    const a = summary(JSON.parse(direct.stdout) as Doc[]);
    expect(summary(JSON.parse(viaTs.stdout) as Doc[])).toEqual(a);
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((x) => x.complete && x.properties.length > 0)).toBe(true);
    if (file === 'gotchas/queues.yaml' && Object.keys(params).length === 0) {
      // The template with a known failure: exit 1 both ways, for its two queues.
      expect(viaTs.code).toBe(1);
      expect(a.map((d) => d.scenario)).toEqual(['queues:no-dlq-queue', 'queues:redriven-queue']);
    }
  });
});
