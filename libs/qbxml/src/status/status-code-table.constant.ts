import type { StatusRule } from './status-action.type.js';

/** Every statusCode listed in qbxml.md §7, with the connector's action. */
export const STATUS_CODE_TABLE: ReadonlyMap<number, StatusRule> = new Map<number, StatusRule>([
  [0, { action: 'ok', operatorMessage: 'QuickBooks accepted the request.' }],
  [1, { action: 'no-match', operatorMessage: 'QuickBooks found no matching records; nothing to do.' }],
  [500, { action: 'ok', operatorMessage: 'Some requested records no longer exist in QuickBooks; the others were read. Their links will be re-checked.' }],
  [501, { action: 'ok', operatorMessage: 'QuickBooks could not return an object in this qbXML version; logged.' }],
  [510, { action: 'ok', operatorMessage: 'QuickBooks could not return some data; logged.' }],
  [530, { action: 'ok', operatorMessage: 'QuickBooks saved the record but ignored a field this edition does not support.' }],
  [531, { action: 'ok', operatorMessage: 'QuickBooks ignored a value this edition does not support; logged.' }],
  [550, { action: 'ok', operatorMessage: 'QuickBooks saved the record but not its notes; logged.' }],
  [560, { action: 'ok', operatorMessage: 'A deprecated field was used; logged for the developers.' }],
  [570, { action: 'ok', operatorMessage: 'QuickBooks could not link to a closed transaction; the record was saved without the link.' }],
  [600, { action: 'ok', operatorMessage: 'QuickBooks reported no cleared state; logged.' }],
  [
    1000,
    {
      action: 'retry-later',
      operatorMessage: 'QuickBooks had an internal error. The item will be retried; if it keeps failing, check the QuickBooks log (qbsdklog.txt).',
    },
  ],
  [1010, { action: 'retry-later', operatorMessage: 'QuickBooks was not available. The item will be retried in the next session.' }],
  [1030, { action: 'dead-letter', operatorMessage: 'This QuickBooks edition does not support the request. The item is parked; check the QuickBooks edition.' }],
  [1060, { action: 'dead-letter', operatorMessage: 'The request ID was invalid (too long). This is a connector bug; the item is parked.' }],
  [
    3000,
    { action: 're-read-and-retry', operatorMessage: 'QuickBooks does not know an ID we sent; the record may have been deleted. The link will be re-checked.' },
  ],
  [3010, { action: 'dead-letter', operatorMessage: 'A yes/no value was invalid. This is a connector bug; the item is parked.' }],
  [3020, { action: 'dead-letter', operatorMessage: 'A date was invalid. This is a connector bug; the item is parked.' }],
  [3030, { action: 'dead-letter', operatorMessage: 'A date range was invalid (start after end). This is a connector bug; the item is parked.' }],
  [3031, { action: 'dead-letter', operatorMessage: 'A text range was invalid. This is a connector bug; the item is parked.' }],
  [3035, { action: 'dead-letter', operatorMessage: 'A time interval was invalid. This is a connector bug; the item is parked.' }],
  [3070, { action: 'fix-data', operatorMessage: 'A text value is longer than QuickBooks allows. Shorten it in Bitrix24, then requeue the item.' }],
  [
    3100,
    {
      action: 're-read-and-retry',
      operatorMessage:
        'The name is already used in QuickBooks. The connector looks it up and links it if it is the same record; if it belongs to another customer, vendor or employee, rename one of them and requeue.',
    },
  ],
  [3120, { action: 'fix-data', operatorMessage: 'The QuickBooks record was not found (deleted?). Confirm, then re-link or re-create it and requeue.' }],
  [
    3140,
    {
      action: 'retry-later',
      operatorMessage:
        'The record refers to something QuickBooks does not have yet (customer, item, account…). The dependency is synced first and the item retried; if it stays missing, create it in QuickBooks.',
    },
  ],
  [3150, { action: 'dead-letter', operatorMessage: 'A required field was missing. This is a connector bug; the item is parked.' }],
  [3170, { action: 'retry-later', operatorMessage: 'Someone was editing the record in QuickBooks. The item will be retried.' }],
  [
    3171,
    {
      action: 'fix-data',
      operatorMessage: 'The transaction date is on or before the QuickBooks closing date. Change the date or the closing date, then requeue.',
    },
  ],
  [3175, { action: 'retry-later', operatorMessage: 'QuickBooks could not lock the record (in use). The item will be retried.' }],
  [3176, { action: 'retry-later', operatorMessage: 'The record is in use in QuickBooks. The item will be retried.' }],
  [
    3180,
    {
      action: 'fix-data',
      operatorMessage: 'QuickBooks could not save the record (a business rule such as a credit limit). Read the message, fix the data, then requeue.',
    },
  ],
  [
    3200,
    {
      action: 're-read-and-retry',
      operatorMessage: 'The record changed in QuickBooks since we read it. The connector re-reads it and applies the change again.',
    },
  ],
  [3210, { action: 'fix-data', operatorMessage: 'QuickBooks rejected a value (e.g. paying more than is due). Fix the data, then requeue.' }],
  [3231, { action: 'retry-later', operatorMessage: 'QuickBooks skipped the request because an earlier one in the same batch failed. It will be sent again.' }],
  [
    3250,
    { action: 'fix-data', operatorMessage: 'The feature is turned off in QuickBooks (e.g. estimates). Enable it in QuickBooks preferences, then requeue.' },
  ],
  [3260, { action: 'fix-data', operatorMessage: "The QuickBooks user lacks permission. Give the integrated application's user the right role, then requeue." }],
  [
    3261,
    {
      action: 'fix-data',
      operatorMessage: 'The application may not access personal data in QuickBooks. Allow it in the Integrated Applications preferences, then requeue.',
    },
  ],
  [9001, { action: 'dead-letter', operatorMessage: 'QuickBooks returned an undocumented error (9001). The item is parked; see the status message.' }],
]);

