/**
 * `faultline` on random argument vectors: the real commands and options, their values right
 * and wrong (negative, huge, NaN, fractional, empty, unicode, control characters), unknown
 * options, missing values, `--` and stray words, and files of every kind where a file goes
 * (missing, a directory, a trace, a --json report, damaged copies of both). Whatever the
 * vector, the CLI ends cleanly: exit 0, 1 or 2, never a stack trace, and exit 2 is one line.
 *
 * No vector may start a long search: the fast property never names a real scenario (so check
 * stops at its target, or at an option, before exploring), and the property that does always
 * ends with tight bounds. It runs in a temporary working directory: a relative --out or init
 * lands there. Fixed seeds; fast-check prints the seed and path of a failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCleanExit, expectOneLineError, runInProcess, runSpawned, showArgv, tempDir } from './support.js';

const work = tempDir('argv');
const home = process.cwd();
const at = (name: string) => join(work.dir, name);

// Files the vectors name. A check's --json report and a trace come from a real run.
const files = {
  missing: at('missing.json'),
  dir: at('a-directory'),
  empty: at('empty.json'),
  notJson: at('not-json.json'),
  report: at('report.json'),
  trace: at('traces/sqs-pool_early-delete-NoLostMessage-exhaustive.json'),
  damagedReport: at('damaged-report.json'),
  deep: at('deep.json'),
  userHtml: at('user-file.html'),
  model: at('model.mjs'),
};

beforeAll(async () => {
  process.chdir(work.dir);
  mkdirSync(files.dir);
  writeFileSync(files.empty, '');
  writeFileSync(files.notJson, 'not json\u0000\u001b[31m\n');
  writeFileSync(files.userHtml, '<p>the user wrote this</p>\n');
  writeFileSync(files.deep, '['.repeat(100_000) + ']'.repeat(100_000));
  writeFileSync(files.model, 'export default { init: () => [{ n: 0 }], actions: (s) => (s.n < 2 ? [{ type: "Inc", kind: "op" }] : []), next: (s) => ({ n: s.n + 1 }), properties: [] };\n');
  const r = await runInProcess(['check', 'sqs-pool:early-delete', '--mode', 'exhaustive', '--json', '--out', at('traces')]);
  expect(r.code, r.stderr).toBe(0);
  writeFileSync(files.report, r.stdout);
  const doc = JSON.parse(r.stdout) as Record<string, unknown>[];
  writeFileSync(files.damagedReport, JSON.stringify([{ ...doc[0], stats: { runs: -1e308, steps: '12' }, properties: [{ name: '\u001b[2J', verdict: 'maybe' }] }]));
});

afterAll(() => {
  process.chdir(home);
  work.remove();
});

const numbers = fc.oneof(
  fc.constantFrom('0', '1', '2', '-1', '-0', '1.5', '1e3', '1e400', 'NaN', 'Infinity', '-Infinity', '0x10', '0b1', '9007199254740993', '4294967296', '2147483648', '-2147483649', ' 3', '3 ', '', 'abc', '1_000', '\uff11', '\u0661'),
  fc.integer().map(String),
  fc.double({ noNaN: false }).map(String),
);
const junk = fc.oneof(
  fc.constantFrom('', ' ', '-', '--', '---', '-x', '--nope', '--no-json', '--json=1', '--mode=', '=', '\u0000', '\u001b[31m', '\ufeff', '\u202e', '\n', 'é', '😀', '__proto__', 'constructor', 'toString', 'help'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const outPath = fc.constantFrom(at('out'), at('out'), files.dir, at('deeper/still/out'), files.userHtml, files.missing, '', '-', 'rel-out');
const htmlPath = fc.constantFrom(at('r.html'), at('r.html'), files.userHtml, files.dir, at('no/such/dir/r.html'), '', 'rel.html');
const fileArg = fc.constantFrom(files.missing, files.dir, files.empty, files.notJson, files.report, files.trace, files.damagedReport, files.deep, files.userHtml, files.model, '', '-');
// Names that are no bundled scenario: check stops at its target, or earlier.
const noScenario = fc.oneof(fc.constantFrom('nope', '', 'sqs-pool:', ':', 'sqs-pool:early-delete:x', 'SQS-POOL', 'die hard', 'missing.ts', 'missing/dir', 'x.json', files.dir, files.notJson, files.missing, files.userHtml), junk);
const realScenario = fc.constantFrom('sqs-pool:early-delete', 'die-hard', 'two-phase-commit', 'sqs-pool', 'asg-single-az', files.model);
const param = fc.oneof(fc.constantFrom('size=small', 'size=large', 'size=', '=small', 'size', '__proto__=1', 'constructor=x', 'toString=1', 'size=small=x', 'nope=1', 'workers=2'), junk);

type Option = fc.Arbitrary<readonly string[]>;
const flag = (name: string): Option => fc.constant([name]);
const valued = (name: string, value: fc.Arbitrary<string>): Option => fc.oneof(value.map((v) => [name, v]), value.map((v) => [`${name}=${v}`]), fc.constant([name]));

const checkOptions: Option[] = [
  flag('--all'),
  valued('--mode', fc.oneof(fc.constantFrom('random', 'exhaustive', 'both'), junk)),
  valued('--seed', numbers),
  valued('--runs', numbers),
  valued('--steps', numbers),
  valued('--depth', numbers),
  valued('--max-states', numbers),
  valued('--expected-states', numbers),
  valued('--time-limit', numbers),
  valued('--max-memory', numbers),
  valued('--size', fc.oneof(fc.constantFrom('small', 'medium', 'large', 'xxlarge'), junk)),
  valued('--param', param),
  flag('--symmetry'),
  flag('--no-fault-bias'),
  flag('--json'),
  valued('--out', outPath),
  valued('--format', fc.oneof(fc.constantFrom('json', 'itf', 'mermaid'), junk)),
  valued('--html', htmlPath),
  valued('--junit', htmlPath),
  valued('--shard', fc.oneof(fc.constantFrom('1/1', '1/2', '2/2', '3/2', '0/1', '1/0', '2/3', '1/4294967296', '/', '1/'), junk)),
  valued('--workers', fc.oneof(fc.constantFrom('1', '2'), numbers)),
  flag('--progress'),
  flag('--verbose'),
  flag('--explain-size'),
];
const commands: Record<string, { readonly positional: fc.Arbitrary<readonly string[]>; readonly options: Option[] }> = {
  list: { positional: fc.constant([]), options: [flag('--json')] },
  check: { positional: noScenario.map((t) => [t]), options: checkOptions },
  replay: {
    positional: fileArg.map((f) => [f]),
    options: [valued('--format', fc.oneof(fc.constantFrom('text', 'json', 'itf', 'mermaid'), junk)), valued('--html', htmlPath), fc.oneof(flag('--emit-test'), valued('--emit-test', htmlPath))],
  },
  merge: { positional: fc.array(fileArg, { maxLength: 3 }), options: [flag('--json')] },
  invariants: { positional: fc.constant([]), options: [flag('--json')] },
  init: { positional: fc.oneof(fc.constant([]), fc.constantFrom(at('project-a'), at('project-b'), files.userHtml, files.dir, 'rel-project').map((d) => [d])), options: [valued('--faultline', fc.oneof(fc.constantFrom('^0.1.0', 'file:..'), junk))] },
  components: { positional: fc.constant([]), options: [flag('--json')] },
  // Never the one real benchmark model: a benchmark is a long measurement.
  bench: {
    positional: noScenario.map((m) => [m]),
    options: [valued('--size', junk), valued('--variant', junk), flag('--full'), valued('--mode', junk), flag('--encoded'), valued('--workers', numbers), valued('--runs', numbers), valued('--seed', numbers), flag('--json')],
  },
};
const global: Option = fc.constantFrom(['--help'], ['-h'], ['--version'], ['-V'], ['--'], ['--nope'], ['-z'], ['help']);

/**
 * A vector for `command`: its positionals among its options in any order, with stray words,
 * global options and `--` (`noise` of 8 pieces), the command itself sometimes not first.
 */
