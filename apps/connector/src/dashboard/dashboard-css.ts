/** The dashboard's only stylesheet (served by the app, no build step, no CDN). Contrast ≥ 4.5:1 throughout. */
export const DASHBOARD_CSS = String.raw`
:root { color-scheme: light; --fg: #1b1f24; --muted: #4a5361; --bg: #ffffff; --panel: #f4f6f8; --line: #c9d1d9; --focus: #0b57d0; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header, main { max-width: 72rem; margin: 0 auto; padding: 0 1.25rem; }
header { padding-top: 1rem; border-bottom: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: .5rem 0; }
h2 { font-size: 1.25rem; margin: 0 0 .75rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
section { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; margin: 1.25rem 0; }
table { border-collapse: collapse; width: 100%; background: var(--bg); }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.badge { display: inline-block; padding: 0 .5rem; border-radius: 4px; font-weight: 600; }
.badge-ok { background: #d2f4dc; color: #0f5323; }
.badge-degraded { background: #fff0c2; color: #5c4400; }
.badge-error { background: #ffd9d6; color: #8a1208; }
.hint, .empty { color: var(--muted); }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .5rem; margin: 0 0 .75rem; }
.facts dt { color: var(--muted); font-size: .9rem; }
.facts dd { margin: 0; font-weight: 600; }
.errors li { margin-bottom: .75rem; } .errors p { margin: .1rem 0; }
.row { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
input, select, button { font: inherit; padding: .35rem .6rem; border: 1px solid #5b6573; border-radius: 4px; }
button { background: #0b57d0; color: #fff; border-color: #0b57d0; cursor: pointer; }
button.secondary, #forget-token { background: #fff; color: #0b57d0; }
button.link { background: none; border: none; color: #0b57d0; text-decoration: underline; padding: 0 .25rem; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
#op-status { min-height: 1.5rem; font-weight: 600; }
#activity-chart { background: var(--bg); border: 1px solid var(--line); border-radius: 4px; max-height: 16rem; }
.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; margin: .5rem 0; }
mark { background: #fff0c2; color: #1b1f24; } .changed { color: #5c4400; font-weight: 600; }
`;
