import { isIP } from 'node:net';

export interface ParsedTrustedProxies {
  readonly proxies: readonly string[];
  readonly problems: readonly string[];
}

/**
 * Splits TRUSTED_PROXIES (`10.0.0.5, 10.1.0.0/16, ::1`) into addresses and CIDR ranges. Pure. Every entry is
 * checked here because Fastify's proxy matcher would otherwise throw at boot with no variable name; problems
 * name the entry by position, not by value (STYLE §2.6).
 */
export function parseTrustedProxies(value: string | undefined): ParsedTrustedProxies {
  if (value === undefined || value.trim() === '') return { proxies: [], problems: [] };
  const proxies: string[] = [];
  const problems: string[] = [];
  value.split(',').forEach((raw, i) => {
    const entry = raw.trim();
    if (isAddressOrRange(entry)) proxies.push(entry);
    else problems.push(`TRUSTED_PROXIES entry ${i + 1} is not an IP address or CIDR range (such as 192.0.2.10 or 192.0.2.0/24)`);
  });
  return { proxies, problems };
}

function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  if (extra !== undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
