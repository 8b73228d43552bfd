import { readFileSync, writeFileSync } from 'node:fs';
import { create } from 'xmlbuilder2';
import { QBXML13_MODEL } from '../schema/qbxml13-model.generated.js';
import type { SchemaModel } from '../schema/schema-model.type.js';
import { type LengthViolation, SchemaValidator } from '../schema/validate-element.js';
import { CompanyClock } from '../time/company-clock.js';
import { parseQbxmlDocument } from '../xml/parse-qbxml-document.js';
import type { XmlElement } from '../xml/xml-element.type.js';
import type { QbProcessResult, QuickBooksRequestProcessor } from '../quickbooks-request-processor.js';
import type { AuxListEntry, CompanyFileJson, CompanyPreferences, FieldObject, ListKind, ListRecord, TxnKind, TxnRecord } from './company-data.type.js';
import { LIST_KINDS, TXN_KINDS } from './company-data.type.js';
import { CompanyStore } from './company-store.js';
import { defaultAuxLists } from './default-aux-lists.js';
import { DataExtOps } from './dataext.js';
import { executeExtra } from './extra-requests.js';
import { PaymentOps } from './payments.js';
import { SalesDocuments } from './sales-documents.js';
import { DEFAULT_VARIANTS, type QuickBooksVariants } from './variants.type.js';
import { type FaultSpec, HRESULT_CANNOT_START, HRESULT_PARSE_ERROR } from './fault.type.js';
import { toCents } from './money.util.js';
import { type QbStatus, status } from './qb-status.js';
import { type RequestOutcome, RequestExecutor, toFields } from './request-executor.js';
import { FULL_RET, type RetOptions, RetWriter, type XmlNode } from './ret-writer.js';

export interface QuickBooksCompanyOptions {
  readonly companyName?: string;
  readonly companyFilePath?: string;
  /** IANA zone of the QuickBooks PC (default America/New_York). */
  readonly timeZone?: string;
  readonly now?: Date;
  readonly preferences?: Partial<CompanyPreferences>;
  /** Under stopOnError, requests after the failing one are left unanswered ('omit', default) or answered 3231. */
  readonly afterStopOnError?: 'omit' | '3231';
  /** Highest qbXML version accepted in `<?qbxml version?>` (HostRet SupportedQBXMLVersion; default 13.0). */
  readonly maxQbxmlVersion?: string;
  /** Behaviour the reference leaves unknown (qbxml.md §4.6–§5.7); see QuickBooksVariants for the defaults. */
  readonly variants?: Partial<QuickBooksVariants>;
}

export interface RequestLogEntry {
  readonly at: Date;
  readonly request: string;
  readonly result: QbProcessResult;
  /** One entry per answered request: its element name, requestID and statusCode. */
  readonly answers: readonly { readonly rq: string; readonly requestID: string | undefined; readonly statusCode: number }[];
}

/** Thrown by the `user*` helpers when QuickBooks would refuse the user's action. */
export class QuickBooksUserError extends Error {
  constructor(readonly status: QbStatus) {
    super(`${status.code}: ${status.message}`);
    this.name = 'QuickBooksUserError';
  }
}

const DEFAULT_FILE = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sample Company.QBW';
const SUPPORTED_VERSIONS = ['1.0', '1.1', '2.0', '2.1', '3.0', '4.0', '4.1', '5.0', '6.0', '7.0', '8.0', '9.0', '10.0', '11.0', '12.0', '13.0'];

/**
 * An in-memory QuickBooks Desktop company file that answers qbXML 13.0 message sets the way QuickBooks does
 * (qbxml.md §10 "Emulator checklist"). Implements the QuickBooksRequestProcessor contract for the QBWC driver.
 */
