/** The prom-client `Registry` of this app instance (one per app, so tests that boot many apps never collide). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
