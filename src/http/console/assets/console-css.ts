// The console's only stylesheet, served as /console/assets/console.css. System fonts (no web fonts); one
// column on phones, a grid of cards from tablet width up.

export const CONSOLE_CSS = String.raw`
:root { --red: #c62828; --orange: #ef6c00; --blue: #1565c0; --green: #2e7d32; --grey: #757575; --bg: #f5f6f8; --line: #d8dbe0; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; background: var(--bg); color: #1d1f23; }
a { color: var(--blue); }
main { padding: 12px; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 1.35rem; margin: .4rem 0 .8rem; }
h2 { font-size: 1.05rem; margin: .2rem 0 .5rem; }
.banner { background: #fff3cd; border-bottom: 1px solid #e0c36b; padding: 8px 12px; }
nav.top { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: center; padding: 8px 12px; background: #1f2933; color: #fff; }
nav.top a { color: #dce6f0; text-decoration: none; }
nav.top a[aria-current="page"] { color: #fff; font-weight: 600; border-bottom: 2px solid #fff; }
nav.top .brand { font-weight: 700; }
nav.top .spacer { flex: 1; }
form.inline { display: inline; }
button.link { background: none; border: 0; color: #dce6f0; cursor: pointer; font: inherit; padding: 0; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-bottom: 12px; }
.filters label { display: flex; flex-direction: column; font-size: .8rem; color: #444; }
select, input, textarea, .btn { font: inherit; }
select, input { padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
.btn { padding: 5px 12px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
.btn.primary { background: var(--blue); border-color: var(--blue); color: #fff; }
.btn.danger { border-color: var(--red); color: var(--red); }
.btn[disabled], select[disabled] { opacity: .5; cursor: not-allowed; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 12px; }
.card { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--blue); border-radius: 6px; padding: 10px 12px; min-width: 0; }
.card-red { border-left-color: var(--red); } .card-orange { border-left-color: var(--orange); }
.card-green { border-left-color: var(--green); } .card-grey { border-left-color: var(--grey); }
.card-head h2 { margin: 0; } .card-head h2 a { color: inherit; text-decoration: none; }
.subtitle { margin: 2px 0 6px; color: #555; }
.highlight { background: #fdecea; padding: 6px 8px; border-radius: 4px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: .8rem; margin-right: 4px; background: #eee; }
.badge.critical { background: #fdecea; color: var(--red); } .badge.warning { background: #fff4e5; color: var(--orange); } .badge.ok { background: #e8f5e9; color: var(--green); }
.fields { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 4px 12px; margin: 8px 0; }
.field dt { font-size: .75rem; color: #666; } .field dd { margin: 0; overflow-wrap: anywhere; }
.field.critical dd { color: var(--red); font-weight: 600; } .field.warning dd { color: var(--orange); font-weight: 600; }
.excerpt { margin: 8px 0; padding: 6px 10px; border-left: 3px solid var(--line); white-space: pre-wrap; overflow-wrap: anywhere; color: #333; }
.status { margin: 6px 0; padding-left: 18px; color: #444; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin: 8px 0 0; }
.actions select { max-width: 100%; min-width: 0; }
.editor { margin-top: 10px; border-top: 1px dashed var(--line); padding-top: 8px; }
.editor textarea { width: 100%; min-height: 180px; padding: 6px; border: 1px solid var(--line); border-radius: 4px; }
.findings { padding-left: 18px; margin: 6px 0; } .finding.block { color: var(--red); } .finding.warn { color: var(--orange); }
.lint-ok { color: var(--green); }
.card-message { min-height: 1em; margin: 6px 0 0; color: var(--green); } .card-message.error, .error { color: var(--red); }
.detail { display: grid; gap: 12px; } .detail section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.thread, .replies, .outbox { list-style: none; padding: 0; margin: 0; }
.thread li, .replies li, .outbox li { border-bottom: 1px solid var(--line); padding: 8px 0; }
.meta { color: #555; font-size: .85rem; margin: 0 0 4px; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; margin: 0; }
.reply-sent .state { color: var(--green); font-weight: 600; } .reply-failed .state, .reply-unconfirmed .state { color: var(--red); font-weight: 600; }
table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: middle; font-size: .9rem; }
.panels { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 12px; margin-bottom: 12px; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; overflow-x: auto; }
.panel.wide { margin-bottom: 12px; }
.figure { margin: 0 0 6px; }
svg.chart { width: 100%; height: auto; max-height: 240px; }
svg .axis { stroke: #999; } svg .value { font-size: 12px; fill: #333; } svg .label { font-size: 11px; fill: #555; }
svg .red rect, svg .bar-fill.red { fill: var(--red); } svg .orange rect { fill: var(--orange); } svg .blue rect { fill: var(--blue); }
svg .green rect, svg .bar-fill.green { fill: var(--green); } svg .grey rect, svg .bar-fill.grey { fill: var(--grey); }
svg .track { fill: #eceff1; } svg .target-line { stroke: #111; stroke-width: 2; }
tr.missed td { color: var(--red); }
.pill { padding: 1px 8px; border-radius: 10px; background: #eee; } .pill.ok { background: #e8f5e9; color: var(--green); } .pill.failing, .pill.down { background: #fdecea; color: var(--red); }
.login { max-width: 380px; margin: 40px auto; background: #fff; padding: 16px; border-radius: 6px; border: 1px solid var(--line); }
.login form { display: grid; gap: 10px; } .login label { display: grid; gap: 4px; }
.template { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; margin-bottom: 10px; }
.sample summary { cursor: pointer; padding: 4px 0; }
.empty { color: #666; }
@media (max-width: 600px) {
  main { padding: 8px; }
  .cards, .panels { grid-template-columns: 1fr; }
  .fields { grid-template-columns: 1fr 1fr; }
  .filters label { flex: 1 1 45%; }
  .actions .btn, .actions select { flex: 1 1 45%; }
}
`
