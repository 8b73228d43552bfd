import type { DashboardModel } from './dashboard-model.js';
import { escapeHtml as e } from './html.js';
import { renderActivityChart } from './render-activity-chart.js';

export const DASHBOARD_CSS_PATH = '/dashboard/dashboard.css';
export const DASHBOARD_JS_PATH = '/dashboard/dashboard.js';

const STATE_TEXT = { ok: 'OK', degraded: 'Degraded', error: 'Error' } as const;

/** Which system a record id in sync_error belongs to, for the timeline button (b24->qb rows carry Bitrix24 ids). */
function systemOf(source: string): 'qb' | 'b24' {
  return source === 'b24->qb' ? 'b24' : 'qb';
}

function badge(state: keyof typeof STATE_TEXT): string {
  return `<span class="badge badge-${state}">${STATE_TEXT[state]}</span>`;
}

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${e(empty)}</p>`;
  const th = head.map((h) => `<th scope="col">${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><caption>${e(caption)}</caption><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function connections(m: DashboardModel): string {
  const rows = m.checks.map((c) => [e(c.name), badge(c.status), e(c.detail)]);
  return `<section aria-labelledby="h-conn"><h2 id="h-conn">Connections</h2>${table('Health checks', ['Check', 'State', 'Detail'], rows, 'No checks ran.')}</section>`;
}

function lastSession(m: DashboardModel): string {
  const s = m.lastSession;
  const body = s
    ? `<dl class="facts">
<div><dt>Last contact</dt><dd><time datetime="${e(s.at)}">${e(s.at)}</time></dd></div>
<div><dt>Session state</dt><dd id="session-state">${e(s.state)}</dd></div>
<div><dt>Result</dt><dd>${s.failed ? 'finished with an error (see Latest errors)' : s.progress >= 100 ? 'completed' : `${e(s.progress)}% done`}</dd></div>
<div><dt>Rounds</dt><dd>${e(s.rounds)}</dd></div>
</dl>`
    : '<p class="empty">No Web Connector session yet: add the .qwc file in QuickBooks Web Connector and press Update Selected.</p>';
  return `<section aria-labelledby="h-qbwc"><h2 id="h-qbwc">QuickBooks Web Connector</h2>${body}
<p>Open sessions: <span id="active-sessions">${e(m.activeSessions)}</span>. Sync runs in the last 24 hours: <span id="syncs-24h">${e(m.syncsLast24h)}</span>.</p></section>`;
}

function records(m: DashboardModel): string {
  const total = m.mappings.reduce((n, r) => n + r.count, 0);
  const rows = m.mappings.map((r) => [e(r.qbEntity), e(r.b24Entity), `<span data-mapping="${e(`${r.qbEntity}:${r.b24Entity}`)}">${e(r.count)}</span>`]);
  const marks = m.watermarks.map((w) => [
    e(w.key),
    w.modifiedSince ? `<time datetime="${e(w.modifiedSince)}">${e(w.modifiedSince)}</time>` : 'not yet (full import next)',
    e(w.recordsSeen),
  ]);
  return `<section aria-labelledby="h-rec"><h2 id="h-rec">Linked records</h2>
<p>Total links: <strong id="mappings-total">${e(total)}</strong></p>
${table('Links per entity', ['QuickBooks', 'Bitrix24', 'Linked records'], rows, 'Nothing linked yet.')}
<h3>Watermarks</h3>
<p class="hint">Changes are read from this point on; <em>reset</em> one with POST /admin/resync to re-read everything.</p>
${table('Where change capture has got to', ['Key', 'Modified since', 'Records seen'], marks, 'No watermarks yet.')}</section>`;
}

function queue(m: DashboardModel): string {
  const rows = Object.entries(m.queue).map(([status, n]) => [e(status), `<span data-queue="${e(status)}">${e(n)}</span>`]);
  return `<section aria-labelledby="h-queue"><h2 id="h-queue">Queue to QuickBooks</h2>
${table('Queue rows by status', ['Status', 'Rows'], rows, 'The queue is empty.')}
<p class="hint">Dead letters and conflicts need you: enter the admin token below to see and act on them.</p></section>`;
}

function errors(m: DashboardModel): string {
  if (m.errors.length === 0) return '<section aria-labelledby="h-err"><h2 id="h-err">Latest errors</h2><p class="empty">No errors recorded.</p></section>';
  const items = m.errors
    .map((x) => {
      const timeline =
        x.recordId && x.entity
          ? ` <button type="button" class="link" data-timeline-system="${systemOf(x.source)}" data-timeline-entity="${e(x.entity)}" data-timeline-id="${e(x.recordId)}">Show record ${e(x.recordId)} timeline</button>`
          : '';
      return `<li><p><time datetime="${e(x.at)}">${e(x.at)}</time> · <code>${e(x.code)}</code></p><p>${e(x.what)}</p><p><strong>What to do:</strong> ${e(x.action)}${timeline}</p></li>`;
    })
    .join('\n');
  return `<section aria-labelledby="h-err"><h2 id="h-err">Latest errors</h2><ol class="errors" id="errors">\n${items}\n</ol></section>`;
}

/** Finds a record by name, e-mail or RefNumber in Bitrix24 (admin API, so it needs the token) and opens its timeline. */
function search(): string {
  return `<section aria-labelledby="h-search"><h2 id="h-search">Find a record</h2>
<form id="search-form" class="row" role="search">
<label for="search-q">Name, e-mail or RefNumber</label>
<input id="search-q" name="q" type="search" required minlength="2" maxlength="100" autocomplete="off">
<button type="submit">Search</button>
</form>
<p class="hint">Searches Bitrix24 (contacts, companies, products, deals); enter the admin token under Operator actions first.</p>
<div id="search-results" aria-live="polite"></div></section>`;
}

function mapping(m: DashboardModel): string {
  const rows = m.mapping.rows.map((r) => [
    r.differs ? `<strong>${e(r.key)}</strong>` : e(r.key),
    r.differs
      ? `<mark data-mapping-key="${e(r.key)}">${e(r.value)}</mark> <span class="changed">(changed)</span>`
      : `<span data-mapping-key="${e(r.key)}">${e(r.value)}</span>`,
    e(r.default),
  ]);
  const changed = m.mapping.rows.filter((r) => r.differs).length;
  return `<section aria-labelledby="h-map"><h2 id="h-map">Mapping</h2>
<p>Rules from <strong id="mapping-source">${e(m.mapping.source)}</strong>; <span id="mapping-changed">${e(changed)}</span> ${changed === 1 ? 'key differs' : 'keys differ'} from the default.</p>
${table('Mapping rules in force', ['Key', 'In force', 'Default'], rows, 'No rules.')}
<p id="mapping-skipped">Bitrix24 records the filter (toQuickBooks) kept out of QuickBooks: ${skippedText(m.mapping.skipped)}.</p>
<p class="hint">The full rules are at GET /admin/mapping.</p></section>`;
}

function skippedText(skipped: Readonly<Record<string, number>>): string {
  const parts = Object.entries(skipped)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([entity, n]) => `${e(n)} ${e(entity)}${n === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** The operator panel is filled by dashboard.js from the admin API once the operator has entered the token. */
function operator(): string {
  return `<section aria-labelledby="h-op"><h2 id="h-op">Operator actions</h2>
<form id="token-form" class="row">
<label for="admin-token">Admin token</label>
<input id="admin-token" name="token" type="password" autocomplete="off" required aria-describedby="token-hint">
<button type="submit">Use token</button>
<button type="button" id="forget-token">Forget token</button>
</form>
<p id="token-hint" class="hint">ADMIN_TOKEN from the environment, or the admin-token file in the data folder. It stays in this browser tab only.</p>
<div id="op-status" role="status" aria-live="polite"></div>
<h3>Dead letters</h3><div id="dead-letters"><p class="empty">Enter the token to load.</p></div>
<h3>Conflicts</h3><div id="conflicts"><p class="empty">Enter the token to load.</p></div>
<h3>Reconcile</h3>
<p class="hint">Compares what we linked with what is in Bitrix24 now (costs a few Bitrix24 calls).</p>
<button type="button" id="run-reconcile">Run reconcile</button>
<div id="reconcile"></div>
<h3>Record timeline</h3>
<form id="timeline-form" class="row">
<label for="tl-system">System</label>
<select id="tl-system" name="system"><option value="qb">QuickBooks</option><option value="b24">Bitrix24</option></select>
<label for="tl-entity">Entity</label>
<input id="tl-entity" name="entity" required pattern="[a-z_]{1,30}" placeholder="customer">
<label for="tl-id">Id</label>
<input id="tl-id" name="id" required pattern="[A-Za-z0-9_.:\\-]{1,50}">
<button type="submit">Show timeline</button>
</form>
<div id="timeline"></div>
</section>`;
}

/** The whole dashboard page for one model. Pure; every value is escaped. */
export function renderDashboard(m: DashboardModel): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>QuickBooks ⇄ Bitrix24 connector</title>
<link rel="stylesheet" href="${e(m.basePath)}${DASHBOARD_CSS_PATH}">
<script src="${e(m.basePath)}${DASHBOARD_JS_PATH}" defer></script>
</head>
<body data-base="${e(m.basePath)}">
<a class="skip" href="#main">Skip to content</a>
<header><h1>QuickBooks ⇄ Bitrix24 connector</h1>
<p>Overall: ${badge(m.status)} <span id="overall" class="visually-hidden">${e(m.status)}</span> · version ${e(m.version)} · as of <time datetime="${e(m.generatedAt)}">${e(m.generatedAt)}</time> · <a href="${e(m.basePath)}/">Refresh</a> · <a href="${e(m.basePath)}/docs/">API docs</a></p>
<p id="owner">${e(m.owner)} This page was served by ${e(m.servedBy)}.</p></header>
<main id="main">
${m.setupComplete ? '' : `<section aria-labelledby="h-setup" id="setup-link"><h2 id="h-setup">Setup is not finished</h2><p><a href="${e(m.basePath)}/setup">Open the setup page</a> to connect Web Connector and Bitrix24 step by step.</p></section>`}
${connections(m)}
${renderActivityChart(m.activity)}
${search()}
${lastSession(m)}
${records(m)}
${queue(m)}
${errors(m)}
${mapping(m)}
${operator()}
</main>
</body>
</html>
`;
}
