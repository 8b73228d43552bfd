import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FILE_ID, OWNER_ID, startHarness, type Harness } from '../support/sync-harness.js';

let h: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data folder holding the .qwc identity this installation issued. */
function dataDirWith(identity: { ownerId: string; fileId: string }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-qwc-'));
  dirs.push(dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'qwc-identity.json'), JSON.stringify(identity));
  return dir;
}

describe('the company file Web Connector opened', () => {
  it('is synced when its FileID is the one our .qwc registered', async () => {
    h = await startHarness({ env: { DATA_DIR: dataDirWith({ ownerId: OWNER_ID, fileId: FILE_ID }) } });
    expect((await h.session()).outcome).toBe('completed');
    expect(h.portal.list('deal').length).toBeGreaterThan(0);
  });

  it('is refused, with a message saying what to do, when it carries another FileID under our OwnerID', async () => {
    h = await startHarness({ env: { DATA_DIR: dataDirWith({ ownerId: OWNER_ID, fileId: '{11111111-2222-4333-8444-555555555555}' }) } });
    const result = await h.session();
    expect(result.statusText).toMatch(/different QuickBooks company file/);
    expect(h.portal.list('deal')).toHaveLength(0);
    expect(h.portal.list('contact')).toHaveLength(0);
  });
});
