//! HTML: one self-contained file (no network, no external script, style or font) that opens
//! from disk: the summary tables, the charts inline as SVG, and an episode browser (filter by
//! task, pipeline, model and outcome; click an episode to read each turn's messages, tool
//! calls, code, logs and token counts).
//!
//! The episodes are embedded as JSON in a `<script type="application/json">` element with
//! every `<`, `>` and `&` written as a `\u` escape, so no record text can close the element;
//! the script renders rows lazily (a page at a time) and builds an episode's detail only when
//! it is opened, with `textContent` (never `innerHTML`) for record text. `report.html#episode=N`
//! opens the N-th episode (0-based, in records order).

use super::tables::{Table, comparison, run_line, tables};
use super::{ReportFormat, ReportInput, write_text};
use crate::report::RenderedChart;
use serde_json::Value;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// `report.html`.
pub struct Html;

/// Longest string (in characters) kept in the embedded episodes; longer tool results and
/// answers are cut with a note pointing at `records.jsonl`, to keep large runs fast to open.
pub const MAX_EMBEDDED_CHARS: usize = 4000;

/// Text escaped for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON made safe inside a `<script>` element: `<`, `>` and `&` become `\u` escapes (they can
/// only occur inside JSON strings, where the escapes mean the same characters), and so do
/// U+2028 / U+2029.
pub fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Cuts every string longer than `max` characters, saying how much was cut.
fn truncate_strings(v: &mut Value, max: usize) {
    match v {
        Value::String(s) => {
            let n = s.chars().count();
            if n > max {
                let cut: String = s.chars().take(max).collect();
                *s = format!(
                    "{cut}\n… [{} more characters not embedded in the report; see records.jsonl]",
                    n - max
                );
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| truncate_strings(i, max)),
        Value::Object(map) => map.values_mut().for_each(|i| truncate_strings(i, max)),
        _ => {}
    }
}

/// The episodes as the JSON the page embeds (strings cut at [`MAX_EMBEDDED_CHARS`]).
fn episodes_json(input: &ReportInput) -> Result<String, String> {
    let mut episodes = Vec::with_capacity(input.records.len());
    for r in input.records {
        let mut v =
            serde_json::to_value(r).map_err(|e| format!("episode {}: cannot serialise: {e}", r.episode_key()))?;
        truncate_strings(&mut v, MAX_EMBEDDED_CHARS);
        episodes.push(v);
    }
    let json = serde_json::to_string(&serde_json::json!({ "episodes": episodes }))
        .map_err(|e| format!("cannot serialise the episodes: {e}"))?;
    Ok(script_safe_json(&json))
}

fn table_html(t: &Table, s: &mut String) {
    let _ = writeln!(
        s,
        "<section class=\"block\"><h3>{}</h3><p class=\"note\">{}</p><div class=\"scroll\"><table class=\"summary\"><thead><tr>",
        escape(&t.title),
        escape(&t.note)
    );
    for (i, h) in t.header.iter().enumerate() {
        let _ = write!(
            s,
            "<th{}>{}</th>",
            if i >= t.labels { " class=\"num\"" } else { "" },
            escape(h)
        );
    }
    s.push_str("</tr></thead><tbody>\n");
    for row in &t.rows {
        s.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let _ = write!(
                s,
                "<td{}>{}</td>",
                if i >= t.labels { " class=\"num\"" } else { "" },
                escape(c)
            );
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody></table></div></section>\n");
}

/// The SVG element of a chart: anything before `<svg` (an XML declaration, a doctype) dropped.
fn inline_svg(chart: &RenderedChart) -> Result<&str, String> {
    chart
        .svg
        .find("<svg")
        .map(|i| &chart.svg[i..])
        .ok_or_else(|| format!("chart {:?}: its SVG text has no <svg> element", chart.name))
}

/// The whole report as one HTML document, with the given charts inline.
pub fn render(input: &ReportInput, charts: &[RenderedChart]) -> Result<String, String> {
    let run_id = input.records.first().map(|r| r.run_id.as_str()).unwrap_or("");
    let mut s = String::with_capacity(1 << 16);
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>cmbench report: {}</title><style>{}</style></head><body>\n",
        escape(run_id),
        STYLE
    );
    let _ = writeln!(
        s,
        "<header><h1>cmbench report <span class=\"run\">{}</span></h1><p>{}</p>\
         <nav><a href=\"#summary\">Summary</a> <a href=\"#charts\">Charts</a> \
         <a href=\"#breakdowns\">Breakdowns</a> <a href=\"#comparisons\">Comparisons</a> \
         <a href=\"#episodes\">Episodes</a></nav></header><main>",
        escape(run_id),
        escape(&run_line(input))
    );
    // The headline table and the charts come first, so the top of the page (and a screenshot
    // of it) shows both; the breakdowns follow.
    let all = tables(input);
    let (headline, breakdowns) = all.split_at(all.len().min(1));
    let _ = writeln!(s, "<h2 id=\"summary\">Summary</h2>");
    for t in headline {
        table_html(t, &mut s);
    }
    let _ = writeln!(s, "<h2 id=\"charts\">Charts</h2>");
    if charts.is_empty() {
        s.push_str("<p class=\"note\">No charts were rendered for this run.</p>\n");
    }
    s.push_str("<div class=\"charts\">\n");
    for c in charts {
        let _ = writeln!(
            s,
            "<figure class=\"chart\" id=\"chart-{}\"><figcaption>{}</figcaption>{}</figure>",
            escape(&c.name),
            escape(&c.title),
            inline_svg(c)?
        );
    }
    s.push_str("</div>\n");
    let _ = writeln!(s, "<h2 id=\"breakdowns\">Breakdowns</h2>");
    for t in breakdowns {
        table_html(t, &mut s);
    }
    let _ = writeln!(s, "<h2 id=\"comparisons\">Paired comparisons</h2>");
    if input.analysis.comparisons.is_empty() {
        s.push_str("<p class=\"note\">One pipeline only: nothing to compare.</p>\n");
    }
    for c in &input.analysis.comparisons {
        table_html(&comparison(c), &mut s);
    }
    s.push_str(EPISODES_HTML);
    let _ = write!(
        s,
        "</main>\n<script type=\"application/json\" id=\"cmbench-data\">{}</script>\n<script>{}</script>\n</body></html>\n",
        episodes_json(input)?,
        SCRIPT
    );
    Ok(s)
}

impl ReportFormat for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn files(&self) -> &'static [&'static str] {
        &["report.html"]
    }

    fn write(&self, input: &ReportInput, dir: &Path) -> Result<Vec<PathBuf>, String> {
        let charts = crate::report::charts::render_svgs(input.records, &input.pricing())?;
        let path = dir.join("report.html");
        let html = render(input, &charts).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(vec![write_text(&path, &html)?])
    }
}

