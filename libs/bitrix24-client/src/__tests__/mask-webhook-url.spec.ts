import { describe, expect, it } from 'vitest';
import { maskWebhookUrl } from '../mask-webhook-url.js';

describe('maskWebhookUrl', () => {
  it.each([
    ['https://portal.bitrix24.com/rest/1/8g9l071eismy9q2l/', 'https://portal.bitrix24.com/rest/1/***/'],
    ['https://portal.bitrix24.com/rest/1/8g9l071eismy9q2l', 'https://portal.bitrix24.com/rest/1/***/'],
    ['https://portal.bitrix24.com/rest/12/secret/crm.contact.add.json', 'https://portal.bitrix24.com/rest/12/***/crm.contact.add.json'],
    ['http://127.0.0.1:4567/rest/1/abc123/', 'http://127.0.0.1:4567/rest/1/***/'],
    ['https://portal.bitrix24.com/rest/crm.deal.get?auth=token123&id=1', 'https://portal.bitrix24.com/rest/crm.deal.get?auth=***&id=1'],
    ['https://user:pw@portal.bitrix24.com/rest/1/secret/', 'https://portal.bitrix24.com/rest/1/***/'],
    ['not a url with secret', '***'],
  ])('%s → %s', (input, expected) => {
    expect(maskWebhookUrl(input)).toBe(expected);
  });

  it('never returns the secret code', () => {
    expect(maskWebhookUrl('https://p.bitrix24.de/rest/7/zz9secretzz9/')).not.toContain('zz9secretzz9');
  });
});
