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

describe('--expected-states', () => {
  it('an estimate this machine has no memory for is one line and exit 2, never a stack trace', () => {
    // 3 GB of address space for the process (ulimit -v, in KiB): Node starts, a store for
    // 10^9 states (a 2^31-slot table alone is 8 GiB) cannot be allocated.
    const r = spawnSync('sh', ['-c', `ulimit -v 3000000 && exec "${process.execPath}" "${BIN}" check sqs-pool --mode exhaustive --expected-states 1000000000 --out "${join(dir, 'traces')}"`], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.stderr).toMatch(/^faultline: .*--expected-states 1000000000: no memory for a store of that many states \(.+\); give a smaller estimate\n$/);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(r.status).toBe(2);
  });

  it('a good estimate gives the run without one', () => {
    const args = ['check', 'sqs-pool', '--mode', 'exhaustive', '--json', '--out', join(dir, 'traces')];
    const plain = faultline(args);
    const sized = faultline([...args, '--expected-states', '400']);
    expect(sized.code).toBe(0);
    type Run = { mode: string; stats: { distinctStates: number; transitions: number; structBytes: number } };
    const exhaustive = (out: string) => (JSON.parse(out) as Run[]).filter((x) => x.mode === 'exhaustive').map((x) => x.stats);
    const [before, after] = [exhaustive(plain.stdout), exhaustive(sized.stdout)];
    expect(after.map((x) => [x.distinctStates, x.transitions])).toEqual(before.map((x) => [x.distinctStates, x.transitions]));
    expect(before.length).toBeGreaterThan(0);
    // It reached the store: sized for 400 states, smaller than the default 4,096.
    expect(after[0].structBytes).toBeLessThan(before[0].structBytes);
  });
});
