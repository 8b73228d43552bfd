/** Reading authenticate's answer: the statuses that stop a run and the postpone / minimum-run seconds. */
import type { SessionOutcome } from './session-result.type.js';

export const AUTH_STOP_STATUSES = ['nvu', 'none', 'busy'] as const;
export type AuthStopStatus = (typeof AUTH_STOP_STATUSES)[number];

export function authOutcome(status: AuthStopStatus): SessionOutcome {
  switch (status) {
    case 'nvu':
      return 'nvu';
    case 'none':
      return 'none';
    case 'busy':
      return 'busy';
  }
}

/** authRet[2]/[3] are plain strings such as "60" (qbwc.md §5.3); anything non-numeric is ignored. */
export function parseSeconds(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number.parseInt(value, 10);
}
