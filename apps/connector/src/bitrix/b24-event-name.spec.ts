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
    expect(b24EventDedupeKey('onCrmDealAdd', 'deal', '7405', '1766047124')).toBe(b24EventDedupeKey('ONCRMDEALADD', 'deal', '7405', '1766047124'));
    expect(b24EventDedupeKey('ONCRMDEALADD', 'deal', '7405', null)).toBe('ONCRMDEALADD:deal:7405:');
  });

  it('differs for two entities with the same id polled in the same second', () => {
    const ts = '2026-11-25T12:00:00+00:00';
    expect(b24EventDedupeKey('POLL', 'contact', '7', ts)).not.toBe(b24EventDedupeKey('POLL', 'company', '7', ts));
  });
});
