/** The options a QuickBooksCompany is created with, and the entries of its request log. */
import type { QbProcessResult } from '../quickbooks-request-processor.js';
import type { CompanyPreferences } from './company-data.type.js';
import type { QuickBooksVariants } from './variants.type.js';

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
