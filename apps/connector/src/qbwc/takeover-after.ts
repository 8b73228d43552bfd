/**
 * Web Connector runs one session at a time per application and answers each call within its own timeouts,
 * so an open session silent for this long has been abandoned (QBWC crashed, the PC slept, we were killed
 * mid-session). A new, authenticated session then takes over instead of being told "busy" until the idle
 * timeout; the abandoned session's in-flight work is released for re-verification.
 */
export const TAKEOVER_AFTER_MS = 2 * 60_000;
