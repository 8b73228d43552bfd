/**
 * Web Connector runs one session at a time per application and answers each call within its own timeouts,
 * so an open session silent for this long has been abandoned (QBWC crashed, the PC slept, we were killed
 * mid-session). A new, authenticated session then takes over instead of being told "busy" until the idle
 * timeout; the abandoned session's in-flight work is released for re-verification.
 *
 * The silence includes the time QuickBooks takes to answer one request, which on a large or shared company file can
 * be minutes ("a request might … retrieve tens of thousands of rows, which can take many minutes to return",
 * https://docs.conductor.is/qbd/pagination). Where a second Web Connector (another PC) runs against the same company
 * meanwhile, it would take over a session that is still working; QBWC_TAKEOVER_MINUTES raises the default.
 */
export const DEFAULT_TAKEOVER_MINUTES = 2;
