import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, parseApplicationTokenInput, parseWebhookUrlInput } from '../setup-input.js';

describe('isLoopbackAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['::ffff:192.168.1.2', false],
    ['128.0.0.1', false],
    ['', false],
  ])('%s → %s', (ip, local) => {
    expect(isLoopbackAddress(ip)).toBe(local);
  });
});

describe('parseWebhookUrlInput', () => {
  it('accepts a portal webhook over https and adds the trailing slash', () => {
    expect(parseWebhookUrlInput({ webhookUrl: ' https://acme.bitrix24.com/rest/1/abc123 ' })).toBe('https://acme.bitrix24.com/rest/1/abc123/');
  });

  it('accepts http only for this machine (an emulator or a local tunnel)', () => {
    expect(parseWebhookUrlInput({ webhookUrl: 'http://127.0.0.1:8124/rest/1/abc/' })).toBe('http://127.0.0.1:8124/rest/1/abc/');
    expect(parseWebhookUrlInput({ webhookUrl: 'http://localhost/rest/1/abc/' })).toBe('http://localhost/rest/1/abc/');
    expect(() => parseWebhookUrlInput({ webhookUrl: 'http://acme.bitrix24.com/rest/1/abc/' })).toThrow('https://');
  });

  it.each([
    ['missing', {}],
    ['not a string', { webhookUrl: 42 }],
    ['a method URL', { webhookUrl: 'https://acme.bitrix24.com/rest/1/abc/crm.contact.list' }],
    ['credentials in it', { webhookUrl: 'https://u:p@acme.bitrix24.com/rest/1/abc/' }],
    ['a query', { webhookUrl: 'https://acme.bitrix24.com/rest/1/abc/?auth=x' }],
    ['an OAuth endpoint', { webhookUrl: 'https://acme.bitrix24.com/rest/' }],
  ])('refuses %s with BAD_INPUT', (_name, body) => {
    expect(() => parseWebhookUrlInput(body)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

describe('parseApplicationTokenInput', () => {
  it('accepts a token as Bitrix24 shows it, trimmed', () => {
    expect(parseApplicationTokenInput({ applicationToken: ' jvh9y1ulvt2m6k5or90v9mg8nn32ozas ' })).toBe('jvh9y1ulvt2m6k5or90v9mg8nn32ozas');
  });

  it.each(['short', 'has space inside', '', 'a'.repeat(201)])('refuses %j', (token) => {
    expect(() => parseApplicationTokenInput({ applicationToken: token })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
