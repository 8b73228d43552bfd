/** Currency, stage-directory and deal-payment methods (bitrix24.md §5.12, §5.14, §5.15), registered beside the main table. */
import { ApiError } from './api-error.js';
import { renderCurrency } from './currencies.js';
import { formatDateTime } from './format.js';
import { registerItemPaymentMethods } from './item-payments.js';
import type { MethodContext, MethodDef } from './methods.js';
import { param } from './params.js';

const NAMES: Readonly<Record<string, string>> = {
  STATUS: 'Lead statuses',
  SOURCE: 'Sources',
  CONTACT_TYPE: 'Contact types',
  COMPANY_TYPE: 'Company types',
  DEAL_TYPE: 'Deal types',
  HONORIFIC: 'Salutations',
  INDUSTRY: 'Industries',
  EMPLOYEES: 'Employees',
};

/** `crm.status.entity.types`: one row per directory; deal funnels carry PREFIX, CATEGORY_ID and SEMANTIC_INFO (§5.12). */
function entityTypes(ctx: MethodContext): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const cat of [...ctx.store.categories].sort((a, b) => a.id - b.id)) {
    const entityId = cat.id === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${cat.id}`;
    const stages = ctx.store.statuses.filter((s) => s.entityId === entityId).sort((a, b) => a.sort - b.sort);
    const success = stages.find((s) => s.semantics === 'S');
    const failure = stages.find((s) => s.semantics === 'F');
    out.push({
      ID: entityId,
      NAME: cat.id === 0 ? 'Deal stages' : `Deal stages (${cat.name})`,
      ...(cat.id === 0 ? {} : { PARENT_ID: 'DEAL_STAGE', PREFIX: `C${cat.id}`, FIELD_ATTRIBUTE_SCOPE: `category_${cat.id}` }),
      SEMANTIC_INFO: {
        START_FIELD: stages[0]?.statusId ?? '',
        FINAL_SUCCESS_FIELD: success?.statusId ?? '',
        FINAL_UNSUCCESS_FIELD: failure?.statusId ?? '',
        FINAL_SORT: String(success?.sort ?? 0),
      },
      ENTITY_TYPE_ID: 2,
      ...(cat.id === 0 ? {} : { CATEGORY_ID: cat.id }),
    });
  }
  const dirs = new Set(ctx.store.statuses.map((s) => s.entityId).filter((e) => !e.startsWith('DEAL_STAGE')));
  for (const d of dirs) out.push({ ID: d, NAME: NAMES[d] ?? d });
  return out;
}

/** Registers the methods of this file on the table (`add(name, def)`). */
export function registerPipelineMethods(add: (name: string, def: MethodDef) => void): void {
  registerItemPaymentMethods(add);
  add('crm.status.entity.types', { scope: 'crm', handler: (_p, ctx) => ({ result: entityTypes(ctx) }) });
  add('crm.currency.list', {
    scope: 'crm',
    handler: (p, ctx) => {
      const order = param(p, 'order');
      const [key, dir] = typeof order === 'object' && order !== null && !Array.isArray(order) ? (Object.entries(order)[0] ?? ['SORT', 'asc']) : ['SORT', 'asc'];
      const stamp = formatDateTime(ctx.now(), ctx.timeZone);
      const rows = ctx.store.currencies.map((c) => renderCurrency(c, stamp));
      const k = String(key).toUpperCase();
      const num = k === 'SORT' || k === 'AMOUNT' || k === 'AMOUNT_CNT';
      rows.sort((a, b) => {
        const x = a[k] ?? '';
        const y = b[k] ?? '';
        const c = num ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
        return String(dir).toLowerCase() === 'desc' ? -c : c;
      });
      // The documented sample answers `"total": 0` beside a full list (§5.14); kept as a quirk.
      return { result: rows, total: 0 };
    },
  });
  add('crm.currency.base.get', {
    scope: 'crm',
    handler: (_p, ctx) => ({ result: ctx.store.currencies.find((c) => c.base)?.currency ?? 'USD' }),
  });
  add('crm.currency.get', {
    scope: 'crm',
    handler: (p, ctx) => {
      const id = String(param(p, 'id') ?? '').toUpperCase();
      const c = ctx.store.currencies.find((x) => x.currency === id);
      if (!c) throw new ApiError(400, '', 'Currency is not found.');
      return { result: renderCurrency(c, formatDateTime(ctx.now(), ctx.timeZone)) };
    },
  });
}
