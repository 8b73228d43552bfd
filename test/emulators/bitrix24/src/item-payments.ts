/** `crm.item.payment.*` for deals (bitrix24.md §5.15): payment documents with a paid flag, nothing else. */
import { ApiError } from './api-error.js';
import { formatDateTime } from './format.js';
import type { MethodContext, MethodDef } from './methods.js';
import { asPositiveInt, param } from './params.js';

export interface ItemPayment {
  id: number;
  dealId: number;
  accountNumber: string;
  paid: boolean;
  datePaid: number | null;
  sum: number;
  currency: string;
}

const notFound = (): ApiError => new ApiError(400, 0, 'Payment not found or access denied');

function render(p: ItemPayment, ctx: MethodContext): Record<string, unknown> {
  return {
    id: p.id,
    accountNumber: p.accountNumber,
    paid: p.paid ? 'Y' : 'N',
    datePaid: p.datePaid === null ? null : formatDateTime(p.datePaid, ctx.timeZone),
    empPaidId: p.paid ? ctx.userId : 0,
    paySystemId: 6,
    sum: p.sum,
    currency: p.currency,
    paySystemName: 'Cash',
  };
}

function paymentOf(p: Record<string, unknown>, ctx: MethodContext): ItemPayment {
  const raw = param(p, 'id');
  if (raw === undefined || raw === null || raw === '') throw new ApiError(400, 100, 'Parameter id not specified');
  const found = ctx.store.itemPayments.find((x) => x.id === asPositiveInt(raw));
  if (!found) throw notFound();
  return found;
}

/**
 * Registers add / list / pay / unpay. Only deals (entityTypeId 2) are modelled; smart invoices (31) and other
 * types: `add` errors, `list` returns `[]` (§5.15). `pay` moves neither the stage nor the amounts (unconfirmed).
 */
export function registerItemPaymentMethods(add: (name: string, def: MethodDef) => void): void {
  add('crm.item.payment.add', {
    scope: 'crm',
    handler: (p, ctx) => {
      const dealId = asPositiveInt(param(p, 'entityId'));
      if (asPositiveInt(param(p, 'entityTypeId')) !== 2 || dealId === undefined || !ctx.store.has('deal', dealId)) throw notFound();
      const n = ctx.store.itemPayments.filter((x) => x.dealId === dealId).length + 1;
      const deal = ctx.store.render('deal', dealId, false) ?? {};
      const payment: ItemPayment = {
        id: 1000 + ctx.store.itemPayments.length,
        dealId,
        accountNumber: `${dealId}/${n}`,
        paid: false,
        datePaid: null,
        sum: 0,
        currency: String(deal['CURRENCY_ID'] ?? 'USD'),
      };
      ctx.store.itemPayments.push(payment);
      return { result: payment.id };
    },
  });
  add('crm.item.payment.list', {
    scope: 'crm',
    handler: (p, ctx) => {
      const dealId = asPositiveInt(param(p, 'entityId'));
      if (asPositiveInt(param(p, 'entityTypeId')) !== 2) return { result: [] };
      return { result: ctx.store.itemPayments.filter((x) => x.dealId === dealId).map((x) => render(x, ctx)) };
    },
  });
  for (const [name, paid] of [
    ['crm.item.payment.pay', true],
    ['crm.item.payment.unpay', false],
  ] as const) {
    add(name, {
      scope: 'crm',
      handler: (p, ctx) => {
        const payment = paymentOf(p, ctx);
        payment.paid = paid;
        payment.datePaid = paid ? ctx.now() : null;
        return { result: true };
      },
    });
  }
}
