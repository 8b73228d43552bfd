import { Inject, Injectable, Logger } from '@nestjs/common';
import type { QbwcCall, QbwcResult } from '@qb-b24/qbwc-soap';
import { AppConfig } from '../config/app-config.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { AuthenticateThrottle } from './authenticate-throttle.js';
import { QBWC_REQUEST_PROVIDER, type QbwcRequestProvider, type QbwcSessionContext } from './qbwc-request-provider.js';
import type { QbwcSessionEntity } from './qbwc-session.entity.js';
import { QbwcSessionRepository } from './qbwc-session.repository.js';
import { checkCompanyFile } from './company-file-check.js';
import { clientVersionAnswer } from './client-version.js';
import { QwcIdentityRepository } from './qwc-identity.repository.js';
import { secretsEqual } from '../common/secrets-equal.js';
import { hashTicket, newTicket } from './ticket.js';
import { BOOT_ID } from './boot-id.js';
import { BusyRuns } from './busy-runs.js';
import { newSessionRow } from './new-session-row.js';
import { OwnershipService } from '../ownership/ownership.service.js';
import { GIVE_WAY_MAX_MS, WebConnectorCalls } from '../common/web-connector-calls.js';

const UNKNOWN_TICKET = 'Unknown or expired session ticket: the Web Connector will start a new session on its next run.';

/**
 * The Web Connector session state machine (qbwc.md §4). Protocol problems are answers, not exceptions
 * (STYLE §2.5): a bad password is "nvu", a failed sendRequestXML is "" and a failed receiveResponseXML is
 * negative, each explained by getLastError. Every state change is persisted before the answer leaves,
 * so a restart between two calls continues the same session.
 */
@Injectable()
export class QbwcService {
  private readonly logger = new Logger(QbwcService.name);
  private readonly busyRuns = new BusyRuns();

  constructor(
    private readonly config: AppConfig,
    private readonly sessions: QbwcSessionRepository,
    @Inject(QBWC_REQUEST_PROVIDER) private readonly provider: QbwcRequestProvider,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly identities: QwcIdentityRepository,
    private readonly throttle: AuthenticateThrottle,
    private readonly ownership: OwnershipService,
    private readonly calls: WebConnectorCalls,
  ) {}

  async handle(call: QbwcCall, client: string): Promise<QbwcResult> {
    const p = call.params;
    const param = (name: string): string => p[name] ?? '';
    switch (call.operation) {
      case 'serverVersion':
        return `qb-bitrix24-connector ${this.config.version}`;
      case 'clientVersion':
        return clientVersionAnswer(param('strVersion'));
      case 'authenticate':
        return this.authenticate(param('strUserName'), param('strPassword'), client);
      case 'sendRequestXML':
        return this.sendRequestXML(param('ticket'), param('strHCPResponse'), param('qbXMLMajorVers'), param('qbXMLMinorVers'));
      case 'receiveResponseXML':
        return this.receiveResponseXML(param('ticket'), param('response'), param('hresult'), param('message'));
      case 'connectionError':
        return this.connectionError(param('ticket'), param('hresult'), param('message'));
      case 'getLastError':
        return this.getLastError(param('ticket'));
      case 'closeConnection':
        return this.closeConnection(param('ticket'));
      // Interactive mode is not used (qbwc.md §5.9); these answers keep QBWC's dialogs short if it ever asks.
      case 'getInteractiveURL':
        return '';
      case 'interactiveDone':
        return 'Done';
      case 'interactiveRejected':
        return 'Interactive mode is not used by this connector.';
    }
  }

