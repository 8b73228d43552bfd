/** Values published in docs, samples or our own .env.example: never acceptable as a secret. */
const KNOWN_DEFAULTS = new Set(
  [
    'your-secure-password-here',
    'password',
    'password123',
    'changeme',
    'change-me',
    'secret',
    'admin',
    'qbconnector',
    'qbwc',
    'quickbooks',
    'letmein',
    '123456789012',
    'replace-with-a-long-random-password',
    'replace-with-a-long-random-token',
  ].map((v) => v.toLowerCase()),
);

export const MIN_PASSWORD_LENGTH = 12;
export const MIN_ADMIN_TOKEN_LENGTH = 24;

/** Why a secret is unacceptable, or undefined when it is fine. Pure. */
export function weakSecretReason(value: string, minLength: number, username?: string): string | undefined {
  if (KNOWN_DEFAULTS.has(value.trim().toLowerCase())) return 'is a published default value';
  if (value.length < minLength) return `is shorter than ${minLength} characters`;
  if (username !== undefined && value.toLowerCase() === username.toLowerCase()) return 'equals the user name';
  if (new Set(value).size < 4) return 'has too few distinct characters';
  return undefined;
}