const EPISODES_HTML: &str = r#"<h2 id="episodes">Episodes</h2>
<section class="block" id="browser">
<div class="filters">
<label>task <select id="f-task"><option value="">all</option></select></label>
<label>pipeline <select id="f-pipeline"><option value="">all</option></select></label>
<label>model <select id="f-model"><option value="">all</option></select></label>
<label>outcome <select id="f-outcome"><option value="">all</option><option value="success">passed</option><option value="failure">failed</option></select></label>
<label>text <input id="f-text" type="search" placeholder="task, failure, answer"></label>
<span id="episode-count"></span>
</div>
<div class="browser">
<div class="list scroll"><table id="episode-list"><thead><tr><th>task</th><th>pipeline</th><th>model</th><th class="num">trial</th><th>outcome</th><th>failure</th><th>termination</th><th class="num">turns</th><th class="num">input tok</th><th class="num">API calls</th><th class="num">ms</th></tr></thead><tbody id="episode-rows"></tbody></table>
<button id="more" hidden>Show more</button></div>
<div id="episode-detail" class="detail"><p class="note">Click an episode to read its turns.</p></div>
</div>
</section>
"#;

const STYLE: &str = r#"
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dee7;--bg:#fff;--alt:#f5f7fa;--ok:#1a7f37;--bad:#b3261e;--accent:#0b5cad}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
header{padding:16px 24px;border-bottom:1px solid var(--line);background:var(--alt)}
header h1{margin:0 0 4px;font-size:22px}header .run{color:var(--muted);font-weight:normal}
header p{margin:0 0 8px;color:var(--muted)}nav a{margin-right:14px;color:var(--accent);text-decoration:none;font-weight:600}
main{padding:8px 24px 40px}h2{margin:28px 0 8px;font-size:19px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{margin:16px 0 2px;font-size:15px}.note{color:var(--muted);margin:2px 0 8px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:13px}th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
th{background:var(--alt);position:sticky;top:0}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr:nth-child(even){background:#fafbfc}
div.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:8px 20px}figure.chart{margin:8px 0 16px}figure.chart figcaption{font-weight:600;margin-bottom:4px}
figure.chart svg{max-width:100%;height:auto;border:1px solid var(--line)}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:8px 0}.filters select,.filters input{font:inherit;padding:2px 4px;max-width:260px}
#episode-count{color:var(--muted)}
.browser{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:16px;align-items:start}
@media (max-width:1100px){.browser{grid-template-columns:1fr}}
.list{max-height:80vh;overflow:auto;border:1px solid var(--line)}
tr.episode{cursor:pointer}tr.episode:hover,tr.episode.selected{background:#e8f0fb}
tr.episode.ok td:nth-child(5){color:var(--ok);font-weight:600}tr.episode.fail td:nth-child(5){color:var(--bad);font-weight:600}
#more{margin:8px;font:inherit}
.detail{border:1px solid var(--line);padding:8px 12px;max-height:80vh;overflow:auto}
.detail dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0}.detail dt{color:var(--muted)}.detail dd{margin:0}
.detail details{border-top:1px solid var(--line);padding:6px 0}.detail summary{cursor:pointer;font-weight:600}
pre{background:var(--alt);padding:6px 8px;white-space:pre-wrap;word-break:break-word;margin:4px 0;font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;max-height:420px;overflow:auto}
.call{border-left:3px solid var(--accent);padding-left:8px;margin:6px 0}.call.error{border-color:var(--bad)}
.label{color:var(--muted);font-size:12px;margin-top:4px}
"#;