  private async authenticate(username: string, password: string, client: string): Promise<string[]> {
    // Checked before anything else, always: a correct password is accepted however many wrong ones came from
    // the same address (behind a reverse proxy, everyone may share it). Only wrong answers are slowed.
    const userOk = secretsEqual(username, this.config.qbwc.username);
    const passOk = secretsEqual(password, this.config.qbwc.password);
    if (!(userOk && passOk)) {
      const verdict = await this.throttle.failed(client);
      this.logger.warn({
        event: verdict.delayedMs > 0 || verdict.capped ? 'qbwc.auth_throttled' : 'qbwc.auth_failed',
        client,
        failures: verdict.failures,
        delayedMs: verdict.delayedMs,
        ...(verdict.capped ? { capped: true } : {}),
        action: 'check the user name in the .qwc and the password typed into Web Connector; many failures from one address mean someone is guessing',
      });
      return ['', 'nvu'];
    }
    const now = this.clock.now();
    const idleBefore = now.getTime() - this.config.qbwc.sessionTimeoutMs;

    const ticket = newTicket();
    const base = newSessionRow(ticket, username, this.config.qbwc.companyFile, now);
    const open = [];
    // One read of the open sessions serves the idle expiry too (as expireIdleSessions would): this runs on every
    // authenticate, including each "busy" one of many concurrent Web Connector runs.
    for (const s of await this.sessions.findOpen()) {
      if (s.lastSeenAt.getTime() < idleBefore) await this.expire(s, 'idle timeout');
      // A session last served by a boot that no longer runs belongs to a process that is gone (killed, restarted):
      // its Web Connector run is over, so the new run takes over at once instead of being told "busy". With several
      // processes on one PostgreSQL another boot may well be alive (it answered the session's last call): the
      // boot's own advisory lock tells (OwnershipService.isBootAlive).
      else if (s.bootId !== BOOT_ID && !(await this.ownership.isBootAlive(s.bootId))) await this.expire(s, 'its process is gone (restart)');
      else if (now.getTime() - s.lastSeenAt.getTime() > this.config.qbwc.takeoverAfterMs) await this.expire(s, 'taken over by a new session');
      else open.push(s);
    }
    if (open.length > 0) return this.busy(ticket, base, 'another session is open');
    if (!(await this.provider.hasWork())) {
      await this.sessions.insert({ ...base, state: 'closed', lastError: null, closedAt: now });
      this.logger.log({ event: 'qbwc.no_work', ticket: base.ticketPrefix });
      return [ticket, 'none'];
    }
    // Another run may have read no open session at the same moment: the database gives the slot to one of them.
    if (!(await this.sessions.open(base))) return this.busy(ticket, base, 'another run opened a session at the same moment');
    // The session holds the slot from here: runs told busy from now on are its own.
    this.busyRuns.take();
    await this.provider.startSession(this.context(base));
    this.logger.log({ event: 'qbwc.session_started', ticket: base.ticketPrefix });
    return [ticket, this.config.qbwc.companyFile];
  }

  /** One session at a time per company: two would hand out the same queued work twice. */
  private async busy(ticket: string, run: QbwcSessionEntity, reason: string): Promise<string[]> {
    await this.sessions.insert({ ...run, state: 'closed', lastError: 'busy', closedAt: run.createdAt });
    const line = { event: 'qbwc.busy', ticket: run.ticketPrefix, reason };
    if (this.busyRuns.note()) this.logger.log({ ...line, action: 'none: later runs told busy meanwhile are counted in qbwc.session_closed' });
    else this.logger.debug(line);
    return [ticket, 'busy'];
  }

  private async sendRequestXML(ticket: string, hcp: string, major: string, minor: string): Promise<string> {
    const session = await this.liveSession(ticket);
    if (!session) return '';
    const ctx = this.context(session);
    if (hcp !== '' && !(await this.companyFileIsOurs(session, hcp))) return '';
    try {
      if (hcp !== '') await this.provider.noteHostResponse(ctx, hcp);
      const request = await this.provider.nextRequest(ctx);
      await this.sessions.update(session.ticketHash, {
        lastCall: 'sendRequestXML',
        lastSeenAt: this.clock.now(),
        bootId: BOOT_ID,
        qbxmlVersion: major !== '' ? `${major.trim()}.${minor.trim() || '0'}` : session.qbxmlVersion,
      });
      return request ?? '';
    } catch (err) {
      return this.fail(session, 'sendRequestXML', err, '');
    }
  }