export class QuickBooksCompany implements QuickBooksRequestProcessor {
  readonly clock: CompanyClock;
  readonly companyFilePath: string;
  readonly companyName: string;
  readonly timeZone: string;
  preferences: CompanyPreferences;
  readonly requestLog: RequestLogEntry[] = [];
  private readonly store: CompanyStore;
  private readonly validator: SchemaValidator;
  private readonly writer: RetWriter;
  private readonly executor: RequestExecutor;
  private readonly afterStopOnError: 'omit' | '3231';
  private readonly maxVersion: number;
  private readonly faults: { spec: FaultSpec; remaining: number }[] = [];
  private readonly hung: (() => void)[] = [];
  private sessionOpen = false;
  /** Switches for unconfirmed behaviour; may be changed between requests. */
  variants: QuickBooksVariants;
  /** Custom fields, payments and invoices from estimates / sales orders, as a user at the UI would. */
  readonly sales: SalesDocuments;

  constructor(options: QuickBooksCompanyOptions = {}, model: SchemaModel = QBXML13_MODEL) {
    this.clock = new CompanyClock(options.now);
    this.companyFilePath = options.companyFilePath ?? DEFAULT_FILE;
    this.companyName = options.companyName ?? 'Sample Company';
    this.timeZone = options.timeZone ?? 'America/New_York';
    this.preferences = { isUsingEstimates: true, ...options.preferences };
    this.afterStopOnError = options.afterStopOnError ?? 'omit';
    this.maxVersion = Number(options.maxQbxmlVersion ?? '13.0');
    this.store = new CompanyStore(this.clock, this.timeZone);
    this.store.auxLists = defaultAuxLists();
    this.validator = new SchemaValidator(model);
    this.writer = new RetWriter(model, this.store);
    this.variants = { ...DEFAULT_VARIANTS, ...options.variants };
    const variants = (): QuickBooksVariants => this.variants;
    const dataExt = new DataExtOps(this.store, variants);
    const payments = new PaymentOps(this.store, variants);
    this.store.onTxnDeleted = (t) => payments.reverse(t);
    this.sales = new SalesDocuments(this.store, dataExt, payments, variants);
    const extraDeps = {
      store: this.store,
      dataExt,
      payments,
      variants,
      toFields,
      txnRet: (t: TxnRecord, o: RetOptions) => this.writer.txnRet(t, o),
      filter: (r: FieldObject, o: RetOptions) => this.writer.filter(r, o),
    };
    this.executor = new RequestExecutor(this.store, {
      retForList: (r) => this.writer.listRet(r),
      retForTxn: (t, o) => this.writer.txnRet(t, o),
      filter: (r, o) => this.writer.filter(r, o),
      isUsingEstimates: () => this.preferences.isUsingEstimates,
      extra: (rq) => executeExtra(extraDeps, rq),
    });
  }

  // ---- clock --------------------------------------------------------------------------------------

  setNow(date: Date): void {
    this.clock.setNow(date);
  }

  advance(ms: number): void {
    this.clock.advance(ms);
  }

  // ---- faults -------------------------------------------------------------------------------------

  /** Injects a fault for the next `n` matching calls/requests (qbxml.md §10 item 31). */
  failNext(n: number, spec: FaultSpec): void {
    this.faults.push({ spec, remaining: n });
  }

  /** Lets every hung processRequest continue (they then run normally). */
  releaseHangs(): void {
    for (const resume of this.hung.splice(0)) resume();
  }

  get pendingHangs(): number {
    return this.hung.length;
  }

  private takeFault(match: (s: FaultSpec) => boolean): FaultSpec | undefined {
    const f = this.faults.find((x) => x.remaining > 0 && match(x.spec));
    if (!f) return undefined;
    f.remaining -= 1;
    if (f.remaining === 0) this.faults.splice(this.faults.indexOf(f), 1);
    return f.spec;
  }

  // ---- QuickBooksRequestProcessor -------------------------------------------------------------------

  async openSession(requestedPath: string): Promise<{ readonly ok: true } | { readonly ok: false; readonly hresult: string; readonly message: string }> {
    const fault = this.takeFault((s) => 'hresult' in s && s.on === 'openSession');
    if (fault && 'hresult' in fault) return { ok: false, hresult: fault.hresult, message: fault.message };
    if (requestedPath !== '' && requestedPath.toLowerCase() !== this.companyFilePath.toLowerCase()) return { ok: false, ...HRESULT_CANNOT_START };
    this.sessionOpen = true;
    return { ok: true };
  }

