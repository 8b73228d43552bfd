import type { StatusRule } from './status-action.type.js';
import { HRESULT_TABLE, STATUS_CODE_TABLE } from './status-code-table.constant.js';

// Lock wording that makes 3170/3175/3176/3180 transient ([CB] SQL/Errors.php, qbxml.md §7).
const LOCK_WORDING = /modified by another user|could not be locked|failed to acquire the lock|list element is in use/i;

/**
 * Classifies a qbXML statusCode (and its message, which decides 3180) into a connector action.
 * Unknown codes fall back by range (qbxml.md §1.2). Pure; never throws.
 */
export function classifyQbxmlStatus(statusCode: number, statusMessage = ''): StatusRule {
  const rule = STATUS_CODE_TABLE.get(statusCode);
  if (statusCode === 3180 && LOCK_WORDING.test(statusMessage)) {
    return { action: 'retry-later', operatorMessage: 'Someone was editing the list in QuickBooks. The item will be retried.' };
  }
  if (rule !== undefined) return rule;
  if (statusCode >= 0 && statusCode < 1000) return { action: 'ok', operatorMessage: `QuickBooks returned notice ${statusCode}; logged.` };
  if (statusCode < 2000)
    return { action: 'retry-later', operatorMessage: `QuickBooks returned general error ${statusCode}. It will be retried; see the status message.` };
  return { action: 'dead-letter', operatorMessage: `QuickBooks returned error ${statusCode}. The item is parked; see the status message.` };
}

/** Normalises "0x80040400", "80040400" or the signed decimal -2147220480 to "0x80040400". */
export function normalizeHresult(hresult: string | number): string {
  let n: number;
  if (typeof hresult === 'number') n = hresult;
  else {
    const s = hresult.trim();
    n = /^-?\d+$/.test(s) && !/^[0-9A-F]{8}$/i.test(s) ? Number(s) : Number.parseInt(s.replace(/^0x/i, ''), 16);
  }
  if (!Number.isFinite(n)) return hresult.toString();
  return `0x${(n >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/**
 * Classifies an HRESULT relayed by QBWC when a whole message failed (receiveResponseXML / connectionError).
 * Unknown HRESULTs retry later: they are environment problems more often than bugs. Pure; never throws.
 */
export function classifyHresult(hresult: string | number): StatusRule {
  const key = normalizeHresult(hresult);
  const rule = HRESULT_TABLE.get(key);
  return rule ?? { action: 'retry-later', operatorMessage: `QuickBooks Web Connector reported ${key}. It will be retried; check the Web Connector log.` };
}