function vector(command: string, positional: fc.Arbitrary<readonly string[]>, options: Option[], noise = 2): fc.Arbitrary<string[]> {
  const stray = fc.oneof(junk.map((j) => [j]), global);
  const piece = noise === 0 ? fc.oneof(...options) : fc.oneof({ weight: 8 - noise, arbitrary: fc.oneof(...options) }, { weight: noise, arbitrary: stray });
  return fc
    .tuple(positional, fc.array(piece, { maxLength: 6 }), fc.nat(), fc.nat({ max: 9 }))
    .map(([pos, pieces, where, commandAt]) => {
      const i = where % (pieces.length + 1);
      const args = [...pieces.slice(0, i), pos, ...pieces.slice(i)].flat();
      // Mostly first, as typed; now and then after a stray word or option.
      return noise > 0 && commandAt === 0 ? [...args.slice(0, 1), command, ...args.slice(1)] : [command, ...args];
    });
}

const anyCommand = fc.oneof(
  ...Object.entries(commands).map(([name, c]) => vector(name, c.positional, c.options)),
  fc.array(fc.oneof(junk, fc.constantFrom(...Object.keys(commands))), { maxLength: 4 }),
);

const asked = (argv: readonly string[]) => ({ progress: argv.includes('--progress') });

/** Bounds that keep a check on a real scenario short, placed before a `--` (after it they would be arguments). */
function bounded(argv: readonly string[]): string[] {
  const bounds = ['--max-states', '300', '--depth', '6', '--runs', '10', '--steps', '6', '--time-limit', '2', '--out', at('bounded-out')];
  const end = argv.indexOf('--');
  return end < 0 ? [...argv, ...bounds] : [...argv.slice(0, end), ...bounds, ...argv.slice(end)];
}

