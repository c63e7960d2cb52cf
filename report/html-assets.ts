/**
 * The HTML report's inline stylesheet and script: the report is one self-contained file
 * (no network), so both are embedded; a Content-Security-Policy forbids anything else.
 */

export const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export const HTML_STYLE = `
:root { --bg:#fbfbfc; --fg:#1d2330; --muted:#6b7280; --line:#e3e6ec; --op:#2563eb; --fault:#dc2626; --control:#0f766e; --bad:#b91c1c; --ok:#15803d; --rec:#fff7e0; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 20px 0 4px; } h2 small, .muted { color: var(--muted); font-weight: normal; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
table { border-collapse: collapse; } th, td { text-align: left; padding: 3px 12px 3px 0; vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
.summary td { border-top: 1px solid var(--line); }
.ok { color: var(--ok); font-weight: 700; } .bad { color: var(--bad); font-weight: 700; }
.stats { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 6px 0 0; padding: 0; list-style: none; color: var(--muted); }
.stats b { color: var(--fg); font-weight: 600; }
.timeline { display: grid; gap: 6px 6px; overflow-x: auto; padding: 10px 4px 12px; margin: 8px 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
.lane { font-weight: 600; padding: 8px 10px 8px 6px; align-self: center; white-space: nowrap; position: sticky; left: 0; background: #fff; z-index: 1; }
.lanebg { border-top: 1px dashed var(--line); align-self: stretch; }
.step { position: relative; font: inherit; text-align: left; cursor: pointer; min-width: 0; padding: 6px 8px; border-radius: 6px; border: 1px solid var(--line); border-left: 4px solid var(--op); background: #f5f8ff; }
.step .num { font-size: 11px; color: var(--muted); display: block; } .step .label { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; display: block; }
.step .kind { font-size: 10.5px; text-transform: uppercase; letter-spacing: .04em; color: var(--op); }
.step.fault { border-left-color: var(--fault); background: #fff4f4; } .step.fault .kind { color: var(--fault); }
.step.control { border-left-color: var(--control); background: #f1faf8; } .step.control .kind { color: var(--control); }
.step.recovery { box-shadow: inset 0 0 0 999px rgba(255, 196, 0, .10); }
.step.violation { border-color: var(--bad); border-left-color: var(--bad); box-shadow: 0 0 0 2px rgba(185, 28, 28, .35); background: #ffe9e9; }
.step.violation::after { content: "✗"; position: absolute; top: 4px; right: 6px; color: var(--bad); font-weight: 700; }
.step:hover { filter: brightness(.97); } .step.selected { outline: 2px solid var(--fg); outline-offset: 1px; }
.step:focus-visible { outline: 2px solid var(--op); }
.recovery-mark { font-size: 11px; color: #92400e; background: var(--rec); border: 1px solid #f5d48a; border-radius: 4px; padding: 2px 6px; align-self: end; }
.legend { display: flex; gap: 14px; color: var(--muted); font-size: 12px; margin-top: 4px; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; margin-right: 5px; border-radius: 2px; vertical-align: -1px; background: var(--c); }
.diff { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.diff h4 { margin: 0 0 6px; font-size: 14px; } .diff td.before { color: #9f1239; } .diff td.after { color: #166534; }
.diff .verdict { color: var(--bad); font-weight: 700; margin: 6px 0 0; }
details pre { max-height: 320px; overflow: auto; background: #f6f7f9; padding: 8px; border-radius: 6px; }
.bar { display: inline-block; height: 8px; border-radius: 4px; background: #93c5fd; vertical-align: middle; }
.bar.fault { background: #fca5a5; } .never { color: #92400e; }
`;

/** Click (or Enter) on a step shows its diff; arrow keys move along the trace. */
export const HTML_SCRIPT = `
(function () {
  document.querySelectorAll('.trace').forEach(function (trace) {
    var steps = Array.prototype.slice.call(trace.querySelectorAll('.step'));
    function show(n) {
      steps.forEach(function (b) { var on = b.getAttribute('data-step') === n; b.classList.toggle('selected', on); b.setAttribute('aria-pressed', on ? 'true' : 'false'); });
      trace.querySelectorAll('.diff').forEach(function (d) { d.hidden = d.getAttribute('data-diff-for') !== n; });
    }
    trace.addEventListener('click', function (e) {
      var b = e.target.closest ? e.target.closest('.step') : null;
      if (b) show(b.getAttribute('data-step'));
    });
    trace.addEventListener('keydown', function (e) {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      var cur = trace.querySelector('.step.selected');
      var i = steps.indexOf(cur) + (e.key === 'ArrowRight' ? 1 : -1);
      if (i >= 0 && i < steps.length) { show(steps[i].getAttribute('data-step')); steps[i].focus(); e.preventDefault(); }
    });
    var initial = trace.getAttribute('data-initial');
    if (initial) show(initial);
  });
})();
`;