  private async receiveResponseXML(ticket: string, response: string, hresult: string, message: string): Promise<number> {
    const session = await this.liveSession(ticket);
    if (!session) return -1;
    const hasHresult = hresult.trim() !== '';
    try {
      // QuickBooks's answer is parsed and stored in one go (a page of 20-52 KiB holds the event loop 3-14 ms), so the
      // calls of other Web Connectors that arrived meanwhile are answered first, for a bounded time (issue 14).
      if (response !== '' && !hasHresult) await this.calls.stepAside(GIVE_WAY_MAX_MS);
      const outcome = await this.provider.handleResponse(this.context(session), { response, hresult: hresult.trim(), message });
      const progress = Math.max(0, Math.min(100, Math.round(outcome.progress)));
      const error = outcome.error ?? (hasHresult ? `QuickBooks reported ${hresult.trim()}: ${message}` : null);
      await this.sessions.update(session.ticketHash, {
        lastCall: 'receiveResponseXML',
        lastSeenAt: this.clock.now(),
        bootId: BOOT_ID,
        rounds: session.rounds + 1,
        progress,
        lastError: error ?? session.lastError,
        lastHresult: hasHresult ? hresult.trim().slice(0, 20) : session.lastHresult,
      });
      if (outcome.error) {
        this.logger.warn({ event: 'qbwc.session_error', ticket: session.ticketPrefix, hresult: hresult.trim() || undefined, error: outcome.error });
        return -101;
      }
      return progress;
    } catch (err) {
      return this.fail(session, 'receiveResponseXML', err, -102);
    }
  }

  private async connectionError(ticket: string, hresult: string, message: string): Promise<string> {
    const session = await this.liveSession(ticket);
    if (!session) return 'done';
    const text = `Web Connector could not open the QuickBooks company file (${hresult.trim() || 'no HRESULT'}: ${message}). Open QuickBooks with the company file and run the update again.`;
    await this.sessions.update(session.ticketHash, {
      state: 'closed',
      closedAt: this.clock.now(),
      lastSeenAt: this.clock.now(),
      lastCall: 'connectionError',
      lastError: text,
      lastHresult: hresult.trim().slice(0, 20) || null,
    });
    this.logger.warn({ event: 'qbwc.connection_error', ticket: session.ticketPrefix, hresult: hresult.trim(), message });
    await this.provider.endSession(this.context(session), 'connection-error');
    // Retrying the same file is pointless without the user (qbwc.md §5.7, PG ch.8 p.51): stop.
    return 'done';
  }

  private async getLastError(ticket: string): Promise<string> {
    const session = await this.findSession(ticket);
    if (!session) return UNKNOWN_TICKET;
    await this.sessions.update(session.ticketHash, { lastCall: 'getLastError', lastSeenAt: this.clock.now() });
    // Web Connector shows this text (after an empty sendRequestXML, too): with no error, say what the session did
    // and what waits, never an empty or bare answer.
    if (session.lastError !== null) return session.lastError;
    return (session.state === 'open' ? await this.provider.describe(this.context(session)) : null) ?? 'Nothing more to do in this session.';
  }

