import { describe, expect, it } from 'vitest';
import { encodePhpQuery } from '../php-query.js';

// Expected strings follow PHP's http_build_query($params, '', '&', PHP_QUERY_RFC3986).
describe('encodePhpQuery', () => {
  it.each([
    ['flat scalars', { id: 5, name: 'John' }, 'id=5&name=John'],
    ['nested maps use bracket keys', { fields: { TITLE: 'My company' } }, 'fields%5BTITLE%5D=My%20company'],
    [
      'lists of maps get numeric indices',
      { fields: { PHONE: [{ VALUE: '112233', VALUE_TYPE: 'WORK' }] } },
      'fields%5BPHONE%5D%5B0%5D%5BVALUE%5D=112233&fields%5BPHONE%5D%5B0%5D%5BVALUE_TYPE%5D=WORK',
    ],
    ['select arrays', { select: ['ID', 'NAME'] }, 'select%5B0%5D=ID&select%5B1%5D=NAME'],
    ['& inside a value does not split the parameter', { fields: { TITLE: 'John&Martin' } }, 'fields%5BTITLE%5D=John%26Martin'],
    ['filter prefixes are encoded in keys', { filter: { '>ID': 10, '%NAME': 'a b' } }, 'filter%5B%3EID%5D=10&filter%5B%25NAME%5D=a%20b'],
    ['booleans become 1/0', { halt: true, other: false }, 'halt=1&other=0'],
    ['null and undefined are dropped', { a: null, b: undefined, c: 'x' }, 'c=x'],
    ['empty lists and maps produce nothing', { a: [], b: {}, c: 1 }, 'c=1'],
    ['unicode and reserved characters', { v: "Zoë (O'Hara)*!" }, 'v=Zo%C3%AB%20%28O%27Hara%29%2A%21'],
    ['batch back-references are encoded like any value', { id: '$result[cmd_0]' }, 'id=%24result%5Bcmd_0%5D'],
  ])('%s', (_name, params, expected) => {
    expect(encodePhpQuery(params)).toBe(expected);
  });

  it('round-trips through a PHP-style bracket parser shape (URLSearchParams decode)', () => {
    const q = encodePhpQuery({ fields: { EMAIL: [{ VALUE: 'a+b@example.com', VALUE_TYPE: 'WORK' }] } });
    const decoded = [...new URLSearchParams(q)];
    expect(decoded).toEqual([
      ['fields[EMAIL][0][VALUE]', 'a+b@example.com'],
      ['fields[EMAIL][0][VALUE_TYPE]', 'WORK'],
    ]);
  });

  it('refuses non-finite numbers instead of sending "NaN"', () => {
    expect(() => encodePhpQuery({ PRICE: Number.NaN })).toThrow(RangeError);
  });
});
