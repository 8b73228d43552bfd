import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBitrix24Portal, type Bitrix24Portal } from '../index.js';
import { call, result } from './test-helpers.js';

let portal: Bitrix24Portal;
beforeEach(async () => {
  portal = await startBitrix24Portal({});
});
afterEach(async () => {
  await portal.close();
});

const rest = (method: string, params: Record<string, unknown> = {}): ReturnType<typeof call> => call(portal.webhookUrl, method, params);

describe('product properties (bitrix24.md §5.13)', () => {
  it('a property added by crm.product.property.add is listed, written as PROPERTY_{id} and read back as {valueId, value}', async () => {
    const id = result(await rest('crm.product.property.add', { fields: { NAME: 'Colour', PROPERTY_TYPE: 'S' } }));
    expect(result(await rest('crm.product.property.list'))).toEqual([expect.objectContaining({ ID: String(id), NAME: 'Colour', PROPERTY_TYPE: 'S' })]);
    const product = result(await rest('crm.product.add', { fields: { NAME: 'Paint', [`PROPERTY_${String(id)}`]: 'Ochre', PROPERTY_999: 'unknown' } }));
    const read = result(await rest('crm.product.get', { id: product })) as Record<string, unknown>;
    expect(read[`PROPERTY_${String(id)}`]).toEqual({ valueId: expect.any(String), value: 'Ochre' });
    expect(read).not.toHaveProperty('PROPERTY_999');
    // The docs' object form writes too; an empty value clears.
    await rest('crm.product.update', { id: product, fields: { [`PROPERTY_${String(id)}`]: { value: 'Teal' } } });
    expect((result(await rest('crm.product.get', { id: product })) as Record<string, unknown>)[`PROPERTY_${String(id)}`]).toMatchObject({ value: 'Teal' });
    await rest('crm.product.update', { id: product, fields: { [`PROPERTY_${String(id)}`]: '' } });
    expect((result(await rest('crm.product.get', { id: product })) as Record<string, unknown>)[`PROPERTY_${String(id)}`]).toBeNull();
  });

  it('a property needs a name', async () => {
    const r = await rest('crm.product.property.add', { fields: { PROPERTY_TYPE: 'S' } });
    expect(r.status).toBe(400);
  });
});
