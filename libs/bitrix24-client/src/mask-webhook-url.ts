/**
 * Pure: hides the secret of an inbound-webhook URL for logs and messages:
 * `https://portal/rest/1/abc123/crm.contact.add.json` → `https://portal/rest/1/***\/crm.contact.add.json`.
 * Also masks `auth=` query values (OAuth tokens). Never throws; an unparseable input becomes `***`.
 */
export function maskWebhookUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL at all: we cannot tell which part is secret, so show none of it.
    return '***';
  }
  parsed.username = '';
  parsed.password = '';
  parsed.pathname = parsed.pathname.replace(/\/rest\/([^/]+)\/[^/]+(\/|$)/, (_m, user: string, tail: string) => `/rest/${user}/***${tail || '/'}`);
  if (parsed.searchParams.has('auth')) parsed.searchParams.set('auth', '***');
  return parsed.toString();
}
