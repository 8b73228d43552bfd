import { SetupError } from './setup.error.js';

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

/** 127.0.0.0/8, ::1 and the IPv4-mapped loopback: the machine itself. Pure. */
export function isLoopbackAddress(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice('::ffff:'.length) : ip;
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

function field(body: unknown, name: string): string {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
  return typeof v === 'string' ? v.trim() : '';
}

/**
 * The inbound webhook URL pasted on the setup page, checked before anything is sent to it. Pure; throws SetupError
 * (BAD_INPUT) with a message for a person. http is accepted only for this machine (an emulator, a tunnel); a portal's
 * webhook code would otherwise cross the network in clear text.
 */
export function parseWebhookUrlInput(body: unknown): string {
  const raw = field(body, 'webhookUrl');
  let url: URL;
  try {
    url = new URL(raw);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    throw new SetupError('BAD_INPUT', 'That is not a URL. Paste the whole inbound webhook address, e.g. https://your-portal.bitrix24.com/rest/1/abc123/.');
  }
  const local = LOOPBACK_HOSTS.has(url.hostname) || isLoopbackAddress(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new SetupError('BAD_INPUT', 'The webhook URL must start with https:// (http:// only for this machine).');
  }
  if (!/^\/rest\/\d+\/[^/\s]+\/?$/.test(url.pathname) || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new SetupError(
      'BAD_INPUT',
      'That is not an inbound webhook URL: it must look like https://your-portal.bitrix24.com/rest/1/abc123/ (no method name after it).',
    );
  }
  return url.pathname.endsWith('/') ? url.toString() : `${url.toString()}/`;
}

/** The outbound webhook's application token as pasted. Pure; throws SetupError (BAD_INPUT). */
export function parseApplicationTokenInput(body: unknown): string {
  const token = field(body, 'applicationToken');
  // Bitrix24 shows a 32-character token; the same floor as BITRIX24_APPLICATION_TOKEN in loadConfig.
  if (!/^[A-Za-z0-9_-]{8,200}$/.test(token)) {
    throw new SetupError(
      'BAD_INPUT',
      'That is not an application token: copy the token Bitrix24 shows for the outbound webhook (letters and digits, at least 8).',
    );
  }
  return token;
}
