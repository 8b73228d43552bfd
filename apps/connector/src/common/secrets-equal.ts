import { createHash, timingSafeEqual } from 'node:crypto';

/** Equal-time comparison of two secrets: hashing first makes the lengths equal and hides them. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
