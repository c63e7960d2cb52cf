// A misspelt option in a user's scenario file is bad input: one line, exit 2 (not a green run).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve('dist/cli/bin.js');
const INDEX = JSON.stringify(pathToFileURL(resolve('dist/index.js')).href);

function faultline(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(BIN)) throw new Error('dist/cli/bin.js is missing: run `npm run build` (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'faultline-options-'));
});

/** Writes a scenario module and checks it; `body` builds `model` from the package's exports. */
function check(name: string, body: string) {
  const file = join(dir, name);
  writeFileSync(file, `import { compose, az, sqs, defineScenario, invariants } from ${INDEX};\n${body}\n`);
  return { file, ...faultline(['check', file, '--mode', 'exhaustive', '--out', join(dir, 'traces')]) };
}

describe('a misspelt option at the CLI', () => {
  it('of a component, in a model built at load: exit 2 with one line naming the option meant', () => {
    const r = check('top-level.mjs', 'export default compose([sqs({ messages: 1, procesingSeconds: 40 })]);');
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`faultline: ${r.file}: cannot load: sqs: unknown option procesingSeconds (did you mean processingSeconds?)\n`);
    expect(r.code).toBe(2);
  });

  it('of a component, in a scenario factory: exit 2 with one line', () => {
    const r = check('factory.mjs', `export default defineScenario({
  name: 'typo', description: 'a misspelt option',
  model: () => compose([az(), sqs({ messages: 1, workerAzs: [0, 1], maxCrashs: 0 })]),
});`);
    expect(r.stderr).toBe('faultline: typo: sqs: unknown option maxCrashs (did you mean maxCrashes?)\n');
    expect(r.code).toBe(2);
  });

  it('of compose and of defineScenario: exit 2 with one line', () => {
    const c = check('compose.mjs', 'export default compose([az()], { maxFault: 1 });');
    expect(c.stderr).toBe(`faultline: ${c.file}: cannot load: compose: unknown option maxFault (did you mean maxFaults?)\n`);
    expect(c.code).toBe(2);
    const d = check('scenario.mjs', "export default defineScenario({ name: 'typo', description: '', model: compose([az()]), expected: {} });");
    expect(d.stderr).toBe(`faultline: ${d.file}: cannot load: typo: unknown option expected (did you mean expect?)\n`);
    expect(d.code).toBe(2);
  });

  it('the same scenario spelt right checks (exit 0)', () => {
    const r = check('fixed.mjs', 'export default compose([sqs({ messages: 1, processingSeconds: 40 })]);');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('faultline components', () => {
  it('prints every option on one line: name, default, unit, range, description', () => {
    const r = faultline(['components']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}processingSeconds +0 +s +0\.\.1209600 +time a worker takes per message$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}initial +none +zones +0\.\.15 +zones of the instances running at the start/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}faults +all +list +fault names +fault actions enabled$/));
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}registered +none +slots +0\.\.31 +slots registered/));
    const json = JSON.parse(faultline(['components', '--json']).stdout) as { name: string; parameters: { name: string; description: string }[] }[];
    const ec2 = json.find((c) => c.name === 'ec2')!;
    expect(ec2.parameters.find((p) => p.name === 'faults')).toMatchObject({ default: ['HostFailure', 'GuestFailure', 'AppCrash', 'ScheduledRetirement'], unit: 'list', description: 'fault actions enabled' });
  });
});
