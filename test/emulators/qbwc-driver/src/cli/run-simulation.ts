import { parseArgs } from 'node:util';
import type { QuickBooksRequestProcessor } from '../quickbooks-request-processor.js';
import { parseQwc } from '../qwc/parse-qwc.js';
import type { TranscriptEntry } from '../session-result.type.js';
import type { FetchLike } from '../soap/post-soap.js';
import { ENVELOPE_STYLES, type EnvelopeStyle } from '../soap/soap-constants.js';
import { WebConnectorDriver } from '../web-connector-driver.js';

export interface SimulationDeps<C extends QuickBooksRequestProcessor> {
  /** Loads the company JSON file (the emulator's loadCompanyFile in the real CLI). */
  readonly loadCompany: (path: string) => C | Promise<C>;
  /** Writes the company back to its JSON file (--save). */
  readonly saveCompany: (company: C, path: string) => void | Promise<void>;
  /** Reads a .qwc file (--qwc). */
  readonly readFile: (path: string) => Promise<string>;
  readonly print: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch?: FetchLike;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Default OwnerID/FileID when neither --qwc nor --owner-id/--file-id is given (Intuit SDK sample QWC values). */
export const DEFAULT_OWNER_ID = '{87EDAAF8-637E-4203-867F-4BA79C2F8998}';
export const DEFAULT_FILE_ID = '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}';

/**
 * The user name when neither --user nor --qwc names one: env QBWC_USERNAME, else the connector's own default
 * (INTERFACE.md, QBWC_USERNAME = qbconnector), so the README's `--url … --password … --company …` signs in.
 */
export const DEFAULT_USER = 'qbconnector';

export const USAGE = `Usage: qbwc:simulate -- --url <AppURL> --company <company.json>
       [--password <pw> | env QBWC_PASSWORD] [--user <name> | env QBWC_USERNAME, default ${DEFAULT_USER}]
       [--qwc <file.qwc>] [--owner-id {GUID}] [--file-id {GUID}]
       [--sessions N] [--save] [--envelope-style soap|SOAP-ENV|default|random] [--max-rounds N]
--qwc supplies AppURL, UserName, OwnerID and FileID from a .qwc file (checked like QBWC does).`;

const ARGS = {
  url: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  company: { type: 'string' },
  qwc: { type: 'string' },
  'owner-id': { type: 'string' },
  'file-id': { type: 'string' },
  sessions: { type: 'string' },
  save: { type: 'boolean' },
  'envelope-style': { type: 'string' },
  'max-rounds': { type: 'string' },
  help: { type: 'boolean' },
} as const;

/**
 * The qbwc:simulate CLI without process globals: runs N Web Connector sessions against a server,
 * printing each call and a progress bar, and optionally saves the company. Resolves to the exit code
 * (0 all runs completed or had nothing to do, 1 a run failed, 2 bad usage). Never prints the password.
 */
export async function runSimulation<C extends QuickBooksRequestProcessor>(argv: readonly string[], deps: SimulationDeps<C>): Promise<number> {
  let values;
  try {
    values = parseArgs({ args: [...argv], options: ARGS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    deps.print(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    deps.print(USAGE);
    return 0;
  }
  const qwc = values.qwc === undefined ? undefined : parseQwc(await deps.readFile(values.qwc));
  const url = values.url ?? qwc?.appUrl;
  const user = values.user ?? qwc?.userName ?? deps.env.QBWC_USERNAME ?? DEFAULT_USER;
  const password = values.password ?? deps.env.QBWC_PASSWORD;
  const companyPath = values.company;
  const sessions = Number(values.sessions ?? '1');
  const maxRounds = Number(values['max-rounds'] ?? '10000');
  const style = values['envelope-style'] ?? 'soap';
  const problems = [
    url === undefined ? '--url (or --qwc) is required' : '',
    password === undefined ? '--password or env QBWC_PASSWORD is required' : '',
    companyPath === undefined ? '--company is required' : '',
    Number.isInteger(sessions) && sessions >= 1 ? '' : '--sessions must be a positive integer',
    Number.isInteger(maxRounds) && maxRounds >= 1 ? '' : '--max-rounds must be a positive integer',
    isEnvelopeStyle(style) ? '' : `--envelope-style must be one of ${[...ENVELOPE_STYLES, 'random'].join(', ')}`,
  ].filter((p) => p !== '');
  if (problems.length > 0 || url === undefined || password === undefined || companyPath === undefined || !isEnvelopeStyle(style)) {
    deps.print(`${problems.join('\n')}\n${USAGE}`);
    return 2;
  }

  const company = await deps.loadCompany(companyPath);
  const driver = new WebConnectorDriver({
    appUrl: url,
    username: user,
    password,
    processor: company,
    ownerId: values['owner-id'] ?? qwc?.ownerId ?? DEFAULT_OWNER_ID,
    fileId: values['file-id'] ?? qwc?.fileId ?? DEFAULT_FILE_ID,
    envelopeStyle: style,
    maxRounds,
    onCall: (entry) => {
      deps.print(formatCall(entry));
      if (entry.op === 'receiveResponseXML' && typeof entry.answer === 'number') deps.print(progressBar(entry.answer));
    },
    ...(deps.fetch === undefined ? {} : { fetch: deps.fetch }),
    ...(deps.sleep === undefined ? {} : { sleep: deps.sleep }),
  });

  let failed = false;
  for (let i = 1; i <= sessions; i++) {
    deps.print(`=== session ${i}/${sessions} → ${url}`);
    const result = await driver.runSession();
    const code = result.qbwcError === undefined ? '' : ` ${result.qbwcError}`;
    deps.print(`=== ${result.outcome}${code}: ${result.statusText} (rounds ${result.rounds})`);
    if (result.outcome !== 'completed' && result.outcome !== 'none') failed = true;
  }
  if (values.save === true) {
    await deps.saveCompany(company, companyPath);
    deps.print(`saved company to ${companyPath}`);
  }
  return failed ? 1 : 0;
}

function isEnvelopeStyle(value: string): value is EnvelopeStyle | 'random' {
  return value === 'random' || ENVELOPE_STYLES.some((s) => s === value);
}

/** One line per call: `#3 authenticate(strUserName=qb, strPassword=***) → ["3f2a1b9c…", ""]`. Pure. */
export function formatCall(entry: TranscriptEntry): string {
  const args = Object.entries(entry.params)
    .map(([k, v]) => `${k}=${k === 'ticket' ? shortTicket(v) : short(v)}`)
    .join(', ');
  const answer = entry.answer;
  let outcome: string;
  if (entry.fault !== undefined) outcome = `FAULT ${entry.fault.code}: ${short(entry.fault.message)}`;
  else if (entry.error !== undefined) outcome = `ERROR ${short(entry.error, 120)}`;
  else if (typeof answer === 'number') outcome = String(answer);
  else if (typeof answer === 'string') outcome = short(answer);
  else if (answer === null || answer === undefined) outcome = 'null';
  else outcome = `[${answer.map((v, i) => JSON.stringify(i === 0 ? shortTicket(v) : v)).join(', ')}]`;
  return `#${entry.seq} ${entry.op}(${args}) → ${outcome}`;
}

/** A 30-column text progress bar for a receiveResponseXML percentage. Pure. */
export function progressBar(percent: number): string {
  if (percent < 0) return `   [${'!'.repeat(30)}] error ${percent}`;
  const clamped = Math.min(100, percent);
  const filled = Math.round((clamped / 100) * 30);
  return `   [${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${String(clamped).padStart(3)}%`;
}

// Tickets are bearer credentials: show 8 characters at most (STYLE §2.9).
function shortTicket(ticket: string): string {
  return ticket.length > 8 ? `${ticket.slice(0, 8)}…` : ticket;
}

function short(value: string, max = 60): string {
  const flat = JSON.stringify(value);
  return flat.length > max ? `${flat.slice(0, max)}…(${value.length} chars)` : flat;
}
