import type { MappingPortalState } from '../bitrix/mapping-portal-check.service.js';
import type { HealthCheck } from './status.service.js';

/** The /health line for the mapping checked against the portal. Pure. */
export function mappingHealthCheck(state: MappingPortalState): HealthCheck {
  switch (state.status) {
    case 'ok':
    case 'not-configured':
      return { status: 'ok', detail: 'the mapping matches the Bitrix24 portal' };
    case 'unverified':
      return { status: 'ok', detail: `the mapping could not be checked against the portal (${state.reason}); the portal refuses bad values itself` };
    case 'pending':
      return { status: 'degraded', detail: 'the mapping is checked against the portal on the first contact with it; Bitrix24 writes wait until then' };
    case 'mismatch':
      return {
        status: 'error',
        detail: `Bitrix24 writes are stopped: the mapping does not match the portal: ${state.problems.join('; ')}. Fix the mapping file or the portal, then restart`,
      };
  }
}