  async closeSession(): Promise<void> {
    this.sessionOpen = false;
    this.executor.endSession();
  }

  get isSessionOpen(): boolean {
    return this.sessionOpen;
  }

  async processRequest(qbxmlRequest: string): Promise<QbProcessResult> {
    const hang = this.takeFault((s) => 'hang' in s);
    if (hang) await new Promise<void>((resolve) => this.hung.push(resolve));
    const fault = this.takeFault((s) => 'hresult' in s && (s.on ?? 'processRequest') === 'processRequest');
    const result: QbProcessResult =
      fault && 'hresult' in fault ? { ok: false, hresult: fault.hresult, message: fault.message } : this.runMessageSet(qbxmlRequest);
    this.requestLog.push({ at: this.clock.now(), request: qbxmlRequest, result, answers: this.lastAnswers });
    this.lastAnswers = [];
    return result;
  }

  private lastAnswers: RequestLogEntry['answers'][number][] = [];

  /** strHCPResponse for the QBWC simulator (qbwc.md §5.4, §10; qbxml.md §10 item 33). */
  hcpResponse(ownerId: string, fileId: string): string {
    const msgs = create().ele('QBXML').ele('QBXMLMsgsRs');
    this.writeRs(msgs, 'HostQueryRs', '0', { code: 0, severity: 'Info', message: 'Status OK' }, [{ name: 'HostRet', fields: this.hostRet() }]);
    this.writeRs(msgs, 'CompanyQueryRs', '1', { code: 0, severity: 'Info', message: 'Status OK' }, [
      { name: 'CompanyRet', fields: this.companyRet(ownerId, fileId) },
    ]);
    this.writeRs(msgs, 'PreferencesQueryRs', '2', { code: 0, severity: 'Info', message: 'Status OK' }, [
      { name: 'PreferencesRet', fields: this.preferencesRet() },
    ]);
    return this.serialise(msgs);
  }

  private hostRet(): FieldObject {
    return {
      ProductName: 'QuickBooks Pro 2014',
      MajorVersion: '24',
      MinorVersion: '0',
      Country: 'US',
      SupportedQBXMLVersion: SUPPORTED_VERSIONS.filter((v) => Number(v) <= this.maxVersion),
      IsAutomaticLogin: 'false',
      QBFileMode: 'SingleUser',
    };
  }

  private companyRet(ownerId?: string, fileId?: string): FieldObject {
    const ret: FieldObject = {
      IsSampleCompany: 'false',
      CompanyName: this.companyName,
      LegalCompanyName: this.companyName,
      Address: { Addr1: '100 Main Street', City: 'New York', State: 'NY', PostalCode: '10001', Country: 'US' },
    };
    if (ownerId !== undefined && fileId !== undefined) {
      ret['DataExtRet'] = [
        { OwnerID: ownerId, DataExtName: 'AppLock', DataExtType: 'STR1024TYPE', DataExtValue: `LOCKED:EMULATOR:${this.clock.now().getTime()}` },
        { OwnerID: ownerId, DataExtName: 'FileID', DataExtType: 'STR1024TYPE', DataExtValue: fileId },
      ];
    }
    return ret;
  }

  private preferencesRet(): FieldObject {
    const b = (v: boolean): string => (v ? 'true' : 'false');
    return {
      AccountingPreferences: {
        IsUsingAccountNumbers: 'false',
        IsRequiringAccounts: 'true',
        IsUsingClassTracking: 'false',
        IsUsingAuditTrail: 'true',
        IsAssigningJournalEntryNumbers: 'true',
      },
      FinanceChargePreferences: {
        AnnualInterestRate: '0.00',
        MinFinanceCharge: '0.00',
        GracePeriod: '0',
        IsAssessingForOverdueCharges: 'false',
        CalculateChargesFrom: 'DueDate',
        IsMarkedToBePrinted: 'false',
      },
      JobsAndEstimatesPreferences: {
        IsUsingEstimates: b(this.preferences.isUsingEstimates),
        IsUsingProgressInvoicing: 'false',
        IsPrintingItemsWithZeroAmounts: 'false',
      },
    };
  }

  // ---- message set --------------------------------------------------------------------------------

