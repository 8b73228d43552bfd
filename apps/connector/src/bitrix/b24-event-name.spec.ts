import { describe, expect, it } from 'vitest';
import { b24EventDedupeKey, parseB24EventName } from './b24-event-name.js';

describe('parseB24EventName', () => {
  it.each([
    ['ONCRMCONTACTADD', 'contact', 'add'],
    ['ONCRMCONTACTUPDATE', 'contact', 'update'],
    ['ONCRMCONTACTDELETE', 'contact', 'delete'],
    ['ONCRMCOMPANYUPDATE', 'company', 'update'],
    ['ONCRMDEALADD', 'deal', 'add'],
    ['ONCRMPRODUCTDELETE', 'product', 'delete'],
    ['onCrmDealUpdate', 'deal', 'update'],
    [' oncrmcompanyadd ', 'company', 'add'],
  ])('%s is a %s %s', (name, b24Entity, action) => {
    expect(parseB24EventName(name)).toEqual({ event: name.trim().toUpperCase(), b24Entity, action });
  });

  it.each(['ONCRMLEADADD', 'ONCRMDEALMOVETOCATEGORY', 'ONCRMCONTACTUSERFIELDADD', 'CATALOG.PRODUCT.ON.ADD', 'ONCRMCONTACTADDX', 'XONCRMDEALADD', ''])(
    'ignores %j, which the connector does not sync',
    (name) => {
      expect(parseB24EventName(name)).toBeNull();
    },
  );
});

describe('b24EventDedupeKey', () => {
  it('is the same for a repeated delivery, whatever the case of the event name', () => {
    expect(b24EventDedupeKey('onCrmDealAdd', '7405', '1766047124')).toBe('ONCRMDEALADD:7405:1766047124');
    expect(b24EventDedupeKey('ONCRMDEALADD', '7405', null)).toBe('ONCRMDEALADD:7405:');
  });
});
