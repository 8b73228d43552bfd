import { buildQwc, checkQwc, formatGuid, type QwcInput } from '@qb-b24/qbwc-soap';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../common/private-files.js';
import path from 'node:path';
import { DEFAULT_RUN_EVERY_MINUTES } from '../qbwc/qwc-schedule.js';

export interface QwcOptions {
  readonly baseUrl: string;
  readonly userName: string;
  readonly name?: string;
  /** Web Connector's automatic run interval, in minutes (default 15). */
  readonly minutes?: number;
  readonly ownerId?: string;
  readonly fileId?: string;
}

const APP_NAME = 'QuickBooks-Bitrix24 Connector';

/** Web Connector keys applications by AppName, so each hosted company's .qwc carries its id. */
export function qwcAppName(companyId?: string): string {
  return companyId === undefined ? APP_NAME : `${APP_NAME} (${companyId})`;
}

/** Builds the .qwc content for this service; throws with QBWC's own reasons when it would be refused. */
export function renderQwc(opts: QwcOptions): string {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const input: QwcInput = {
    appName: opts.name ?? APP_NAME,
    appUrl: `${base}/qbwc`,
    // QBWC needs 200/202 from AppSupport (QBWC1003); GET /qbwc always answers 200, /health may say 503.
    appSupportUrl: `${base}/qbwc`,
    appDescription: 'Keeps QuickBooks customers, vendors, items and sales documents in sync with Bitrix24 CRM',
    userName: opts.userName,
    ownerId: opts.ownerId ?? formatGuid(randomBytes(16)),
    fileId: opts.fileId ?? formatGuid(randomBytes(16)),
    runEveryMinutes: opts.minutes ?? DEFAULT_RUN_EVERY_MINUTES,
  };
  const problems = checkQwc(input);
  if (problems.length > 0) {
    throw new Error(`Web Connector would refuse this .qwc: ${problems.join(', ')}. Use an https:// URL with a host name (http is only allowed for localhost).`);
  }
  return buildQwc(input);
}

export function writeQwcFile(file: string, content: string): void {
  // Owner only, like the data folder: the .qwc names the service's URL and user (POSIX; ignored on Windows).
  mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR_MODE });
  writeFileSync(file, content, { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
}