  private runMessageSet(xml: string): QbProcessResult {
    const parsed = parseQbxmlDocument(xml);
    if (!parsed.ok) return { ok: false, ...HRESULT_PARSE_ERROR };
    const version = Number(parsed.doc.pis['qbxml']?.['version'] ?? 'NaN');
    // The <?qbxml version?> PI is required and must be a supported version (qbxml.md §1.1, §10 item 1).
    if (!Number.isFinite(version) || version > this.maxVersion) return { ok: false, ...HRESULT_PARSE_ERROR };
    const root = parsed.doc.root;
    const msgs = root.children[0];
    if (root.name !== 'QBXML' || root.children.length !== 1 || msgs?.name !== 'QBXMLMsgsRq' || root.text.trim() !== '')
      return { ok: false, ...HRESULT_PARSE_ERROR };
    const model = this.validator.schema;
    if (this.validator.validateAttributes(msgs, model.msgsRqAttrs, []) !== null || msgs.text.trim() !== '') return { ok: false, ...HRESULT_PARSE_ERROR };
    const onError = msgs.attrs['onError'];
    // rollbackOnError is in the XSD but not valid for QuickBooks Desktop (qbxml.md §1.1).
    if (onError === 'rollbackOnError') return { ok: false, ...HRESULT_PARSE_ERROR };
    const lengthIssues: (LengthViolation | undefined)[] = [];
    for (const rq of msgs.children) {
      if (!model.knownRequests.includes(rq.name)) return { ok: false, ...HRESULT_PARSE_ERROR };
      const type = model.requests[rq.name];
      if (type === undefined) {
        lengthIssues.push(undefined);
        continue;
      }
      const v = this.validator.validate(rq, type);
      // Any structural violation fails the whole message with no per-request answer (qbxml.md §10 item 2).
      if (!v.ok) return { ok: false, ...HRESULT_PARSE_ERROR };
      lengthIssues.push(v.lengthViolations[0]);
    }
    const out = create().ele('QBXML').ele('QBXMLMsgsRs');
    const includeNone = msgs.attrs['responseData'] === 'includeNone';
    let stopped = false;
    msgs.children.forEach((rq, i) => {
      const rsName = rq.name.replace(/Rq$/, 'Rs');
      const requestID = rq.attrs['requestID'];
      if (stopped) {
        if (this.afterStopOnError === '3231')
          this.answer(out, rsName, requestID, { status: status(3231, 'The request has not been processed.'), rets: [] }, includeNone);
        return;
      }
      const outcome = this.executeOne(rq, lengthIssues[i]);
      this.answer(out, rsName, requestID, outcome, includeNone);
      if (onError === 'stopOnError' && outcome.status.severity === 'Error') stopped = true;
    });
    return { ok: true, response: this.serialise(out) };
  }

  private executeOne(rq: XmlElement, lengthIssue: LengthViolation | undefined): RequestOutcome {
    const requestID = rq.attrs['requestID'];
    if (requestID !== undefined && requestID.length > 50) return { status: status(1060, `Invalid request ID "${requestID}": possibly too long.`), rets: [] };
    if (lengthIssue) return { status: status(3070, `The string "${lengthIssue.value}" in the field "${lengthIssue.field}" is too long.`), rets: [] };
    const fault = this.takeFault((s) => 'statusCode' in s);
    if (fault && 'statusCode' in fault) return { status: status(fault.statusCode, fault.statusMessage ?? defaultFaultMessage(fault.statusCode)), rets: [] };
    if (rq.name === 'HostQueryRq') return { status: status(0, 'Status OK'), rets: [{ name: 'HostRet', fields: this.hostRet() }] };
    if (rq.name === 'CompanyQueryRq') return { status: status(0, 'Status OK'), rets: [{ name: 'CompanyRet', fields: this.companyRet() }] };
    if (rq.name === 'PreferencesQueryRq') return { status: status(0, 'Status OK'), rets: [{ name: 'PreferencesRet', fields: this.preferencesRet() }] };
    // Known but unmodelled requests (ReceivePaymentMod, SalesOrderMod, …) are not run half-way.
    if (this.validator.schema.requests[rq.name] === undefined)
      return { status: status(1030, `The request "${rq.name}" is not supported by this implementation.`), rets: [] };
    return this.executor.execute(rq);
  }

