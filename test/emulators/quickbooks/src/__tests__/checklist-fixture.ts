/** Shared by the emulator checklist specs (emulator-checklist*.spec.ts): a fresh company and the requests they reuse. */
import { QuickBooksCompany } from '../company/quickbooks-company.js';

export const PARSE_ERROR = { ok: false, hresult: '0x80040400', message: 'QuickBooks found an error when parsing the provided XML text stream.' };
export const addCustomer = (name: string, extra = '', id = '1'): string =>
  `<CustomerAddRq requestID="${id}"><CustomerAdd><Name>${name}</Name>${extra}</CustomerAdd></CustomerAddRq>`;

export function company(): QuickBooksCompany {
  return new QuickBooksCompany({ now: new Date('2024-03-01T15:00:00Z') });
}