/** Whole-message failures relayed by QBWC (qbwc.md §12, qbxml.md §7). Keys are upper-case "0x8004XXXX". */
export const HRESULT_TABLE: ReadonlyMap<string, StatusRule> = new Map<string, StatusRule>([
  [
    '0x80040400',
    {
      action: 'dead-letter',
      operatorMessage: 'QuickBooks could not parse the request XML. This is a connector bug; the batch is parked and must not be resent unchanged.',
    },
  ],
  [
    '0x80040401',
    {
      action: 'retry-later',
      operatorMessage: 'QuickBooks could not be accessed. It will be retried in the next session; make sure QuickBooks is running with the company file open.',
    },
  ],
  ['0x80040402', { action: 'retry-later', operatorMessage: 'QuickBooks reported an unexpected error. It will be retried; check qbsdklog.txt if it repeats.' }],
  [
    '0x80040408',
    {
      action: 'retry-later',
      operatorMessage: 'QuickBooks could not be started. It will be retried; check that it is installed and can open the company file.',
    },
  ],
  [
    '0x80040409',
    { action: 'fix-data', operatorMessage: 'The running QuickBooks version cannot open this company file. Upgrade QuickBooks or open the right file.' },
  ],
  ['0x8004040D', { action: 'retry-later', operatorMessage: 'The Web Connector session ticket was invalid. A new session will be started.' }],
  ['0x80040414', { action: 'retry-later', operatorMessage: 'A dialog is open in QuickBooks. Close it; the item will be retried.' }],
  ['0x80040416', { action: 'retry-later', operatorMessage: 'No company file is open in QuickBooks. Open it; the item will be retried.' }],
  ['0x80040417', { action: 'retry-later', operatorMessage: 'The company file is not open in QuickBooks. Open it; the item will be retried.' }],
  ['0x8004041A', { action: 'fix-data', operatorMessage: 'This application is not authorised in QuickBooks. Authorise it under Integrated Applications.' }],
  [
    '0x8004041B',
    { action: 'fix-data', operatorMessage: 'This application is not authorised to log in automatically. Allow it under Integrated Applications.' },
  ],
  ['0x80040420', { action: 'fix-data', operatorMessage: 'The QuickBooks user denied access to this application. Grant access in QuickBooks.' }],
]);