  private answer(out: XmlNode, rsName: string, requestID: string | undefined, outcome: RequestOutcome, includeNone: boolean): void {
    this.lastAnswers.push({ rq: rsName.replace(/Rs$/, 'Rq'), requestID, statusCode: outcome.status.code });
    this.writeRs(out, rsName, requestID, outcome.status, includeNone ? [] : outcome.rets, outcome.extraAttrs);
  }

  private writeRs(
    out: XmlNode,
    rsName: string,
    requestID: string | undefined,
    st: QbStatus,
    rets: RequestOutcome['rets'],
    extra: Readonly<Record<string, string>> = {},
  ): void {
    const attrs: Record<string, string> = {};
    // requestID is echoed only when sent (qbxml.md §1.1, §10 item 4).
    if (requestID !== undefined) attrs['requestID'] = requestID;
    Object.assign(attrs, { statusCode: String(st.code), statusSeverity: st.severity, statusMessage: st.message }, extra);
    const rs = out.ele(rsName, attrs);
    for (const ret of rets) {
      if (ret.name.startsWith('#')) {
        for (const [k, v] of Object.entries(ret.fields)) if (typeof v === 'string') rs.ele(k).txt(v.replaceAll('&', '&amp;'));
        continue;
      }
      this.writer.write(rs, ret.name, this.writer.retType(ret.name), ret.fields);
    }
  }

  /** `<?xml version="1.0" ?>`, no qbxml PI, one element per line, no indentation (qbxml.md §1.2). */
  private serialise(msgsRs: XmlNode): string {
    const body = msgsRs.root().end({ headless: true, prettyPrint: true, indent: '', newline: '\n' });
    return `<?xml version="1.0" ?>\n${body}\n`;
  }

  // ---- user actions (as a user at the QuickBooks UI) -----------------------------------------------

  private orThrow<T>(r: { status: QbStatus } & T): T {
    if (r.status.severity === 'Error') throw new QuickBooksUserError(r.status);
    return r;
  }

  /** Adds a list record (fields as in the qbXML Add aggregate, e.g. `{ Name, ParentRef: { FullName } }`); returns its ListID. */
  userAddList(kind: ListKind, fields: FieldObject): string {
    const r = this.orThrow(this.store.addList(kind, fields, kind));
    if (!r.list) throw new Error('addList returned no record');
    return r.list.ListID;
  }

  /** Adds an invoice or estimate (lines as `…LineAdd` aggregates); returns its TxnID. */
  userAddTxn(kind: TxnKind, header: FieldObject, lines: FieldObject[]): string {
    const r = this.orThrow(this.store.addTxn(kind, header, lines, kind, this.preferences.isUsingEstimates));
    if (!r.txn) throw new Error('addTxn returned no record');
    return r.txn.TxnID;
  }

  /** Edits a record like a user would: no EditSequence check, EditSequence and TimeModified bumped. */
  userEdit(id: string, changes: FieldObject): void {
    const rec = this.store.lists.get(id);
    if (rec) {
      this.orThrow(this.store.modList([rec.kind], { ListID: id, EditSequence: String(rec.editSequence), ...changes }, rec.kind));
      return;
    }
    const txn = this.store.txns.get(id);
    if (!txn) throw new QuickBooksUserError(status(3120, `Object "${id}" specified in the request cannot be found.`));
    this.orThrow(this.store.modTxn(txn.kind, { TxnID: id, EditSequence: String(txn.editSequence), ...changes }, null, txn.kind));
  }

  userMakeInactive(listId: string): void {
    this.userEdit(listId, { IsActive: 'false' });
  }

  /** Deletes a list record or transaction, recording it for ListDeletedQuery/TxnDeletedQuery. */
  userDelete(id: string): void {
    const rec = this.store.lists.get(id);
    if (rec) {
      this.orThrow(this.store.deleteList(rec.kind, id));
      return;
    }
    const txn = this.store.txns.get(id);
    if (!txn) throw new QuickBooksUserError(status(3120, `Object "${id}" specified in the request cannot be found.`));
    this.orThrow(this.store.deleteTxn(txn.kind, id));
  }

