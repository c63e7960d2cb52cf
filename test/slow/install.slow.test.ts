/**
 * The first hour, end to end, as a user meets it: the package packed and installed into a
 * fresh project made by `faultline init` (from the tarball, from a path, from a git URL), the
 * matcher and world types resolving under tsc, and a custom invariant's counterexample turned
 * into a regression test that fails under Vitest until the design is fixed, in an ES module
 * and a CommonJS project.
 *
 * Offline: `npm install --offline` takes everything from the npm cache. A project without a
 * lock file needs the registry's package documents, so each consumer gets a lock file built
 * from faultline's own (the same versions `npm ci` put in the cache). The package is a copy of
 * the working tree, uncommitted changes included, built by `npm ci` as a clone is.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MINUTES = 60_000;

const work = mkdtempSync(join(tmpdir(), 'faultline-install-'));
const pkgDir = join(work, 'faultline'); // the package: a copy of the working tree, then a git repository
let tarball = '';
let commit = '';

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Ran {
  readonly code: number | null;
  /** stdout then stderr. */
  readonly out: string;
}

// Children see neither this run's npm settings (npm_config_local_prefix would point a nested
// npm at this repository) nor Vitest's own variables.
const childEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|VITEST|NODE_OPTIONS$)/i.test(k) || /^npm_config_(cache|userconfig|registry)$/i.test(k))),
  NO_COLOR: '1',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

