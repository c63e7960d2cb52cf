/**
 * The HTML report in a real browser (headless Chromium through playwright-core): it loads
 * without page or console errors, makes no network request, runs no injected script, has
 * one `[data-step]` element per step, and shows a step's diff on click.
 * Skipped (with the reason printed) where /usr/bin/chromium is missing, except in CI
 * (`CI=true`), where a missing browser fails the suite.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { earlyDeleteReport, hostileReport } from './html-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const available = existsSync(CHROMIUM);
const inCI = process.env.CI === 'true';

if (!available && !inCI) console.warn(`html.chromium.slow.test.ts skipped: ${CHROMIUM} not found (install chromium to run it; in CI it is required)`);

describe.runIf(!available && inCI)('headless Chromium in CI', () => {
  it('is installed', () => {
    throw new Error(`${CHROMIUM} is required when CI=true (apt-get install chromium)`);
  });
});

describe.runIf(available)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    dir = mkdtempSync(join(tmpdir(), 'faultline-html-'));
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Opens `html` from a file; collects page errors, console errors, dialogs and requests. */
  async function open(name: string, html: string): Promise<{ page: Page; problems: string[] }> {
    const file = join(dir, name);
    writeFileSync(file, html);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, problems };
  }

  it('loads the sqs-pool:early-delete report cleanly, one [data-step] per step, diffs on click', async () => {
    const { page, problems } = await open('early-delete.html', earlyDeleteReport().html);
    expect(await page.locator('[data-step]').count()).toBe(3);
    expect(await page.locator('[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')))).toEqual(['1', '2', '3']);
    // The violating step is selected at load; its diff is visible, the others hidden.
    expect(await page.locator('[data-step="3"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-diff-for="3"]').isVisible()).toBe(true);
    expect(await page.locator('[data-diff-for="1"]').isVisible()).toBe(false);
    await page.locator('[data-step="2"]').click();
    expect(await page.locator('[data-diff-for="2"]').isVisible()).toBe(true);
    expect(await page.locator('[data-diff-for="2"]').innerText()).toContain('workers[0].w');
    expect(await page.locator('[data-diff-for="3"]').isVisible()).toBe(false);
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[data-diff-for="3"]').isVisible()).toBe(true);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('would notice errors: the harness collects page errors, console errors and requests', async () => {
    const broken = `<!doctype html><img src="http://192.0.2.1/x.png"><script>console.error('bad'); throw new Error('boom');</script>`;
    const { page, problems } = await open('broken.html', broken);
    await page.close();
    expect(problems).toEqual(expect.arrayContaining(['console error: bad', 'page error: boom', 'request: http://192.0.2.1/x.png']));
  });

  it('runs none of the hostile names as markup or script', async () => {
    const { page, problems } = await open('hostile.html', hostileReport());
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('h2').first().innerText()).toContain('<script>alert(1)</script>');
    const n = await page.locator('[data-step]').count();
    expect(n).toBeGreaterThan(0);
    await page.locator('[data-step="1"]').first().hover();
    await page.close();
    expect(problems).toEqual([]);
  });
});
