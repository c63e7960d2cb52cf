/**
 * `faultline init [dir]`: scaffolds a scenario project (package.json, tsconfig, Vitest config,
 * an example scenario and its test, a CI workflow). It never overwrites a file: when any of
 * them exists, it writes nothing and names the files in the way.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../engine/scenario.js';
import { EXAMPLE_SCENARIO, EXAMPLE_TEST, GITIGNORE, packageJson, TSCONFIG, VITEST_CONFIG, WORKFLOW } from './init-templates.js';

export interface InitFlags {
  /** The dependency spec for faultline in package.json (default: this installation). */
  readonly faultline?: string;
}

/** This package's root and its manifest (dist/cli/init.js or cli/init.ts lie two or one levels below it). */
function ownPackage(): { root: string; version: string; devDependencies: Record<string, string> } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string; devDependencies?: Record<string, string> };
    if (pkg.name === 'faultline') return { root: dir, version: pkg.version, devDependencies: pkg.devDependencies ?? {} };
  }
  throw new Error('faultline init: cannot find faultline’s own package.json');
}

/** The npm name for a project in `dir`: its folder's name, lower-case, npm-safe. */
function projectName(dir: string): string {
  return basename(dir).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[._-]+|[._-]+$/g, '') || 'faultline-designs';
}

export function initCommand(target: string | undefined, o: InitFlags = {}): void {
  const dir = resolve(target ?? '.');
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError(`init ${target}: not a directory`);
  const own = ownPackage();
  // A clone or unpacked copy is depended on by path; an installed copy (under node_modules) by version.
  const spec = o.faultline ?? (own.root.split(sep).includes('node_modules') ? `^${own.version}` : `file:${own.root}`);
  const files: [string, string][] = [
    ['package.json', packageJson({ name: projectName(dir), faultline: spec, vitest: own.devDependencies.vitest ?? '^4.1.0', typescript: own.devDependencies.typescript ?? '^5.9.0' })],
    ['tsconfig.json', TSCONFIG],
    ['vitest.config.ts', VITEST_CONFIG],
    ['.gitignore', GITIGNORE],
    [join('scenarios', 'web-tier.ts'), EXAMPLE_SCENARIO],
    [join('scenarios', 'web-tier.test.ts'), EXAMPLE_TEST],
    [join('.github', 'workflows', 'faultline.yml'), WORKFLOW],
  ];
  const inTheWay = files.map(([f]) => f).filter((f) => existsSync(join(dir, f)));
  if (inTheWay.length > 0) throw new InputError(`init: ${inTheWay.join(', ')} already exist${inTheWay.length === 1 ? 's' : ''} in ${dir}; nothing was written`);
  for (const [file, text] of files) {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { flag: 'wx' });
  }
  process.stdout.write(
    [
      `Created a faultline project in ${dir}:`,
      ...files.map(([f]) => `  ${f}`),
      '',
      'Next:',
      ...(target ? [`  cd ${target}`] : []),
      '  npm install',
      '  npm run check    # faultline check scenarios/web-tier.ts',
      '  npm test         # the scenario tests, with Vitest',
      '',
    ].join('\n'),
  );
}
