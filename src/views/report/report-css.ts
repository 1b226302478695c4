/** The report's stylesheet, inlined into the file (no external request). */
export const reportCss = `
:root { color-scheme: light; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; line-height: 1.5; color: #16181d; }
body { margin: 0; background: #fff; }
main { max-width: 52rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; border-bottom: 1px solid #d6d9de; padding-bottom: .2rem; margin-top: 2rem; }
code, pre, .pin-card-code { font-family: ui-monospace, 'SF Mono', Menlo, Consolas, monospace; font-size: .88em; }
pre { background: #f4f5f7; padding: .6rem; overflow: auto; }
table { border-collapse: collapse; margin: .75rem 0; }
th, td { border: 1px solid #d6d9de; padding: .25rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.pin-card { display: block; border: 1px solid #d6d9de; border-left: 4px solid #1f5fbf; border-radius: 6px; padding: .5rem .75rem; margin: .5rem 0; color: inherit; text-decoration: none; break-inside: avoid; }
.pin-card-missing { border-left-color: #b3261e; }
.pin-card > span { display: block; }
.pin-card-label { font-weight: 600; }
.pin-card-code { background: #f4f5f7; padding: .3rem .5rem; margin: .3rem 0; white-space: pre-wrap; word-break: break-all; }
.pin-card-line { display: block; }
.pin-card-meta, .muted, footer { color: #545b66; font-size: .85rem; }
li .pin-card { margin: .25rem 0; }
.chart { width: 100%; max-width: 40rem; font-size: 11px; font-family: ui-monospace, Menlo, monospace; }
.chart .bar { fill: #1f5fbf; } .chart .bar.crashed { fill: #b3261e; }
footer { margin: 3rem 0 1rem; }
@media print { main { margin: 0; max-width: none; } a { color: inherit; } h2 { break-after: avoid; } section { break-inside: auto; } }
`