function run(cmd: string, args: readonly string[], cwd: string): Ran {
  const r = spawnSync(cmd, args, { cwd, env: childEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Runs and expects exit 0, showing the output when it is not. */
function ok(cmd: string, args: readonly string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  expect(r.code, `${cmd} ${args.join(' ')} in ${cwd}:\n${r.out}`).toBe(0);
  return r.out;
}

const git = (args: readonly string[]) => ok('git', ['-c', 'user.name=faultline-test', '-c', 'user.email=test@faultline.invalid', '-c', 'commit.gpgsign=false', ...args], pkgDir);

/**
 * The working tree as git sees it (tracked and new files, nothing ignored), copied to `dest`
 * as plain files. Never a link and nothing under node_modules: `npm ci` in the copy empties
 * its node_modules, and must not reach through a link into this checkout's.
 */
function copyWorkingTree(dest: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = join(REPO, file);
    if (file.split('/').includes('node_modules') || !existsSync(from) || !lstatSync(from).isFile()) continue; // deleted, a link, or installed
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    copyFileSync(from, join(dest, file));
  }
  if (existsSync(join(dest, 'node_modules'))) throw new Error(`${dest}/node_modules exists before npm ci`);
}

type LockEntry = Record<string, unknown> & { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>; peerDependencies?: Record<string, string>; peerDependenciesMeta?: Record<string, { optional?: boolean }> };

/**
 * A lock file for a project made by `faultline init` whose faultline entry is `faultline`:
 * the consumer's other packages (faultline's dependencies, Vitest, TypeScript and everything
 * they need) at the versions faultline's own lock file holds.
 */
function writeConsumerLock(app: string, faultline: LockEntry, extra: Record<string, LockEntry> = {}): void {
  const own = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const lock = JSON.parse(readFileSync(join(pkgDir, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const consumer = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')) as { name: string; version: string; devDependencies: Record<string, string> };
  const picked: Record<string, LockEntry> = {};
  // Node's lookup over lock paths: node_modules/a/node_modules/b, else node_modules/b.
  const find = (from: string, name: string): string | undefined => {
    for (let base = from; ; ) {
      const at = `${base ? `${base}/` : ''}node_modules/${name}`;
      if (lock.packages[at]) return at;
      if (!base) return undefined;
      const up = base.lastIndexOf('/node_modules/');
      base = up < 0 ? '' : base.slice(0, up);
    }
  };
  const visit = (at: string): void => {
    if (picked[at]) return;
    const entry = lock.packages[at];
    picked[at] = entry;
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies })) {
      const found = find(at, name);
      if (found) visit(found);
      else if (!entry.optionalDependencies?.[name] && !entry.peerDependenciesMeta?.[name]?.optional) throw new Error(`${at} needs ${name}, which faultline's lock file lacks`);
    }
  };
  for (const name of [...Object.keys(own.dependencies), ...Object.keys(consumer.devDependencies).filter((d) => d !== 'faultline')]) {
    const found = find('', name);
    if (!found) throw new Error(`faultline's lock file has no ${name}`);
    visit(found);
  }
  const packages = {
    '': { name: consumer.name, version: consumer.version, devDependencies: consumer.devDependencies },
    'node_modules/faultline': faultline,
    ...extra,
    ...Object.fromEntries(Object.entries(picked).sort(([a], [b]) => a.localeCompare(b))),
  };
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify({ name: consumer.name, version: consumer.version, lockfileVersion: 3, requires: true, packages }, null, 2) + '\n');
}

/** What the consumer's lock says about faultline itself, from its package.json. */
function faultlineEntry(): LockEntry {
  const own = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const fields = ['version', 'license', 'dependencies', 'bin', 'engines', 'peerDependencies', 'peerDependenciesMeta'];
  return { ...Object.fromEntries(fields.filter((f) => own[f] !== undefined).map((f) => [f, own[f]])), dev: true };
}

/** `faultline init` (the package's own CLI) with `spec` as the dependency; then `npm install --offline`. */
function initAndInstall(name: string, spec: string, lock: (app: string) => void): string {
  const app = join(work, name);
  const init = ok(process.execPath, [join(pkgDir, 'dist', 'cli', 'bin.js'), 'init', app, '--faultline', spec], work);
  expect(init).toContain(`Created a faultline project in ${app}`);
  expect(JSON.parse(readFileSync(join(app, 'package.json'), 'utf8')).devDependencies.faultline).toBe(spec);
  lock(app);
  ok('npm', ['install', '--offline', '--no-audit', '--no-fund'], app);
  mkdirSync(join(app, 'test'), { recursive: true });
  writeFileSync(join(app, 'test', 'types-probe.ts'), TYPES_PROBE);
  return app;
}

// Not a test: tsc checks that the matchers and the typed world resolve in the installation.
// Each @ts-expect-error must meet an error, so a matcher typed as `any` fails the check too.
const TYPES_PROBE = `import { expect } from 'vitest';
import { always, az, compose } from 'faultline';
import { check, type FaultlineMatchers } from 'faultline/vitest';
import webTier from '../scenarios/web-tier.js';

export function probe(): FaultlineMatchers<void> | undefined {
  const results = check(webTier, { modes: ['exhaustive'] });
  expect(results).toHold('AtLeastNHealthy');
  expect(results).not.toFail('AtLeastNHealthy');
  expect(results).toBeReached('ReachedAzOutage');
  expect(results).toMeetExpectations();
  // @ts-expect-error a misspelt matcher
  expect(results).toHoldd('AtLeastNHealthy');
  // @ts-expect-error a matcher's argument is a property name
  expect(results).toHold(42);
  compose([az({ azs: 2, maxDown: 1, recoverable: false })], {
    properties: [
      always('ZoneUp', (w) => w.az.up.some((up) => up)),
      // @ts-expect-error no ec2 component in this world
      always('NoSuchSlice', (w) => w.ec2.instances.length > 0),
    ],
  });
  return undefined;
}
`;

const tsc = (app: string, project = 'tsconfig.json') => run(process.execPath, [join(app, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project], app);
const vitest = (app: string, ...files: string[]) => run(process.execPath, [join(app, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...files], app);
const faultlineBin = (app: string, args: readonly string[]) => run(join(app, 'node_modules', '.bin', 'faultline'), args, app);

function setModuleType(app: string, type: 'module' | 'commonjs'): void {
  const file = join(app, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (type === 'module') pkg.type = 'module';
  else delete pkg.type; // a CommonJS package, as most older projects are
  writeFileSync(file, JSON.stringify(pkg, null, 2) + '\n');
}

/** The design the user checks: two instances behind a load balancer; `zones` says where they run. */
const zonesScenario = (zones: string) => `import { always, asg, az, compose, defineScenario, ec2, elb } from 'faultline';

const model = compose(
  [
    az({ azs: 2, maxDown: 1, recoverable: false }),
    ec2({ slots: 3, azs: 2, initial: ${zones}, autoScaling: true, faults: ['HostFailure'] }),
    asg({ azs: 2, min: 2, gracePeriodSeconds: 0 }),
    elb({ slots: 3, azs: 2, registered: [0, 1], attachedToAsg: true, faults: [] }),
  ],
  {
    maxFaults: 1,
    // A custom invariant on the typed world: some instance runs in a zone that is up.
    properties: [always('SomeInstanceInAnUpZone', (w) => w.ec2.instances.some((i) => i.state === 'running' && w.az.up[i.az]))],
  },
);

export default defineScenario({ name: 'zones', description: 'two instances behind a load balancer', model, modes: ['exhaustive'] });
`;

beforeAll(() => {
  copyWorkingTree(pkgDir);
  git(['init', '-q']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'the working tree under test']);
  commit = git(['rev-parse', 'HEAD']).trim();
  // As a clone is set up: dependencies from the lock file, then `prepare` builds dist/.
  ok('npm', ['ci', '--offline', '--no-audit', '--no-fund'], pkgDir);
  ok('npm', ['pack', '--ignore-scripts', '--pack-destination', work], pkgDir);
  const packed = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  expect(packed).toHaveLength(1);
  tarball = join(work, packed[0]);
}, 5 * MINUTES);

describe('installed into a project made by faultline init', () => {
  it('from the packed tarball: types resolve; a counterexample becomes a regression test that fails, then passes once the design is fixed (ESM and CommonJS)', () => {
    const spec = `file:../${relative(work, tarball)}`;
    const app = initAndInstall('from-tarball', spec, (dir) =>
      writeConsumerLock(dir, { ...faultlineEntry(), resolved: spec, integrity: `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}` }),
    );
    // What a consumer gets: the built code and its declarations, and the bundled templates
    // (`faultline check --all` imports them at run time); no sources or tests.
    const installed = join(app, 'node_modules', 'faultline');
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'dist', 'package.json', 'scenarios']);
    expect(readdirSync(join(installed, 'scenarios'))).toEqual(['templates']);
    expect(readdirSync(join(installed, 'scenarios', 'templates')).sort()).toEqual(['legacy-server.yaml', 'web-tier.yaml', 'worker-queues.yaml']);
    // A bundled template scenario runs from the installed package (its YAML found beside dist/).
    const bundled = faultlineBin(app, ['check', 'legacy-server:reports']);
    expect(bundled.code, bundled.out).toBe(0);
    expect(bundled.out).toMatch(/DeletedObjectRecoverable +fails/);

    expect(tsc(app)).toEqual({ code: 0, out: '' });
    ok(process.execPath, [join(app, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], app); // the example scenario's test

    writeFileSync(join(app, 'scenarios', 'zones.ts'), zonesScenario('[0, 0]'));
    const check = faultlineBin(app, ['check', 'scenarios/zones.ts']);
    expect(check.code, check.out).toBe(1);
    const traceFile = 'faultline-traces/zones-SomeInstanceInAnUpZone-exhaustive.json';
    expect(check.out).toContain(`saved: ${traceFile}`);

    const emitted = faultlineBin(app, ['replay', traceFile, '--emit-test']);
    expect(emitted.code, emitted.out).toBe(0);
    const testFile = 'faultline-traces/zones-SomeInstanceInAnUpZone-exhaustive.test.ts';
    expect(emitted.out).toMatch(new RegExp(`^wrote ${testFile}: `));
    expect(readFileSync(join(app, testFile), 'utf8')).toContain('import * as scenarioModule from "../scenarios/zones.js";');
    // The trace is embedded: the test needs no file beside it (init's .gitignore keeps traces out of git).
    rmSync(join(app, traceFile));

    for (const type of ['module', 'commonjs'] as const) {
      setModuleType(app, type);
      expect(tsc(app), type).toEqual({ code: 0, out: '' });
      const failing = vitest(app, testFile);
      expect(failing.code, `${type}:\n${failing.out}`).toBe(1);
      expect(failing.out).toContain('AssertionError: zones: the embedded trace still violates SomeInstanceInAnUpZone');
      expect(failing.out).toContain('1. az  fault  AzOutage(0)  ✗ SomeInstanceInAnUpZone violated');
    }

    writeFileSync(join(app, 'scenarios', 'zones.ts'), zonesScenario('[0, 1]')); // one instance per zone
    for (const type of ['module', 'commonjs'] as const) {
      setModuleType(app, type);
      const passing = vitest(app, testFile);
      expect(passing.code, `${type}:\n${passing.out}`).toBe(0);
      expect(passing.out).toMatch(/Tests +1 passed \(1\)/);
    }
    setModuleType(app, 'module'); // check loads a CommonJS scenario by require(esm): Node 20.19 or later
    expect(faultlineBin(app, ['check', 'scenarios/zones.ts'])).toMatchObject({ code: 0 });

    // Older TypeScript settings (moduleResolution node10 ignores "exports"): typesVersions maps faultline/vitest.
    writeFileSync(
      join(app, 'tsconfig.node10.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', moduleResolution: 'node10', strict: true, noEmit: true, skipLibCheck: true, esModuleInterop: true }, include: ['test', 'faultline-traces'] }),
    );
    expect(tsc(app, 'tsconfig.node10.json')).toEqual({ code: 0, out: '' });
  }, 5 * MINUTES);

  it('from a path (a linked checkout with its own node_modules): the matcher types still reach the project\'s Vitest', () => {
    const target = relative(join(work, 'from-path'), pkgDir);
    const app = initAndInstall('from-path', `file:${target}`, (dir) => {
      const own = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as Record<string, unknown>;
      const linked = Object.fromEntries(['name', 'version', 'license', 'dependencies', 'devDependencies', 'bin', 'engines', 'peerDependencies', 'peerDependenciesMeta'].map((f) => [f, own[f]]));
      writeConsumerLock(dir, { resolved: target, link: true }, { [target]: linked });
    });
    expect(readdirSync(join(app, 'node_modules', 'faultline'))).toContain('node_modules'); // the checkout itself, linked
    expect(tsc(app)).toEqual({ code: 0, out: '' });
    ok(process.execPath, [join(app, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], app);
  }, 5 * MINUTES);

  it('from a git URL (npm clones it and runs prepare, offline): types resolve and the scenario test passes', () => {
    const url = `git+file://${pkgDir}`;
    const app = initAndInstall('from-git', url, (dir) => writeConsumerLock(dir, { ...faultlineEntry(), resolved: `${url}#${commit}` }));
    expect(readdirSync(join(app, 'node_modules', 'faultline', 'dist'))).toContain('vitest.d.ts'); // built by prepare
    expect(tsc(app)).toEqual({ code: 0, out: '' });
    ok(process.execPath, [join(app, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], app);
    expect(faultlineBin(app, ['check', 'scenarios/web-tier.ts'])).toMatchObject({ code: 0 });
  }, 5 * MINUTES);
});
