import { CreditMemoSyncStrategy } from './credit-memo.sync-strategy.js';
import { CustomerSyncStrategy } from './customer.sync-strategy.js';
import { EstimateSyncStrategy } from './estimate.sync-strategy.js';
import { InvoiceSyncStrategy } from './invoice.sync-strategy.js';
import { ItemSyncStrategy } from './item.sync-strategy.js';
import { SalesReceiptSyncStrategy } from './sales-receipt.sync-strategy.js';
import { SalesOrderSyncStrategy } from './sales-order.sync-strategy.js';
import { ReceivePaymentSyncStrategy } from './receive-payment.sync-strategy.js';
import { VendorSyncStrategy } from './vendor.sync-strategy.js';

/**
 * The ONE list of sync strategies (STYLE §2.3): adding an entity is one strategy class and one entry here.
 * SyncModule provides them, StrategyRegistry validates them at boot, and sync-entities.ts derives every
 * entity list from their descriptors. The order is the tie-break between strategies with no dependency.
 */
// Sales orders before invoices: an invoice made from an order finds the order's deal when both arrive in one sync.
export const STRATEGY_CLASSES = [
  CustomerSyncStrategy,
  VendorSyncStrategy,
  ItemSyncStrategy,
  SalesOrderSyncStrategy,
  InvoiceSyncStrategy,
  EstimateSyncStrategy,
  SalesReceiptSyncStrategy,
  CreditMemoSyncStrategy,
  ReceivePaymentSyncStrategy,
] as const;
