import { escapeHtml as e } from '../dashboard/html.js';

// No inline script or style, nothing from another origin; the page talks only to this service.
export const SETUP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The setup page's markup for a base path ('' or `/companies/<id>`). Pure. It holds no data: setup.js fills it from
 * GET /setup/state, which only this machine or the admin token may read.
 */
export function renderSetup(basePath: string): string {
  const b = e(basePath);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Set up the QuickBooks ⇄ Bitrix24 connector</title>
<link rel="stylesheet" href="${b}/dashboard/dashboard.css">
<script src="${b}/setup/setup.js" defer></script>
</head>
<body data-base="${b}">
<header><h1>Set up the connector</h1>
<p>Three steps connect QuickBooks and Bitrix24; the checklist turns green as each one works. <a href="${b}/">Open the dashboard</a></p></header>
<main id="main">
<section id="token-section" aria-labelledby="h-token" hidden><h2 id="h-token">Admin token</h2>
<p>This page shows the Web Connector password, so away from the service PC it needs the admin token
(ADMIN_TOKEN, or the admin-token file in the data folder).</p>
<form id="setup-token-form" class="row">
<label for="setup-admin-token">Admin token</label>
<input id="setup-admin-token" type="password" autocomplete="off" required>
<button type="submit">Use token</button>
</form></section>
<div id="setup-status" role="status" aria-live="polite"></div>
<div id="setup-body" hidden>
<section aria-labelledby="h-check"><h2 id="h-check">Checklist</h2>
<ul id="checklist" class="errors"></ul>
<p id="setup-complete" hidden><strong>Setup is complete.</strong> The connector now runs on its own; the dashboard shows what it does.</p></section>
<section aria-labelledby="h-qbwc"><h2 id="h-qbwc">1. QuickBooks Web Connector</h2>
<ol>
<li><button type="button" id="download-qwc">Download connector.qwc</button>
It points Web Connector at <code id="qwc-app-url"></code> and runs every <span id="qwc-minutes"></span> minutes.</li>
<li>On the QuickBooks PC, open Web Connector → <em>Add an application</em> → choose the file, and allow access in QuickBooks.</li>
<li>Type this password in Web Connector's Password column: <code id="qbwc-password"></code> (user <code id="qbwc-username"></code>), then press <em>Update Selected</em>.</li>
</ol></section>
<section aria-labelledby="h-in"><h2 id="h-in">2. Bitrix24 inbound webhook</h2>
<p>In Bitrix24: <em>Developer resources → Other → Inbound webhook</em>. Tick the permissions <strong>crm</strong> and
<strong>catalog</strong>, save, and copy the webhook URL here.</p>
<p>In use now: <code id="webhook-current"></code></p>
<p id="webhook-env" class="hint" hidden>BITRIX24_WEBHOOK_URL is set in the environment, and the environment wins over this page: change it there.</p>
<form id="webhook-form" class="row">
<label for="webhook-url">Inbound webhook URL</label>
<input id="webhook-url" name="webhookUrl" type="text" inputmode="url" autocomplete="off" size="60" required placeholder="https://your-portal.bitrix24.com/rest/1/abc123/">
<button type="button" id="test-webhook" class="secondary">Test</button>
<button type="submit" id="save-webhook">Test and save</button>
</form>
<p id="webhook-result" role="status" aria-live="polite"></p></section>
<section aria-labelledby="h-out"><h2 id="h-out">3. Bitrix24 outbound webhook</h2>
<p>In Bitrix24: <em>Developer resources → Other → Outbound webhook</em>. Handler address:</p>
<p><code id="handler-url"></code></p>
<p>Tick these events:</p>
<ul id="event-names"></ul>
<p>Save it in Bitrix24, then copy its <em>application token</em> here.</p>
<p id="app-token-env" class="hint" hidden>BITRIX24_APPLICATION_TOKEN is set in the environment, and the environment wins over this page: change it there.</p>
<p id="app-token-saved" class="hint" hidden>A token is saved; saving another replaces it.</p>
<form id="app-token-form" class="row">
<label for="application-token">Application token</label>
<input id="application-token" name="applicationToken" type="password" autocomplete="off" required>
<button type="submit" id="save-app-token">Save token</button>
</form>
<p id="app-token-result" role="status" aria-live="polite"></p></section>
</div>
</main>
</body>
</html>
`;
}
