import { readFileSync, writeFileSync } from 'node:fs';
import { QBXML13_MODEL } from '../schema/qbxml13-model.generated.js';
import type { SchemaModel } from '../schema/schema-model.type.js';
import { SchemaValidator } from '../schema/validate-element.js';
import { CompanyClock } from '../time/company-clock.js';
import type { QbProcessResult, QuickBooksRequestProcessor } from '../quickbooks-request-processor.js';
import type { AuxListEntry, CompanyFileJson, CompanyPreferences, FieldObject, ListKind, TxnKind, TxnRecord } from './company-data.type.js';
import { companyToJson, isCompanyFileJson, restoreStore } from './company-file-json.js';
import { countOf, idsOf, retOf } from './company-inspection.js';
import { CompanyStore } from './company-store.js';
import { defaultAuxLists } from './default-aux-lists.js';
import { DataExtOps } from './dataext.js';
import { executeExtra } from './extra-requests.js';
import { FaultQueue } from './fault-queue.js';
import { PaymentOps } from './payments.js';
import { SalesDocuments } from './sales-documents.js';
import { DEFAULT_VARIANTS, type QuickBooksVariants } from './variants.type.js';
import { type FaultSpec, HRESULT_CANNOT_START } from './fault.type.js';
import { MessageSetRunner } from './message-set-runner.js';
import type { QuickBooksCompanyOptions, RequestLogEntry } from './quickbooks-company-options.type.js';
import { RequestExecutor, toFields } from './request-executor.js';
import { type RetOptions, RetWriter } from './ret-writer.js';
import { userAddList, userAddTxn, userDelete, userEdit, userReceivePayment } from './user-actions.js';

export type { QuickBooksCompanyOptions, RequestLogEntry } from './quickbooks-company-options.type.js';
export { QuickBooksUserError } from './user-actions.js';

const DEFAULT_FILE = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Sample Company.QBW';

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
  private readonly writer: RetWriter;
  private readonly executor: RequestExecutor;
  private readonly runner: MessageSetRunner;
  private readonly faults = new FaultQueue();
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
    this.store = new CompanyStore(this.clock, this.timeZone);
    this.store.auxLists = defaultAuxLists();
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
    this.runner = new MessageSetRunner({
      validator: new SchemaValidator(model),
      writer: this.writer,
      executor: this.executor,
      faults: this.faults,
      maxVersion: Number(options.maxQbxmlVersion ?? '13.0'),
      afterStopOnError: options.afterStopOnError ?? 'omit',
      company: this,
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
    this.faults.push(n, spec);
  }

  /** Lets every hung processRequest continue (they then run normally). */
  releaseHangs(): void {
    this.faults.releaseHangs();
  }

  get pendingHangs(): number {
    return this.faults.pendingHangs;
  }

  // ---- QuickBooksRequestProcessor -------------------------------------------------------------------

  async openSession(requestedPath: string): Promise<{ readonly ok: true } | { readonly ok: false; readonly hresult: string; readonly message: string }> {
    const fault = this.faults.take((s) => 'hresult' in s && s.on === 'openSession');
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
    const hang = this.faults.take((s) => 'hang' in s);
    if (hang) await this.faults.hang();
    const fault = this.faults.take((s) => 'hresult' in s && (s.on ?? 'processRequest') === 'processRequest');
    const result: QbProcessResult =
      fault && 'hresult' in fault ? { ok: false, hresult: fault.hresult, message: fault.message } : this.runner.run(qbxmlRequest, this.lastAnswers);
    this.requestLog.push({ at: this.clock.now(), request: qbxmlRequest, result, answers: this.lastAnswers });
    this.lastAnswers = [];
    return result;
  }

  private lastAnswers: RequestLogEntry['answers'][number][] = [];

  /** strHCPResponse for the QBWC simulator (qbwc.md §5.4, §10; qbxml.md §10 item 33). */
  hcpResponse(ownerId: string, fileId: string): string {
    return this.runner.hcpResponse(ownerId, fileId);
  }

  // ---- user actions (as a user at the QuickBooks UI) -----------------------------------------------

  /** Adds a list record (fields as in the qbXML Add aggregate, e.g. `{ Name, ParentRef: { FullName } }`); returns its ListID. */
  userAddList(kind: ListKind, fields: FieldObject): string {
    return userAddList(this.store, kind, fields);
  }

  /** Adds an invoice or estimate (lines as `…LineAdd` aggregates); returns its TxnID. */
  userAddTxn(kind: TxnKind, header: FieldObject, lines: FieldObject[]): string {
    return userAddTxn(this.store, kind, header, lines, this.preferences.isUsingEstimates);
  }

  /** Edits a record like a user would: no EditSequence check, EditSequence and TimeModified bumped. */
  userEdit(id: string, changes: FieldObject): void {
    userEdit(this.store, id, changes);
  }

  userMakeInactive(listId: string): void {
    this.userEdit(listId, { IsActive: 'false' });
  }

  /** Deletes a list record or transaction, recording it for ListDeletedQuery/TxnDeletedQuery. */
  userDelete(id: string): void {
    userDelete(this.store, id);
  }

  /** Applies a customer payment to an invoice (amount as AMTTYPE). Whether QuickBooks bumps the invoice's
   *  TimeModified is unconfirmed (qbxml.md §4.4); `touchInvoice` (default true) chooses. */
  userReceivePayment(txnId: string, amount: string, touchInvoice = true): void {
    userReceivePayment(this.store, txnId, amount, touchInvoice);
  }

  // ---- inspection ---------------------------------------------------------------------------------

  /** The Ret (as QuickBooks would return it, all fields, lines included) of a record by ListID/TxnID, or undefined. */
  getRet(id: string): FieldObject | undefined {
    return retOf(this.store, this.writer, id);
  }

  findListByFullName(kind: 'Customer' | 'Vendor' | 'Item', fullName: string): FieldObject | undefined {
    const rec = this.store.findByFullName(kind, fullName);
    return rec ? this.writer.listRet(rec) : undefined;
  }

  /** Number of records of a kind (lists, transactions). */
  count(kind: ListKind | TxnKind): number {
    return countOf(this.store, kind);
  }

  /** IDs of all records of a kind, in creation order. */
  ids(kind: ListKind | TxnKind): string[] {
    return idsOf(this.store, kind);
  }

  auxList(name: string): readonly AuxListEntry[] {
    return this.store.auxLists[name] ?? [];
  }

  // ---- persistence --------------------------------------------------------------------------------

  toJSON(): CompanyFileJson {
    return companyToJson(this, this.store);
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
    restoreStore(c.store, json);
    return c;
  }

  saveCompanyFile(path: string): void {
    writeFileSync(path, `${JSON.stringify(this.toJSON(), null, 1)}\n`, 'utf8');
  }
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
