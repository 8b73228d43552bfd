import type { QuickBooksCompany } from '@qb-b24/quickbooks-emulator';
import { expect } from 'vitest';
import { rec } from './record-values.js';

/** TxnVoid as the user would void the document in QuickBooks (qbxml.md §5.7). */
export async function voidTxn(qb: QuickBooksCompany, type: string, txnId: string): Promise<void> {
  const r = await qb.processRequest(
    `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><TxnVoidRq><TxnVoidType>${type}</TxnVoidType><TxnID>${txnId}</TxnID></TxnVoidRq></QBXMLMsgsRq></QBXML>`,
  );
  expect(r.ok).toBe(true);
  expect(String(rec(qb.getRet(txnId))['Memo'] ?? '')).toMatch(/^VOID:/);
}
