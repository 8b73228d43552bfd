export { startBitrix24Portal } from './portal.js';
export type {
  Bitrix24Portal,
  CrmEntity,
  Fault,
  FaultKind,
  PortalCallRecord,
  PortalClock,
  PortalOptions,
} from './portal-types.js';
export type { EventKnobs, OutboundEventRecord } from './events.js';
export { ManualClock } from './manual-clock.js';
export { ApiError } from './api-error.js';
export type { PortalVariants } from './variants.js';
export { DEFAULT_PORTAL_VARIANTS } from './variants.js';
export type { CurrencyRow } from './currencies.js';