  private async closeConnection(ticket: string): Promise<string> {
    const session = await this.findSession(ticket);
    if (!session) return 'OK';
    let summary: string | null = null;
    if (session.state === 'open') {
      await this.sessions.update(session.ticketHash, {
        state: 'closed',
        closedAt: this.clock.now(),
        lastSeenAt: this.clock.now(),
        lastCall: 'closeConnection',
      });
      summary = await this.provider.endSession(this.context(session), 'closed');
      this.logger.log({
        event: 'qbwc.session_closed',
        ticket: session.ticketPrefix,
        rounds: session.rounds,
        error: session.lastError ?? undefined,
        summary: summary ?? undefined,
        busyRuns: this.busyRuns.take() || undefined,
      });
    }
    if (session.lastError === 'busy') return 'Another Web Connector session is running; this one was skipped.';
    if (session.lastError) return `Finished with problems: ${session.lastError}${summary ? ` ${summary}` : ''}`;
    // A run that had nothing to do ("none") still says what waits, or that Bitrix24 is not configured: never a bare OK.
    if (summary !== null) return summary;
    return session.rounds > 0 ? `OK: ${session.rounds} exchanges with QuickBooks` : this.provider.describeIdle();
  }

  /**
   * With QB_COMPANY_FILE empty, Web Connector works on whatever company is open in QuickBooks; syncing another
   * company into the same Bitrix24 portal would mix two sets of books, so such a session stops before any work.
   */
  private async companyFileIsOurs(session: QbwcSessionEntity, hcp: string): Promise<boolean> {
    const check = checkCompanyFile(hcp, this.identities.issued());
    if (check.kind !== 'mismatch') {
      if (check.kind === 'unverifiable') this.logger.debug({ event: 'qbwc.company_unverified', ticket: session.ticketPrefix });
      return true;
    }
    const message = `Web Connector opened a different QuickBooks company file ("${check.companyName}") than the one this connector was set up for. Nothing was synced. Open the right company file in QuickBooks, or set QB_COMPANY_FILE.`;
    this.logger.error({ event: 'qbwc.company_mismatch', ticket: session.ticketPrefix, action: 'open the right company file; nothing was synced' });
    await this.sessions.update(session.ticketHash, { lastCall: 'sendRequestXML', lastSeenAt: this.clock.now(), lastError: message });
    return false;
  }

  /** Sessions QBWC abandoned (no keep-alive exists, qbwc.md §10) are expired so their work is released. */
  async expireIdleSessions(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.qbwc.sessionTimeoutMs);
    const idle = await this.sessions.findIdleOpen(cutoff);
    for (const s of idle) await this.expire(s, 'idle timeout');
    return idle.length;
  }

  private async expire(s: QbwcSessionEntity, reason: string): Promise<void> {
    await this.sessions.update(s.ticketHash, { state: 'expired', closedAt: this.clock.now() });
    await this.provider.endSession(this.context(s), 'expired');
    this.logger.warn({ event: 'qbwc.session_expired', ticket: s.ticketPrefix, lastCall: s.lastCall, reason });
  }

  /** The session a ticket names, in any state; an empty ticket (as after "nvu") names none. */
  private findSession(ticket: string): Promise<QbwcSessionEntity | null> {
    return ticket === '' ? Promise.resolve(null) : this.sessions.findByTicketHash(hashTicket(ticket));
  }

  private async liveSession(ticket: string): Promise<QbwcSessionEntity | null> {
    const session = await this.findSession(ticket);
    if (!session || session.state !== 'open') return null;
    if (this.clock.now().getTime() - session.lastSeenAt.getTime() > this.config.qbwc.sessionTimeoutMs) {
      await this.expireIdleSessions();
      return null;
    }
    return session;
  }

  private async fail<T>(session: QbwcSessionEntity, op: string, err: unknown, answer: T): Promise<T> {
    const reason = err instanceof Error ? err.message : String(err);
    this.logger.error({ event: 'qbwc.provider_failed', op, ticket: session.ticketPrefix, reason });
    await this.sessions.update(session.ticketHash, {
      lastCall: op,
      lastSeenAt: this.clock.now(),
      lastError: `The connector failed while preparing data (${reason}). Nothing was lost; the next update retries. See /status.`,
    });
    return answer;
  }

  private context(s: QbwcSessionEntity): QbwcSessionContext {
    return { ticketHash: s.ticketHash, ticketPrefix: s.ticketPrefix, companyFile: s.companyFile };
  }
}