  /** Applies a customer payment to an invoice (amount as AMTTYPE). Whether QuickBooks bumps the invoice's
   *  TimeModified is unconfirmed (qbxml.md §4.4); `touchInvoice` (default true) chooses. */
  userReceivePayment(txnId: string, amount: string, touchInvoice = true): void {
    const t = this.store.txns.get(txnId);
    if (!t || t.kind !== 'Invoice') throw new QuickBooksUserError(status(3120, `Object "${txnId}" specified in the request cannot be found.`));
    t.appliedCents += toCents(amount);
    if (touchInvoice) this.store.touch(t);
    this.store.changed();
  }

  // ---- inspection ---------------------------------------------------------------------------------

  /** The Ret (as QuickBooks would return it, all fields, lines included) of a record by ListID/TxnID, or undefined. */
  getRet(id: string): FieldObject | undefined {
    const rec = this.store.lists.get(id);
    if (rec) return this.writer.listRet(rec);
    const txn = this.store.txns.get(id);
    return txn ? this.writer.txnRet(txn, FULL_RET) : undefined;
  }

  findListByFullName(kind: 'Customer' | 'Vendor' | 'Item', fullName: string): FieldObject | undefined {
    const rec = this.store.findByFullName(kind, fullName);
    return rec ? this.writer.listRet(rec) : undefined;
  }

  /** Number of records of a kind (lists, transactions). */
  count(kind: ListKind | TxnKind): number {
    let n = 0;
    for (const r of this.store.lists.values()) if (r.kind === kind) n++;
    for (const t of this.store.txns.values()) if (t.kind === kind) n++;
    return n;
  }

  /** IDs of all records of a kind, in creation order. */
  ids(kind: ListKind | TxnKind): string[] {
    const lists = [...this.store.lists.values()].filter((r) => r.kind === kind).map((r) => r.ListID);
    const txns = [...this.store.txns.values()].filter((t) => t.kind === kind).map((t) => t.TxnID);
    return [...lists, ...txns];
  }

  auxList(name: string): readonly AuxListEntry[] {
    return this.store.auxLists[name] ?? [];
  }

  // ---- persistence --------------------------------------------------------------------------------

  toJSON(): CompanyFileJson {
    const iso = (ms: number): string => new Date(ms).toISOString();
    return {
      format: 'qb-b24-quickbooks-emulator/1',
      companyName: this.companyName,
      companyFilePath: this.companyFilePath,
      timeZone: this.timeZone,
      now: this.clock.now().toISOString(),
      preferences: this.preferences,
      counters: { ...this.store.counters },
      auxLists: this.store.auxLists,
      lists: [...this.store.lists.values()].map((r) => ({
        kind: r.kind,
        ListID: r.ListID,
        TimeCreated: iso(r.timeCreated),
        TimeModified: iso(r.timeModified),
        EditSequence: String(r.editSequence),
        fields: r.fields,
      })),
      txns: [...this.store.txns.values()].map((t) => ({
        kind: t.kind,
        TxnID: t.TxnID,
        TxnNumber: t.TxnNumber,
        TimeCreated: iso(t.timeCreated),
        TimeModified: iso(t.timeModified),
        EditSequence: String(t.editSequence),
        fields: t.fields,
        lines: t.lines,
        appliedCents: t.appliedCents,
        ...(t.filterModified !== undefined ? { filterModified: t.filterModified } : {}),
      })),
      // Omitted when empty, so company files written before these existed stay byte-identical.
      ...(this.store.dataExtDefs.length ? { dataExtDefs: this.store.dataExtDefs } : {}),
      ...(this.store.links.length ? { links: this.store.links } : {}),
      deleted: this.store.deleted.map((d) => ({
        type: d.type,
        id: d.id,
        isTxn: d.isTxn,
        TimeCreated: iso(d.timeCreated),
        TimeDeleted: iso(d.timeDeleted),
        name: d.name,
      })),
    };
  }

