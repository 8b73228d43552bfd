import { hash, timingSafeEqual } from 'node:crypto';

/** Digests of the expected secrets: configuration values, a handful per process. */
const expectedDigests = new Map<string, Buffer>();
const MAX_KEPT = 32;

function digestOf(expected: string): Buffer {
  let digest = expectedDigests.get(expected);
  if (digest === undefined) {
    digest = hash('sha256', expected, 'buffer');
    // Only configuration values come here, so the bound is never reached in practice; it keeps a caller that
    // passed something else from growing the map.
    if (expectedDigests.size >= MAX_KEPT) expectedDigests.clear();
    expectedDigests.set(expected, digest);
  }
  return digest;
}

/**
 * Equal-time comparison of two secrets: hashing first makes the lengths equal and hides them. The expected
 * secret's digest is kept (it is configuration, already in memory as text), so a check hashes only what it was
 * given: every Web Connector authenticate checks two (issue 14). The lookup is keyed by the expected value, never
 * by what a caller sent, so its timing tells nothing about the guess.
 */
export function secretsEqual(given: string, expected: string): boolean {
  return timingSafeEqual(hash('sha256', given, 'buffer'), digestOf(expected));
}