describe('faultline on random argument vectors', () => {
  it('any command, any options, no scenario searched: a clean exit', async () => {
    await fc.assert(
      fc.asyncProperty(anyCommand, async (argv) => expectCleanExit(await runInProcess(argv), showArgv(argv), asked(argv))),
      { seed: 0xa5a5, numRuns: 300 },
    );
  });

  it('no command at all prints the help on stdout, exit 0 (it was many lines on stderr, exit 2)', async () => {
    for (const argv of [[], ['--']]) {
      const r = await runInProcess(argv);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: faultline \[options\] \[command\]\n/);
    }
  });

  it('an unknown option or command, or a missing value, is exit 2 and one line', async () => {
    const wrong = fc.oneof(
      fc.tuple(fc.constantFrom('list', 'invariants', 'components'), fc.constantFrom('--nope', '-z', '--jsonn', '--JSON')).map(([c, o]) => [c, o]),
      fc.constantFrom(['check', 'die-hard', '--mode'], ['check', 'die-hard', '--seed'], ['replay'], ['merge'], ['bench'], ['nope'], ['check', 'die-hard', 'extra'], ['list', 'extra'], ['check', 'die-hard', '--all']),
      noScenario.filter((t) => t !== '' && !t.startsWith('-')).map((t) => ['check', t]),
    );
    await fc.assert(
      fc.asyncProperty(wrong, async (argv) => expectOneLineError(await runInProcess(argv), showArgv(argv))),
      { seed: 0xa5a6, numRuns: 60 },
    );
  });

  it('check on a real scenario with random options and tight bounds: a clean exit', async () => {
    // Mostly values check accepts, so that most vectors reach the search; never --all.
    const options: Option[] = [
      fc.constantFrom('random', 'exhaustive', 'both').map((m) => ['--mode', m]),
      fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }).map((n) => ['--seed', String(n)]),
      fc.constantFrom('small', 'medium', 'large', 'xxlarge', 'huge').map((v) => ['--size', v]),
      fc.constantFrom('size=small', 'size=large', 'size=', 'nope=1', '__proto__=1').map((p) => ['--param', p]),
      flag('--symmetry'),
      flag('--no-fault-bias'),
      flag('--json'),
      fc.constantFrom('json', 'itf', 'mermaid').map((f) => ['--format', f]),
      htmlPath.map((f) => ['--html', f]),
      htmlPath.map((f) => ['--junit', f]),
      fc.constantFrom('1/1', '1/2', '2/2', '2/3').map((v) => ['--shard', v]),
      fc.constantFrom('1', '2').map((v) => ['--workers', v]),
      flag('--progress'),
      flag('--verbose'),
      flag('--explain-size'),
      fc.constantFrom('64', '1', '0.5').map((v) => ['--max-memory', v]),
    ];
    await fc.assert(
      fc.asyncProperty(vector('check', realScenario.map((t) => [t]), options, 0), async (argv) => {
        const run = bounded(argv);
        expectCleanExit(await runInProcess(run), showArgv(run), asked(run));
      }),
      { seed: 0xa5a7, numRuns: 10 },
    );
  });

  it('the executable agrees with the in-process runs (exit code and stderr)', async () => {
    // Vectors that write nothing, so the second run meets what the first one met.
    const writesNothing = anyCommand.filter((argv) => !argv.some((a) => /^(init|--emit-test|--html|--junit)/.test(a)));
    for (const argv of fc.sample(writesNothing, { seed: 0xa5a8, numRuns: 3 })) {
      const spawned = runSpawned(argv, work.dir);
      expectCleanExit(spawned, showArgv(argv), asked(argv));
      const inProcess = await runInProcess(argv);
      expect({ code: spawned.code, stderr: spawned.stderr }, showArgv(argv)).toEqual({ code: inProcess.code, stderr: inProcess.stderr });
    }
  });
});
