import { describe, expect, it } from 'vitest';
import { decodePhpForm, phpFormString } from './decode-php-form.js';

// The documented wire form of an outgoing-webhook event (shared/reference/bitrix24.md §7.3).
const DOC_EVENT =
  'event=ONCRMDEALADD&event_handler_id=975&data%5BFIELDS%5D%5BID%5D=7405&ts=1766047124' +
  '&auth%5Bdomain%5D=some-domain.bitrix24.com&auth%5Bclient_endpoint%5D=https%3A%2F%2Fsome-domain.bitrix24.com%2Frest%2F' +
  '&auth%5Bserver_endpoint%5D=https%3A%2F%2Foauth.bitrix.info%2Frest%2F&auth%5Bmember_id%5D=d897063e1ce7c5eb9f04b9751eef5915' +
  '&auth%5Bapplication_token%5D=jvh9y1ulvt2m6k5or90v9mg8nn32ozas';

describe('decodePhpForm', () => {
  it('decodes the documented Bitrix24 event into nested groups', () => {
    const r = decodePhpForm(DOC_EVENT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.parse(JSON.stringify(r.value))).toEqual({
      event: 'ONCRMDEALADD',
      event_handler_id: '975',
      data: { FIELDS: { ID: '7405' } },
      ts: '1766047124',
      auth: {
        domain: 'some-domain.bitrix24.com',
        client_endpoint: 'https://some-domain.bitrix24.com/rest/',
        server_endpoint: 'https://oauth.bitrix.info/rest/',
        member_id: 'd897063e1ce7c5eb9f04b9751eef5915',
        application_token: 'jvh9y1ulvt2m6k5or90v9mg8nn32ozas',
      },
    });
    expect(phpFormString(r.value, ['data', 'FIELDS', 'ID'])).toBe('7405');
    expect(phpFormString(r.value, ['auth', 'application_token'])).toBe('jvh9y1ulvt2m6k5or90v9mg8nn32ozas');
  });

  it('accepts unescaped brackets, plus-as-space and UTF-8 escapes', () => {
    const r = decodePhpForm('data[FIELDS][TITLE]=M%C3%BCller+%26+Co&event=x');
    expect(r.ok && phpFormString(r.value, ['data', 'FIELDS', 'TITLE'])).toBe('Müller & Co');
  });

  it('numbers empty brackets like PHP appends', () => {
    const r = decodePhpForm('ids[]=a&ids[]=b');
    expect(r.ok && [phpFormString(r.value, ['ids', '0']), phpFormString(r.value, ['ids', '1'])]).toEqual(['a', 'b']);
  });

  it('treats __proto__ as plain data, never touching Object.prototype', () => {
    const r = decodePhpForm('__proto__[polluted]=yes&a[constructor][prototype][x]=1');
    expect(r.ok).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('reads nothing through a group where a string is expected, or past a string', () => {
    const r = decodePhpForm('data[FIELDS][ID]=1');
    expect(r.ok && phpFormString(r.value, ['data', 'FIELDS'])).toBeUndefined();
    expect(r.ok && phpFormString(r.value, ['data', 'FIELDS', 'ID', 'x'])).toBeUndefined();
  });

  it.each([
    ['empty body', ''],
    ['unbalanced bracket', 'data[FIELDS=1'],
    ['text after brackets', 'data[FIELDS]x=1'],
    ['key without a name', '[a]=1'],
    ['value then group', 'a=1&a[b]=2'],
    ['group then value', 'a[b]=2&a=1'],
    ['too deep', `a${'[x]'.repeat(9)}=1`],
    ['too many fields', Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join('&')],
  ])('refuses a malformed body: %s', (_name, body) => {
    expect(decodePhpForm(body).ok).toBe(false);
  });
});