const SCRIPT: &str = r#"
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('cmbench-data').textContent);
  var eps = data.episodes;
  var PAGE = 200;
  var filtered = [], shown = 0, selected = null;
  function $(id) { return document.getElementById(id); }
  function el(tag, cls) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      e.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }
  function fmt(n) { return Math.round(n).toLocaleString('en-US'); }
  function inputOf(t) { return t.input.system + t.input.tool_definitions + t.input.history + t.input.tool_results; }
  function inputTokens(e) { return e.turns.reduce(function (s, t) { return s + inputOf(t); }, 0); }
  function latency(l) { return l.model + l.sandbox + l.api + l.harness; }
  function uniq(f) { var s = {}; eps.forEach(function (e) { s[f(e)] = true; }); return Object.keys(s).sort(); }
  function fill(id, values) { var s = $(id); values.forEach(function (v) { var o = el('option', null, v); o.value = v; s.appendChild(o); }); }
  fill('f-task', uniq(function (e) { return e.task; }));
  fill('f-pipeline', uniq(function (e) { return e.pipeline; }));
  fill('f-model', uniq(function (e) { return e.model; }));

  function apply() {
    var t = $('f-task').value, p = $('f-pipeline').value, m = $('f-model').value, o = $('f-outcome').value;
    var q = $('f-text').value.toLowerCase();
    filtered = eps.filter(function (e) {
      if (t && e.task !== t) return false;
      if (p && e.pipeline !== p) return false;
      if (m && e.model !== m) return false;
      if (o && (o === 'success') !== e.success) return false;
      if (q && (e.task + ' ' + (e.failure_class || '') + ' ' + e.termination + ' ' + e.answer).toLowerCase().indexOf(q) < 0) return false;
      return true;
    });
    $('episode-rows').textContent = '';
    shown = 0;
    more();
  }
  function more() {
    var body = $('episode-rows'), end = Math.min(filtered.length, shown + PAGE);
    var frag = document.createDocumentFragment();
    for (var i = shown; i < end; i++) frag.appendChild(row(filtered[i]));
    body.appendChild(frag);
    shown = end;
    $('episode-count').textContent = filtered.length + ' of ' + eps.length + ' episodes' +
      (shown < filtered.length ? ' (showing ' + shown + ')' : '');
    $('more').hidden = shown >= filtered.length;
  }
  function row(e) {
    var tr = el('tr', 'episode ' + (e.success ? 'ok' : 'fail'),
      el('td', null, e.task), el('td', null, e.pipeline), el('td', null, e.model), el('td', 'num', e.trial),
      el('td', null, e.success ? 'pass' : 'fail'), el('td', null, e.failure_class || ''), el('td', null, e.termination),
      el('td', 'num', e.turns.length), el('td', 'num', fmt(inputTokens(e))), el('td', 'num', e.api.calls),
      el('td', 'num', fmt(latency(e.latency_ms))));
    tr.tabIndex = 0;
    tr.addEventListener('click', function () { show(e, tr); });
    tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') show(e, tr); });
    return tr;
  }
  function facts(pairs) {
    var dl = el('dl');
    pairs.forEach(function (p) { if (p[1] !== null && p[1] !== undefined && p[1] !== '') { dl.appendChild(el('dt', null, p[0])); dl.appendChild(el('dd', null, p[1])); } });
    return dl;
  }
  function pre(text, cls) { return el('pre', cls, text); }
  function call(c) {
    var box = el('div', 'call' + (c.error ? ' error' : ''), el('div', null, el('strong', null, c.name), c.error ? '  error: ' + c.error : ''));
    var args = null;
    try { args = JSON.parse(c.arguments); } catch (err) { args = null; }
    if (args && typeof args === 'object' && typeof args.code === 'string') {
      box.appendChild(el('div', 'label', 'code'));
      box.appendChild(pre(args.code, 'code'));
      var rest = {};
      Object.keys(args).forEach(function (k) { if (k !== 'code') rest[k] = args[k]; });
      if (Object.keys(rest).length) { box.appendChild(el('div', 'label', 'other arguments')); box.appendChild(pre(JSON.stringify(rest, null, 2))); }
    } else {
      box.appendChild(el('div', 'label', 'arguments'));
      box.appendChild(pre(args ? JSON.stringify(args, null, 2) : c.arguments));
    }
    box.appendChild(el('div', 'label', 'result (' + fmt(c.result_tokens) + ' tokens)'));
    box.appendChild(pre(c.result));
    if (c.logs && c.logs.length) { box.appendChild(el('div', 'label', 'logs')); box.appendChild(pre(c.logs.join('\n'))); }
    return box;
  }
  function turn(t) {
    var d = el('details');
    if (t.index < 3) d.open = true;
    d.appendChild(el('summary', null, 'Turn ' + t.index + ': input ' + fmt(inputOf(t)) + ' tokens, output ' + fmt(t.output_tokens) +
      ', ' + t.tool_calls.length + ' tool call(s), ' + fmt(latency(t.latency_ms)) + ' ms'));
    d.appendChild(facts([
      ['input by source', 'system ' + fmt(t.input.system) + ', tool definitions ' + fmt(t.input.tool_definitions) +
        ', history ' + fmt(t.input.history) + ', tool results ' + fmt(t.input.tool_results)],
      ['cached tokens', fmt(t.cached_tokens)],
      ['provider usage', t.provider_usage ? JSON.stringify(t.provider_usage) : null],
      ['latency ms', 'model ' + fmt(t.latency_ms.model) + ', sandbox ' + fmt(t.latency_ms.sandbox) + ', API ' + fmt(t.latency_ms.api) + ', harness ' + fmt(t.latency_ms.harness)],
      ['API', t.api.calls + ' call(s), ' + t.api.reads + ' read(s), ' + t.api.writes + ' write(s), ' + fmt(t.api.bytes_in) + ' bytes in'],
      ['retries', t.retries ? t.retries : null]
    ]));
    if (t.assistant) { d.appendChild(el('div', 'label', 'assistant')); d.appendChild(pre(t.assistant)); }
    t.tool_calls.forEach(function (c) { d.appendChild(call(c)); });
    return d;
  }
  function show(e, tr) {
    if (selected) selected.classList.remove('selected');
    selected = tr;
    if (tr) tr.classList.add('selected');
    var box = $('episode-detail');
    box.textContent = '';
    box.appendChild(el('h3', null, e.task + ' · ' + e.pipeline + ' · ' + e.model + ' · trial ' + e.trial));
    var ch = e.checks;
    box.appendChild(facts([
      ['outcome', e.success ? 'passed' : 'failed'],
      ['failure class', e.failure_class || null],
      ['termination', e.termination],
      ['world / pattern', e.world + ' / ' + e.pattern + ' (' + e.difficulty + ')'],
      ['state checks', ch.state_passed + ' passed' + (ch.state_failed.length ? ', failed: ' + ch.state_failed.join('; ') : '')],
      ['answer check', ch.answer_passed === undefined ? null : (ch.answer_passed ? 'passed' : 'failed' + (ch.answer_error ? ': ' + ch.answer_error : ''))],
      ['collateral writes', ch.collateral.length ? ch.collateral.join('; ') : null],
      ['input tokens', fmt(inputTokens(e))],
      ['API', e.api.calls + ' call(s), ' + e.api.writes + ' write(s)'],
      ['latency ms', fmt(latency(e.latency_ms)) + ' (model ' + fmt(e.latency_ms.model) + ', sandbox ' + fmt(e.latency_ms.sandbox) + ', API ' + fmt(e.latency_ms.api) + ', harness ' + fmt(e.latency_ms.harness) + ')'],
      ['seed', e.seed]
    ]));
    box.appendChild(el('div', 'label', 'final answer'));
    box.appendChild(pre(e.answer));
    e.turns.forEach(function (t) { box.appendChild(turn(t)); });
  }
  ['f-task', 'f-pipeline', 'f-model', 'f-outcome'].forEach(function (id) { $(id).addEventListener('change', apply); });
  $('f-text').addEventListener('input', apply);
  $('more').addEventListener('click', more);
  apply();
  var linked = /^#episode=(\d+)$/.exec(window.location.hash);
  if (linked && eps[Number(linked[1])]) show(eps[Number(linked[1])], null);
  document.body.setAttribute('data-ready', String(eps.length));
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_script_breakers() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        let json = serde_json::to_string(&serde_json::json!({"s": "</script><!-- \u{2028} &amp;"})).unwrap();
        let safe = script_safe_json(&json);
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&') && !safe.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["s"], "</script><!-- \u{2028} &amp;");
    }

    #[test]
    fn long_strings_are_cut_with_a_note() {
        let mut v = serde_json::json!({"a": ["é".repeat(10)], "b": "short"});
        truncate_strings(&mut v, 5);
        assert!(v["a"][0].as_str().unwrap().starts_with("ééééé\n… [5 more characters"));
        assert_eq!(v["b"], "short");
    }
}
