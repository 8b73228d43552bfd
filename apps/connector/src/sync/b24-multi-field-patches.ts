import { buildMultiFieldPatch, type BatchCommand, type Bitrix24Client, type Bitrix24Params, type MultiFieldValue } from '@qb-b24/bitrix24-client';
import { desiredMulti, multiOf } from './b24-identity-lookup.js';

const MULTI_FIELDS = ['EMAIL', 'PHONE'] as const;

/**
 * The update fields of contacts and companies with EMAIL/PHONE turned into patches against what each record holds
 * now (one batch of gets): Bitrix24 appends multi-field values on update, so sending the list again would duplicate
 * it, and a value someone added in Bitrix24 must survive. Other entities come back unchanged. Throws Bitrix24Error
 * when the batch fails.
 */
export async function multiFieldPatches(
  client: Bitrix24Client,
  b24Entity: string,
  updates: readonly { readonly b24Id: string; readonly fields: Bitrix24Params }[],
): Promise<Map<string, Record<string, Bitrix24Params[string]>>> {
  const out = new Map<string, Record<string, Bitrix24Params[string]>>();
  if (b24Entity !== 'contact' && b24Entity !== 'company') return out;
  const gets: Record<string, BatchCommand> = {};
  updates.forEach((u, i) => (gets[`g${i}`] = { method: `crm.${b24Entity}.get`, params: { id: u.b24Id } }));
  const res = await client.batch(gets);
  updates.forEach((u, i) => {
    const rec = res.results.get(`g${i}`);
    const stored: Partial<Record<(typeof MULTI_FIELDS)[number], MultiFieldValue[]>> =
      rec && typeof rec === 'object'
        ? { EMAIL: multiOf((rec as Record<string, unknown>)['EMAIL']), PHONE: multiOf((rec as Record<string, unknown>)['PHONE']) }
        : {};
    const fields: Record<string, Bitrix24Params[string]> = { ...u.fields };
    for (const f of MULTI_FIELDS) {
      const patch = buildMultiFieldPatch(stored[f], desiredMulti(u.fields[f]), f === 'PHONE' ? { normalize: (v) => v.replace(/\D+/g, '') } : {});
      if (patch.length > 0) fields[f] = patch.map((p) => ({ ...p }));
      else delete fields[f];
    }
    out.set(u.b24Id, fields);
  });
  return out;
}
