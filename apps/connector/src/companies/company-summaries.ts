import type { HealthState } from '../health/status.service.js';

/** One company's /health or /status answer as the host received it. */
export interface CompanyAnswer {
  readonly companyId: string;
  readonly httpStatus: number;
  readonly body: unknown;
}

const ORDER: readonly HealthState[] = ['ok', 'degraded', 'error'];

function stateOf(body: unknown): HealthState {
  const s = typeof body === 'object' && body !== null && 'status' in body ? body.status : undefined;
  return s === 'ok' || s === 'degraded' || s === 'error' ? s : 'error';
}

function worst(states: readonly HealthState[]): HealthState {
  return states.reduce<HealthState>((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), 'ok');
}

/** The service's /health: the worst company decides; each company's own checks are kept under its id. */
export function combineHealth(answers: readonly CompanyAnswer[]): {
  status: HealthState;
  checks: Record<string, { status: HealthState; detail: string }>;
  companies: Record<string, unknown>;
} {
  const checks: Record<string, { status: HealthState; detail: string }> = {};
  const companies: Record<string, unknown> = {};
  for (const a of answers) {
    const state = stateOf(a.body);
    checks[`company:${a.companyId}`] = { status: state, detail: failingChecks(a.body) };
    companies[a.companyId] = a.body;
  }
  return { status: worst(answers.map((a) => stateOf(a.body))), checks, companies };
}

function failingChecks(body: unknown): string {
  if (typeof body !== 'object' || body === null || !('checks' in body) || typeof body.checks !== 'object' || body.checks === null) {
    return 'no answer from this company';
  }
  const bad = Object.entries(body.checks as Record<string, unknown>)
    .filter(([, c]) => stateOf(c) !== 'ok')
    .map(([name, c]) => `${name}: ${typeof c === 'object' && c !== null && 'detail' in c ? String(c.detail) : stateOf(c)}`);
  return bad.length === 0 ? 'all checks pass' : bad.join('; ');
}

const SUMMED = ['active_sessions', 'id_mappings', 'syncs_last_24h', 'pending_queue'] as const;

/** The service's /status: the seed's keys over all companies (counts summed), and each company's own status. */
export function combineStatus(answers: readonly CompanyAnswer[], version: string): Record<string, unknown> {
  const totals: Record<string, number> = Object.fromEntries(SUMMED.map((k) => [k, 0]));
  let configured = answers.length > 0;
  const companies: Record<string, unknown> = {};
  for (const a of answers) {
    companies[a.companyId] = a.body;
    const body = typeof a.body === 'object' && a.body !== null ? (a.body as Record<string, unknown>) : {};
    for (const k of SUMMED) totals[k] = (totals[k] ?? 0) + (typeof body[k] === 'number' ? body[k] : 0);
    if (body['bitrix24_configured'] !== true) configured = false;
  }
  return {
    status: worst(answers.map((a) => stateOf(a.body))),
    version,
    ...totals,
    bitrix24_configured: configured,
    companies,
  };
}
