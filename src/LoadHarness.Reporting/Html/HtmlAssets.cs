namespace LoadHarness.Reporting.Html;

/// <summary>The report's inline stylesheet and script: no network, light and dark.</summary>
internal static class HtmlAssets
{
    public const string Css = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1b1f24; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa;
  --ok: #1a7f37; --ok-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9; --warn: #9a6700; --link: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23;
    --ok: #3fb950; --ok-bg: #12261e; --fail: #f85149; --fail-bg: #2d1315; --warn: #d29922; --link: #4493f8; }
  figure.chart svg { filter: invert(0.92) hue-rotate(180deg); }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1280px; padding: 0 24px 48px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 "DejaVu Sans", system-ui, sans-serif; }
a { color: var(--link); }
h1 { font-size: 26px; margin: 0; }
h2 { font-size: 19px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
header.verdict { margin: 20px 0 8px; padding: 16px 20px; border-radius: 8px; border: 1px solid; }
header.verdict.passed { background: var(--ok-bg); border-color: var(--ok); }
header.verdict.failed { background: var(--fail-bg); border-color: var(--fail); }
header.verdict.ungated { background: var(--card); border-color: var(--warn); }
header.verdict .word { font-weight: bold; letter-spacing: 0.04em; }
header.verdict.passed .word { color: var(--ok); }
header.verdict.failed .word { color: var(--fail); }
header.verdict.ungated .word { color: var(--warn); }
header.verdict .badge { display: inline-block; margin-left: 10px; padding: 1px 8px; border-radius: 10px; font-size: 13px;
  vertical-align: middle; border: 1px solid var(--warn); color: var(--warn); }
header.verdict p { margin: 6px 0 0; color: var(--muted); }
header.verdict ul { margin: 8px 0 0; padding-left: 20px; }
nav { margin: 8px 0 0; font-size: 13px; }
nav a { margin-right: 14px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--card); font-weight: 600; white-space: nowrap; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th[aria-sort="descending"]::after { content: " ▼"; }
table.sortable th[aria-sort="ascending"]::after { content: " ▲"; }
td.num, th.num { text-align: right; white-space: nowrap; }
table.thresholds td:first-child { white-space: nowrap; }
tr.step td:first-child { padding-left: 26px; color: var(--muted); }
tr.scenario td:first-child { font-weight: 600; }
td.pass { color: var(--ok); font-weight: 600; }
td.fail { color: var(--fail); font-weight: 600; }
table.info th { text-align: left; background: none; font-weight: 600; color: var(--muted); }
td.msg { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; max-width: 560px; overflow-wrap: anywhere; }
.note { color: var(--muted); }
div.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; margin-top: 12px; }
figure.chart { margin: 0; padding: 8px; border: 1px solid var(--line); border-radius: 8px; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart figcaption { color: var(--muted); font-size: 13px; margin: 6px 4px 0; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
""";

    /// <summary>Click (or Enter on) a header to sort its table; numbers sort by their raw data-v value.</summary>
    public const string Script = """
(function () {
  function key(row, i) {
    var cell = row.cells[i];
    if (!cell) { return ""; }
    var v = cell.getAttribute("data-v");
    return v !== null && v !== "" ? parseFloat(v) : cell.textContent.trim().toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    headers.forEach(function (th, i) {
      function sort() {
        var desc = th.getAttribute("aria-sort") !== "descending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", desc ? "descending" : "ascending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a, i), y = key(b, i);
          var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
          return desc ? -c : c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
    });
  });
})();
""";
}
