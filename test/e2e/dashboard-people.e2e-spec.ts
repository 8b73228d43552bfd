import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SyncLogEntity } from '../../apps/connector/src/sync/sync-log.entity.js';
import { s, type Rec } from '../support/record-values.js';
import { startHarness, type Harness } from '../support/sync-harness.js';
import { TEST_ADMIN_TOKEN } from '../support/test-app.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve(import.meta.dirname, '..', '..', 'test-output', 'screenshots');
const TIME_ZONE = 'Asia/Tokyo';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('dashboard for people, in a browser', () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: install Chromium (apt-get install chromium); CI installs it. This test is not skipped.`);
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("charts the last 24 hours in the PC's time zone and finds a record by name, e-mail and RefNumber", async () => {
    h = await startHarness();
    expect((await h.session()).outcome).toBe('completed');
    const sent = await h.t.db.getRepository(SyncLogEntity).createQueryBuilder('l').where("l.direction = 'qb->b24' AND l.action <> 'unchanged'").getCount();
    expect(sent).toBeGreaterThan(0);

    const context = await (browser as Browser).newContext({ viewport: { width: 1366, height: 900 }, timezoneId: TIME_ZONE, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${h.url}/`);
    // The chart: what this hour sent to Bitrix24 is drawn, and the totals are what the sync log recorded.
    expect(await page.textContent('#activity-qb-to-b24')).toBe(String(sent));
    expect(await page.locator('#activity-chart rect[data-series="qbToB24"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#activity-chart polyline[data-series="queue"]').count()).toBe(1);
    const lastRow = page.locator('#activity-table tbody tr').last();
    const lastHour = (await lastRow.locator('time').getAttribute('datetime')) ?? '';
    const tokyoHour = new Date(lastHour).toLocaleTimeString('en-US', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
    expect(await lastRow.locator('time').textContent()).toBe(tokyoHour);
    expect(await lastRow.locator('td').nth(1).textContent()).toBe(String(sent));
    // Other times read as local time with how long ago.
    expect(await page.locator('#h-qbwc ~ dl time').first().textContent()).toMatch(/ago|now/);
    await page.locator('#activity-chart').screenshot({ path: path.join(SHOTS, 'dashboard-activity-chart.png') });

    // Search: by name, by e-mail, by RefNumber; each hit opens the record's timeline.
    await page.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
    await page.getByLabel('Admin token').press('Enter');
    const contact = h.portal.list('contact').find((c) => s(c['LAST_NAME']).length > 3) as Rec;
    await page.getByLabel('Name, e-mail or RefNumber').fill(s(contact['LAST_NAME']));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `Open timeline of contact ${s(contact['ID'])}`, exact: true }).click();
    await page.locator('#timeline table').waitFor();
    expect(await page.textContent('#timeline')).toContain('created');
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-search-timeline.png'), fullPage: true });

    const withEmail = h.portal.list('contact').find((c) => Array.isArray(c['EMAIL']) && c['EMAIL'].length > 0) as Rec;
    const email = s(((withEmail['EMAIL'] as Rec[])[0] as Rec)['VALUE']);
    await page.getByLabel('Name, e-mail or RefNumber').fill(email);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `Open timeline of contact ${s(withEmail['ID'])}`, exact: true }).waitFor();

    const deal = h.portal.list('deal').find((d) => /^Invoice \S+/.test(s(d['TITLE']))) as Rec;
    const refNumber = s(deal['TITLE']).split(' ')[1] ?? '';
    await page.getByLabel('Name, e-mail or RefNumber').fill(refNumber);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: `Open timeline of deal ${s(deal['ID'])}`, exact: true }).click();
    // The contact's timeline is still on the page when the click lands: wait for the deal's, not for any table.
    await page.locator('#timeline caption', { hasText: `Timeline of deal ${s(deal['ID'])},` }).waitFor();
    expect(await page.textContent('#timeline caption')).toContain(`deal ${s(deal['ID'])}`);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-search-refnumber.png'), fullPage: true });
    await context.close();
  });
});
