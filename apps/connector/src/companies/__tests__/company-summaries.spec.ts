import { describe, expect, it } from 'vitest';
import { combineHealth, combineStatus } from '../company-summaries.js';

const healthy = { status: 'ok', checks: { database: { status: 'ok', detail: 'sqlite' } } };
const portalDown = {
  status: 'degraded',
  checks: { database: { status: 'ok', detail: 'sqlite' }, bitrix24: { status: 'degraded', detail: 'portal unreachable' } },
};
const dbDown = { status: 'error', checks: { database: { status: 'error', detail: 'SQLITE_CANTOPEN' } } };

describe('combineHealth', () => {
  it('is as bad as the worst company, and says which company and which check', () => {
    const h = combineHealth([
      { companyId: 'acme', httpStatus: 200, body: healthy },
      { companyId: 'beta', httpStatus: 200, body: portalDown },
    ]);
    expect(h.status).toBe('degraded');
    expect(h.checks['company:acme']).toEqual({ status: 'ok', detail: 'all checks pass' });
    expect(h.checks['company:beta']).toEqual({ status: 'degraded', detail: 'bitrix24: portal unreachable' });
    expect(h.companies['beta']).toEqual(portalDown);
    expect(
      combineHealth([
        { companyId: 'a', httpStatus: 200, body: healthy },
        { companyId: 'b', httpStatus: 503, body: dbDown },
      ]).status,
    ).toBe('error');
  });

  it('counts a company that gave no readable answer as an error', () => {
    const h = combineHealth([{ companyId: 'acme', httpStatus: 500, body: undefined }]);
    expect(h.status).toBe('error');
    expect(h.checks['company:acme']?.detail).toBe('no answer from this company');
  });
});

describe('combineStatus', () => {
  it("sums the seed's counts over the companies and keeps each company's status", () => {
    const s = combineStatus(
      [
        {
          companyId: 'acme',
          httpStatus: 200,
          body: { status: 'ok', active_sessions: 1, id_mappings: 10, syncs_last_24h: 3, pending_queue: 2, bitrix24_configured: true },
        },
        {
          companyId: 'beta',
          httpStatus: 200,
          body: { status: 'ok', active_sessions: 0, id_mappings: 5, syncs_last_24h: 1, pending_queue: 0, bitrix24_configured: false },
        },
      ],
      '1.2.3',
    );
    expect(s).toMatchObject({
      status: 'ok',
      version: '1.2.3',
      active_sessions: 1,
      id_mappings: 15,
      syncs_last_24h: 4,
      pending_queue: 2,
      bitrix24_configured: false,
    });
    expect(Object.keys(s['companies'] as object)).toEqual(['acme', 'beta']);
  });
});
