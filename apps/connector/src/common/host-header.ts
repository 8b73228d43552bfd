/** What the Host header says about the site a request was meant for. */
export type HostVerdict = 'allowed' | 'foreign' | 'invalid';

/** A name (letters, digits, `-`, `_`, dots, an optional final dot) or a bracketed IPv6 address, with an optional port. */
const HOST = /^(\[[0-9a-f:.]+\]|[a-z0-9_](?:[a-z0-9_.-]{0,251}[a-z0-9_])?\.?)(?::(\d{1,5}))?$/;
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `Example.COM.` and `example.com` are the same site. */
const normalise = (hostname: string): string => hostname.toLowerCase().replace(/\.$/, '');

/**
 * Judges a Host header against the service's public host name (from PUBLIC_URL, `[…]` for IPv6). Pure.
 * Loopback names are always allowed, on any port: the dashboard is used on the machine itself, and a reverse
 * proxy on it may forward with its upstream's name. Any other name is foreign: a page on another site whose
 * name was re-pointed at this machine (DNS rebinding) must not be able to talk to it. No Host at all is
 * allowed: only HTTP/1.0 clients omit it, and browsers, which rebinding needs, never do.
 */
export function hostVerdict(host: string | undefined, publicHostname: string): HostVerdict {
  if (host === undefined || host === '') return 'allowed';
  const match = HOST.exec(host.toLowerCase());
  const name = match?.[1];
  const port = match?.[2];
  if (name === undefined || (port !== undefined && Number(port) > 65535)) return 'invalid';
  const hostname = normalise(name);
  return LOOPBACK_NAMES.has(hostname) || hostname === normalise(publicHostname) ? 'allowed' : 'foreign';
}
