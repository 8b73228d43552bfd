import { describe, expect, it } from 'vitest';
import type { DashboardModel } from '../dashboard-model.js';
import { renderDashboard } from '../render-dashboard.js';

const base: DashboardModel = {
  version: '1.2.3',
  basePath: '',
  generatedAt: '2026-03-02T15:00:00.000Z',
  setupComplete: true,
  activity: [],
  status: 'degraded',
  owner: 'Background work (Bitrix24 worker, poller) runs in process 4242 on app-2 (boot 1a2b3c4d).',
  servedBy: 'process 4141 on app-1 (boot 9f8e7d6c)',
  checks: [{ name: 'bitrix24', status: 'degraded', detail: 'portal unreachable; changes wait in the queue' }],
  lastSession: null,
  activeSessions: 0,
  syncsLast24h: 0,
  mappings: [],
  watermarks: [],
  queue: { pending: 2, dead: 1 },
  errors: [],
  mapping: { source: 'built-in defaults', rows: [], skipped: {} },
};

describe('renderDashboard', () => {
  it('says which process runs the background work and which one served the page', () => {
    const html = renderDashboard(base);
    expect(html).toContain('runs in process 4242 on app-2 (boot 1a2b3c4d)');
    expect(html).toContain('served by process 4141 on app-1 (boot 9f8e7d6c)');
  });

  it('escapes every value, so text from the database cannot become markup', () => {
    const html = renderDashboard({
      ...base,
      checks: [{ name: 'db', status: 'error', detail: '<script>alert(1)</script> & "quotes"' }],
      errors: [{ at: 'now', source: 'b24->qb', entity: 'contact', recordId: '"><img src=x onerror=alert(1)>', code: 'QB_3100', what: '<b>', action: 'a' }],
    });
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('data-timeline-id="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"');
  });

  it('has no inline script (the page CSP allows only its own script file)', () => {
    const html = renderDashboard(base);
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script src="/dashboard/dashboard.js" defer>']);
    expect(html).not.toMatch(/\son[a-z]+=/);
  });

  it('tells a new operator what to do when nothing has happened yet', () => {
    const html = renderDashboard(base);
    expect(html).toContain('No Web Connector session yet: add the .qwc file');
    expect(html).toContain('Nothing linked yet.');
    expect(html).toContain('No errors recorded.');
  });

  it('labels every form field for keyboard and screen-reader users', () => {
    const html = renderDashboard(base);
    for (const id of html.matchAll(/<(?:input|select) id="([^"]+)"/g)) expect(html).toContain(`<label for="${id[1] ?? ''}">`);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('role="status" aria-live="polite"');
  });

  it('sums the links per entity into the total and shows the last session result', () => {
    const html = renderDashboard({
      ...base,
      mappings: [
        { qbEntity: 'customer', b24Entity: 'contact', count: 180 },
        { qbEntity: 'invoice', b24Entity: 'deal', count: 300 },
      ],
      lastSession: { at: '2026-03-02T15:00:00.000Z', state: 'closed', rounds: 5, progress: 100, failed: false },
    });
    expect(html).toContain('<strong id="mappings-total">480</strong>');
    expect(html).toContain('<dd>completed</dd>');
  });
});
