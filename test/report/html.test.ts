import { describe, expect, it } from 'vitest';
import { renderHtmlReport, renderTraceHtml } from '../../report/html.js';
import { toTrace } from '../../engine/trace.js';
import { sqsPoolEarlyDelete } from '../../scenarios/sqs-pool/index.js';
import { escapeHtml } from '../../report/escape.js';
import { earlyDeleteReport, hostileReport } from './html-fixtures.js';

const stepsOf = (html: string) => [...html.matchAll(/<[a-z]+ [^>]*\bdata-step="(\d+)"/g)].map((m) => Number(m[1]));

describe('renderHtmlReport', () => {
  it('draws the counterexample as one element per step, data-step 1..n, with the violation and the fault marked', () => {
    const { html, results } = earlyDeleteReport();
    expect(results[0].properties[0].counterexample?.length).toBe(3);
    expect(stepsOf(html)).toEqual([1, 2, 3]);
    expect(html).toMatch(/<button type="button" class="step op" data-step="1"[^>]*>.*Send\(0\)/);
    expect(html).toMatch(/class="step fault violation" data-step="3"/);
    // Each step's diff: in the hover title and in a panel shown on click.
    expect(html).toMatch(/data-step="2"[^>]*title="2\. Receive\(0, 0\) \(model, op\)\nmsgs\[0\]\.q: visible → deleted\nworkers\[0\]\.w: idle → busy/);
    expect(html).toContain('data-diff-for="3" hidden><h4>3. Crash(0)');
    expect(html).toContain('<p class="verdict">✗ NoLostMessage is violated in this state</p>');
    expect(html).toContain('data-initial="3"');
    // Statistics and coverage.
    expect(html).toMatch(/<li>24 distinct states<\/li><li>\d[\d,]* transitions<\/li>/);
    expect(html).toMatch(/<td class="mono">Crash<\/td><td>\d+<\/td>/);
    expect(html).toContain('saved: <code>traces/early.json</code>');
  });

  it('is self-contained: no external URL, a CSP that forbids the network, inline style and script only', () => {
    const { html } = earlyDeleteReport();
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html.match(/<script\b/g)).toHaveLength(1);
    expect(html.match(/<style\b/g)).toHaveLength(1);
  });

  it('escapes every name from the scenario and model', () => {
    const html = hostileReport();
    expect(html.match(/<script\b/g)).toHaveLength(1); // only the report's own
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b onmouseover');
    expect(html).not.toContain('<i>k</i>');
    expect(html).not.toMatch(/<\/style><script/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('[&quot;&lt;b onmouseover=\\&quot;alert(3)\\&quot;&gt;&quot;]'); // the field path, in the diff
    expect(html).toContain(escapeHtml(`<script>alert(1)</script>"'&`));
    expect(stepsOf(html).length).toBeGreaterThan(0);
  });

  it('renders one saved trace for replay', () => {
    const { results } = earlyDeleteReport();
    const r = results[0];
    const p = r.properties[0];
    const trace = toTrace(p.counterexample!, { scenario: r.scenario, parameters: r.parameters, property: p.name, kind: p.kind, mode: r.mode });
    const html = renderTraceHtml(sqsPoolEarlyDelete.build(r.parameters), trace);
    expect(stepsOf(html)).toEqual([1, 2, 3]);
    expect(html).toContain('<h1>faultline: sqs-pool:early-delete NoLostMessage</h1>');
    expect(html).toContain('workers[0].wm');
  });

  it('numbers the steps of each trace from 1', () => {
    const { results } = earlyDeleteReport();
    const twice = renderHtmlReport([results[0], { ...results[0], mode: 'random' }]);
    expect(stepsOf(twice)).toEqual([1, 2, 3, 1, 2, 3]);
  });
});
