import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSavedSettings, SAVED_SETTINGS_FILE, saveSettings } from '../saved-settings.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'qb-b24-settings-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('saved settings', () => {
  it('nothing saved reads as no settings', () => {
    expect(readSavedSettings(tmp())).toEqual({});
  });

  it('saving one setting keeps the other, and the file is for the owner only', () => {
    const dir = tmp();
    saveSettings(dir, { bitrix24WebhookUrl: 'https://acme.bitrix24.com/rest/1/abc/' });
    saveSettings(dir, { bitrix24ApplicationToken: 'token-123456789' });
    expect(readSavedSettings(dir)).toEqual({ bitrix24WebhookUrl: 'https://acme.bitrix24.com/rest/1/abc/', bitrix24ApplicationToken: 'token-123456789' });
    if (process.platform !== 'win32') expect(statSync(path.join(dir, SAVED_SETTINGS_FILE)).mode & 0o077).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, SAVED_SETTINGS_FILE), 'utf8'))).toHaveProperty('bitrix24WebhookUrl');
  });

  it('a half-edited file does not stop the service: it reads as nothing saved', () => {
    const dir = tmp();
    writeFileSync(path.join(dir, SAVED_SETTINGS_FILE), '{"bitrix24WebhookUrl": ');
    expect(readSavedSettings(dir)).toEqual({});
  });
});