  /** Loads a company from its JSON form (as written by toJSON / the fixture generator). Throws on a wrong format. */
  static fromJSON(json: CompanyFileJson, options: Omit<QuickBooksCompanyOptions, 'companyName' | 'companyFilePath' | 'timeZone'> = {}): QuickBooksCompany {
    if (json.format !== 'qb-b24-quickbooks-emulator/1') throw new Error(`unknown company file format ${String(json.format)}`);
    const c = new QuickBooksCompany({
      ...options,
      companyName: json.companyName,
      companyFilePath: json.companyFilePath,
      timeZone: json.timeZone,
      now: options.now ?? new Date(json.now),
      preferences: { ...json.preferences, ...options.preferences },
    });
    const ms = (s: string): number => new Date(s).getTime();
    c.store.counters = { ...json.counters };
    c.store.auxLists = Object.fromEntries(Object.entries(json.auxLists).map(([k, v]) => [k, [...v]]));
    for (const r of json.lists) {
      if (!LIST_KINDS.includes(r.kind)) throw new Error(`unknown list kind ${r.kind}`);
      const rec: ListRecord = {
        kind: r.kind,
        ListID: r.ListID,
        timeCreated: ms(r.TimeCreated),
        timeModified: ms(r.TimeModified),
        editSequence: Number(r.EditSequence),
        fields: structuredClone(r.fields),
      };
      c.store.lists.set(rec.ListID, rec);
    }
    for (const t of json.txns) {
      if (!TXN_KINDS.includes(t.kind)) throw new Error(`unknown transaction kind ${t.kind}`);
      const rec: TxnRecord = {
        kind: t.kind,
        TxnID: t.TxnID,
        TxnNumber: t.TxnNumber,
        timeCreated: ms(t.TimeCreated),
        timeModified: ms(t.TimeModified),
        editSequence: Number(t.EditSequence),
        fields: structuredClone(t.fields),
        lines: structuredClone(t.lines),
        appliedCents: t.appliedCents,
        ...(t.filterModified !== undefined ? { filterModified: t.filterModified } : {}),
      };
      c.store.txns.set(rec.TxnID, rec);
    }
    c.store.dataExtDefs = structuredClone([...(json.dataExtDefs ?? [])]);
    c.store.links = structuredClone([...(json.links ?? [])]);
    for (const d of json.deleted)
      c.store.deleted.push({ type: d.type, id: d.id, isTxn: d.isTxn, timeCreated: ms(d.TimeCreated), timeDeleted: ms(d.TimeDeleted), name: d.name });
    c.store.changed();
    return c;
  }

  saveCompanyFile(path: string): void {
    writeFileSync(path, `${JSON.stringify(this.toJSON(), null, 1)}\n`, 'utf8');
  }
}

function defaultFaultMessage(code: number): string {
  switch (code) {
    case 3170:
      return 'There was an error when modifying a list element. QuickBooks error message: This list has been modified by another user.';
    case 3175:
      return 'There was an error when saving. QuickBooks error message: The internals could not be locked.';
    case 3180:
      return 'There was an error when saving a list element. QuickBooks error message: This list has been modified by another user.';
    case 3171:
      return 'An attempt was made to modify a transaction with a date that is on or before the closing date of the company.';
    default:
      return `Injected error ${code}.`;
  }
}

function isCompanyFileJson(v: unknown): v is CompanyFileJson {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as { format?: unknown }).format === 'qb-b24-quickbooks-emulator/1' &&
    Array.isArray((v as { lists?: unknown }).lists) &&
    Array.isArray((v as { txns?: unknown }).txns)
  );
}

/** Reads a company JSON file. Throws when the file is not a company file. */
export function loadCompanyFile(path: string, options: Omit<QuickBooksCompanyOptions, 'companyName' | 'companyFilePath' | 'timeZone'> = {}): QuickBooksCompany {
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!isCompanyFileJson(raw)) throw new Error(`${path} is not a QuickBooks emulator company file`);
  return QuickBooksCompany.fromJSON(raw, options);
}

/** Writes a company to a JSON file. */
export function saveCompanyFile(company: QuickBooksCompany, path: string): void {
  company.saveCompanyFile(path);
}
