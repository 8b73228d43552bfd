import type { HealthState } from '../health/status.service.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const e = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The index page is plain links and a table: no script, style, image, form or frame of its own, so none is allowed. */
export const COMPANY_INDEX_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The root page when one service hosts several companies: where each company's dashboard and endpoints are. Pure. */
export function renderCompanyIndex(companies: readonly { readonly id: string; readonly status: HealthState }[], version: string): string {
  const rows = companies
    .map(
      (c) =>
        `<tr><td><a href="/companies/${e(c.id)}/">${e(c.id)}</a></td><td>${e(c.status)}</td><td><code>/companies/${e(c.id)}/qbwc</code></td><td><code>/companies/${e(c.id)}/bitrix24/webhook</code></td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>QuickBooks ⇄ Bitrix24 connector: companies</title></head>
<body>
<h1>QuickBooks ⇄ Bitrix24 connector</h1>
<p>Version ${e(version)}. This service hosts ${companies.length} companies; each has its own dashboard, Web Connector address and Bitrix24 webhook.</p>
<table>
<thead><tr><th scope="col">company</th><th scope="col">health</th><th scope="col">Web Connector AppURL path</th><th scope="col">Bitrix24 event handler path</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}
