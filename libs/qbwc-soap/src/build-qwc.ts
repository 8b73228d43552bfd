import { create } from 'xmlbuilder2';

export interface QwcInput {
  readonly appName: string;
  readonly appUrl: string;
  readonly appSupportUrl: string;
  readonly appDescription: string;
  readonly userName: string;
  /** Braced GUIDs, e.g. `{87EDAAF8-637E-4203-867F-4BA79C2F8998}` (qbwc.md §8). */
  readonly ownerId: string;
  readonly fileId: string;
  readonly runEveryMinutes?: number;
}

export type QwcProblem = 'APP_URL_NOT_HTTPS' | 'APP_URL_IS_IP' | 'SUPPORT_HOST_DIFFERS' | 'BAD_GUID' | 'BAD_SCHEDULE';

const GUID = /^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$/;

/** What QBWC would refuse in this .qwc (qbwc.md §7-§8: QBWC1010, 1001, 1000, 1039). Pure. */
export function checkQwc(input: QwcInput): QwcProblem[] {
  const problems: QwcProblem[] = [];
  const app = new URL(input.appUrl);
  const support = new URL(input.appSupportUrl);
  if (app.protocol !== 'https:' && app.hostname !== 'localhost') problems.push('APP_URL_NOT_HTTPS');
  if (/^[\d.]+$/.test(app.hostname) || app.hostname.startsWith('[')) problems.push('APP_URL_IS_IP');
  if (app.hostname !== support.hostname) problems.push('SUPPORT_HOST_DIFFERS');
  if (!GUID.test(input.ownerId) || !GUID.test(input.fileId)) problems.push('BAD_GUID');
  if (input.runEveryMinutes !== undefined && (!Number.isInteger(input.runEveryMinutes) || input.runEveryMinutes < 1)) {
    problems.push('BAD_SCHEDULE');
  }
  return problems;
}

/** Renders a Web Connector .qwc file with every required element (qbwc.md §8). Pure. */
export function buildQwc(input: QwcInput): string {
  const doc = create({ version: '1.0', encoding: 'utf-8' });
  const root = doc.ele('QBWCXML');
  root.ele('AppName').txt(input.appName);
  root.ele('AppID');
  root.ele('AppURL').txt(input.appUrl);
  root.ele('AppDescription').txt(input.appDescription);
  root.ele('AppSupport').txt(input.appSupportUrl);
  root.ele('UserName').txt(input.userName);
  root.ele('OwnerID').txt(input.ownerId);
  root.ele('FileID').txt(input.fileId);
  root.ele('QBType').txt('QBFS');
  root.ele('Style').txt('Document');
  // We write customers and items, so the application needs write access (qbwc.md §8 IsReadOnly).
  root.ele('IsReadOnly').txt('false');
  if (input.runEveryMinutes !== undefined) root.ele('Scheduler').ele('RunEveryNMinutes').txt(String(input.runEveryMinutes));
  return doc.end({ prettyPrint: true });
}

/** Formats 16 random bytes as a braced upper-case GUID (version-4 bits set). Pure given its input. */
export function formatGuid(bytes: Uint8Array): string {
  if (bytes.length !== 16) throw new RangeError('a GUID needs 16 bytes');
  const b = Uint8Array.from(bytes);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}}`;
}
