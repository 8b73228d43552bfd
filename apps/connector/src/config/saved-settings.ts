import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../common/private-files.js';

/** Settings entered on the setup page, kept in the data folder beside the generated secrets (owner only). */
export const SAVED_SETTINGS_FILE = 'settings.secret.json';

export interface SavedSettings {
  readonly bitrix24WebhookUrl?: string;
  readonly bitrix24ApplicationToken?: string;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Reads the saved settings; a missing or unreadable file is "nothing saved" (the environment may set everything). */
export function readSavedSettings(dataDir: string): SavedSettings {
  const file = path.join(dataDir, SAVED_SETTINGS_FILE);
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    // A half-edited file must not stop the service: it starts as if nothing were saved, and the setup page saves anew.
    if (err instanceof SyntaxError) return {};
    throw err;
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const url = text((parsed as Record<string, unknown>)['bitrix24WebhookUrl']);
  const token = text((parsed as Record<string, unknown>)['bitrix24ApplicationToken']);
  return { ...(url ? { bitrix24WebhookUrl: url } : {}), ...(token ? { bitrix24ApplicationToken: token } : {}) };
}

/**
 * Merges `patch` into the saved settings. Written to a temporary file and renamed over the old one, so a crash
 * mid-write leaves the previous settings, never half a file.
 */
export function saveSettings(dataDir: string, patch: SavedSettings): void {
  const next = { ...readSavedSettings(dataDir), ...patch };
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const file = path.join(dataDir, SAVED_SETTINGS_FILE);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
  renameSync(tmp, file);
}
