// `faultline init`: the files a new scenario project starts from, and no file ever replaced.
// (Installing the scaffold and running its checks is slow: a separate test does that.)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, faultline } from './support.js';

const FILES = ['package.json', 'tsconfig.json', 'vitest.config.ts', '.gitignore', 'scenarios/web-tier.ts', 'scenarios/web-tier.test.ts', '.github/workflows/faultline.yml'];

let root: string;
beforeAll(() => {
  assertBuilt();
  root = mkdtempSync(join(tmpdir(), 'faultline-init-'));
});

describe('faultline init', () => {
  it('scaffolds an ESM project with a Vitest config, a tsconfig, an example scenario, its test and a CI workflow', () => {
    const dir = join(root, 'My Designs');
    const r = faultline(['init', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of FILES) expect(existsSync(join(dir, f)), f).toBe(true);

    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: 'my-designs', type: 'module', scripts: { check: 'faultline check scenarios/web-tier.ts', test: 'vitest run' } });
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['faultline', 'typescript', 'vitest']);
    expect(JSON.parse(readFileSync(join(dir, 'tsconfig.json'), 'utf8')).compilerOptions).toMatchObject({ module: 'NodeNext', strict: true });
    expect(readFileSync(join(dir, 'vitest.config.ts'), 'utf8')).toContain("'scenarios/**/*.test.ts'");
    expect(readFileSync(join(dir, 'scenarios/web-tier.ts'), 'utf8')).toContain("from 'faultline'");
    expect(readFileSync(join(dir, 'scenarios/web-tier.test.ts'), 'utf8')).toContain("from './web-tier.js'");
    expect(readFileSync(join(dir, '.github/workflows/faultline.yml'), 'utf8')).toContain('npx faultline check scenarios/web-tier.ts');

    // It says what it created and what to run next.
    for (const f of FILES) expect(r.stdout).toContain(join(f));
    expect(r.stdout).toMatch(/Next:\n {2}cd .*My Designs\n {2}npm install\n {2}npm run check.*\n {2}npm test/);
  });

  it('into the current directory by default', () => {
    const dir = join(root, 'here');
    mkdirSync(dir);
    const r = faultline(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name).toBe('here');
    expect(r.stdout).not.toContain('  cd ');
  });

  it('refuses, in one line with exit 2, to write over files that exist, and writes nothing', () => {
    const dir = join(root, 'again');
    expect(faultline(['init', dir]).code).toBe(0);
    writeFileSync(join(dir, 'scenarios/web-tier.ts'), '// my own edits\n');
    const before = readdirSync(dir, { recursive: true }).sort();
    const r = faultline(['init', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^faultline: init: package\.json, .*scenarios.web-tier\.ts.* already exist in .*again; nothing was written\n$/);
    expect(readFileSync(join(dir, 'scenarios/web-tier.ts'), 'utf8')).toBe('// my own edits\n');
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(before);

    // One file in the way is enough: the others are not written either.
    const partly = join(root, 'partly');
    mkdirSync(partly);
    writeFileSync(join(partly, 'package.json'), '{}\n');
    const one = faultline(['init', partly]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/^faultline: init: package\.json already exists in .*partly; nothing was written\n$/);
    expect(readdirSync(partly)).toEqual(['package.json']);
  });

  it('refuses a target that is a file', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const r = faultline(['init', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^faultline: init .*a-file: not a directory\n$/);
  });
});
