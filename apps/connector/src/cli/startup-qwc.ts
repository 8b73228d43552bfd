import { formatGuid } from '@qb-b24/qbwc-soap';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { QWC_IDENTITY_FILE } from '../qbwc/qwc-identity.constant.js';
import { qwcAppName, writeQwcFile, type QwcOptions } from './write-qwc.js';

/**
 * The .qwc written at start and offered on the setup page: the same OwnerID/FileID across restarts (stored beside
 * the secrets, per company), so both are one application to Web Connector.
 */
export function startupQwcInput(config: AppConfig): QwcOptions {
  const baseUrl = config.http.publicUrl;
  const userName = config.qbwc.username;
  const minutes = config.qbwc.runEveryMinutes;
  // QBWC keys applications by AppName: each company needs its own.
  const name = qwcAppName(config.http.basePath === '' ? undefined : config.companyId);
  const file = path.join(config.dataDir, QWC_IDENTITY_FILE);
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'ownerId' in parsed && 'fileId' in parsed) {
      return { baseUrl, userName, name, minutes, ownerId: String(parsed.ownerId), fileId: String(parsed.fileId) };
    }
  }
  const ids = { ownerId: formatGuid(randomBytes(16)), fileId: formatGuid(randomBytes(16)) };
  writeQwcFile(file, JSON.stringify(ids));
  return { baseUrl, userName, name, minutes, ...ids };
}
