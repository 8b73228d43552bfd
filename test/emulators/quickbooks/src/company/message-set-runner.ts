/** Runs a qbXML message set request by request (onError, 3231, includeNone, injected statuses) into the QBXMLMsgsRs response. */
import { create } from 'xmlbuilder2';
import type { QbProcessResult } from '../quickbooks-request-processor.js';
import type { LengthViolation, SchemaValidator } from '../schema/validate-element.js';
import type { CompanyClock } from '../time/company-clock.js';
import type { XmlElement } from '../xml/xml-element.type.js';
import type { CompanyPreferences } from './company-data.type.js';
import { companyRet, hostRet, preferencesRet } from './company-info-rets.js';
import { type FaultQueue, defaultFaultMessage } from './fault-queue.js';
import { HRESULT_PARSE_ERROR } from './fault.type.js';
import { checkMessageSet } from './message-set-check.js';
import { status } from './qb-status.js';
import type { RequestLogEntry } from './quickbooks-company-options.type.js';
import type { RequestExecutor, RequestOutcome } from './request-executor.js';
import { serialise, writeRs } from './response-xml.js';
import type { RetWriter, XmlNode } from './ret-writer.js';

type Answer = RequestLogEntry['answers'][number];

export interface MessageSetRunnerDeps {
  readonly validator: SchemaValidator;
  readonly writer: RetWriter;
  readonly executor: RequestExecutor;
  readonly faults: FaultQueue;
  readonly maxVersion: number;
  readonly afterStopOnError: 'omit' | '3231';
  /** The company the Host/Company/Preferences queries describe (read at every request). */
  readonly company: { readonly companyName: string; readonly clock: CompanyClock; readonly preferences: CompanyPreferences };
}

export class MessageSetRunner {
  constructor(private readonly deps: MessageSetRunnerDeps) {}

  /** strHCPResponse for the QBWC simulator (qbwc.md §5.4, §10; qbxml.md §10 item 33). */
  hcpResponse(ownerId: string, fileId: string): string {
    const { writer, company } = this.deps;
    const msgs = create().ele('QBXML').ele('QBXMLMsgsRs');
    writeRs(writer, msgs, 'HostQueryRs', '0', { code: 0, severity: 'Info', message: 'Status OK' }, [
      { name: 'HostRet', fields: hostRet(this.deps.maxVersion) },
    ]);
    writeRs(writer, msgs, 'CompanyQueryRs', '1', { code: 0, severity: 'Info', message: 'Status OK' }, [
      { name: 'CompanyRet', fields: companyRet(company.companyName, company.clock, ownerId, fileId) },
    ]);
    writeRs(writer, msgs, 'PreferencesQueryRs', '2', { code: 0, severity: 'Info', message: 'Status OK' }, [
      { name: 'PreferencesRet', fields: preferencesRet(company.preferences) },
    ]);
    return serialise(msgs);
  }

  /** Answers a message set; each answered request is appended to `answers`. */
  run(xml: string, answers: Answer[]): QbProcessResult {
    const checked = checkMessageSet(xml, this.deps.validator, this.deps.maxVersion);
    if (!checked) return { ok: false, ...HRESULT_PARSE_ERROR };
    const { msgs, onError, lengthIssues } = checked;
    const out = create().ele('QBXML').ele('QBXMLMsgsRs');
    const includeNone = msgs.attrs['responseData'] === 'includeNone';
    let stopped = false;
    msgs.children.forEach((rq, i) => {
      const rsName = rq.name.replace(/Rq$/, 'Rs');
      const requestID = rq.attrs['requestID'];
      if (stopped) {
        if (this.deps.afterStopOnError === '3231')
          this.answer(answers, out, rsName, requestID, { status: status(3231, 'The request has not been processed.'), rets: [] }, includeNone);
        return;
      }
      const outcome = this.executeOne(rq, lengthIssues[i]);
      this.answer(answers, out, rsName, requestID, outcome, includeNone);
      if (onError === 'stopOnError' && outcome.status.severity === 'Error') stopped = true;
    });
    return { ok: true, response: serialise(out) };
  }

  private executeOne(rq: XmlElement, lengthIssue: LengthViolation | undefined): RequestOutcome {
    const { company } = this.deps;
    const requestID = rq.attrs['requestID'];
    if (requestID !== undefined && requestID.length > 50) return { status: status(1060, `Invalid request ID "${requestID}": possibly too long.`), rets: [] };
    if (lengthIssue) return { status: status(3070, `The string "${lengthIssue.value}" in the field "${lengthIssue.field}" is too long.`), rets: [] };
    const fault = this.deps.faults.take((s) => 'statusCode' in s);
    if (fault && 'statusCode' in fault) return { status: status(fault.statusCode, fault.statusMessage ?? defaultFaultMessage(fault.statusCode)), rets: [] };
    if (rq.name === 'HostQueryRq') return { status: status(0, 'Status OK'), rets: [{ name: 'HostRet', fields: hostRet(this.deps.maxVersion) }] };
    if (rq.name === 'CompanyQueryRq')
      return { status: status(0, 'Status OK'), rets: [{ name: 'CompanyRet', fields: companyRet(company.companyName, company.clock) }] };
    if (rq.name === 'PreferencesQueryRq')
      return { status: status(0, 'Status OK'), rets: [{ name: 'PreferencesRet', fields: preferencesRet(company.preferences) }] };
    // Known but unmodelled requests (ReceivePaymentMod, SalesOrderMod, …) are not run half-way.
    if (this.deps.validator.schema.requests[rq.name] === undefined)
      return { status: status(1030, `The request "${rq.name}" is not supported by this implementation.`), rets: [] };
    return this.deps.executor.execute(rq);
  }

  private answer(answers: Answer[], out: XmlNode, rsName: string, requestID: string | undefined, outcome: RequestOutcome, includeNone: boolean): void {
    answers.push({ rq: rsName.replace(/Rs$/, 'Rq'), requestID, statusCode: outcome.status.code });
    writeRs(this.deps.writer, out, rsName, requestID, outcome.status, includeNone ? [] : outcome.rets, outcome.extraAttrs);
  }
}
