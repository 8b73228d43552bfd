import type { BenchFigure } from './index.js';
import { run as runSync } from './sync.bench.js';

/**
 * Issue 16: the sync bench's first import and no-change run with about half the invoices paid by real ReceivePayment
 * transactions (`generateSampleCompany({ realPayments: true })`): payments are read and their invoices re-read by
 * TxnID in the same session, which must cost Bitrix24 next to nothing (≤ 0.035 calls per record, ≤ 1.05× the
 * rate-limit floor). `npm run bench -- sync-payments`.
 */
export function run(): Promise<BenchFigure[]> {
  return runSync({ realPayments: true });
}
