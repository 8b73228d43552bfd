/** What one company still needs before it syncs, as far as this start can tell. */
export interface SetupState {
  /** `''` for a single company, `COMPANY_ACME_` when several are hosted: the variable names the operator sets. */
  readonly envPrefix: string;
  readonly webhookConfigured: boolean;
  readonly applicationTokenConfigured: boolean;
  /** Bitrix24 polling interval (0 = off). */
  readonly pollSeconds: number;
  /** From the database; undefined when it could not be read cheaply. */
  readonly webConnectorContacted?: boolean;
  readonly eventsReceived?: boolean;
}

/** One sentence per missing piece, naming the variable to set or the step to take. Pure. */
export function missingSetup(s: SetupState): string[] {
  const todo: string[] = [];
  if (!s.webhookConfigured) todo.push(`${s.envPrefix}BITRIX24_WEBHOOK_URL is not set: nothing is sent to Bitrix24 until it is`);
  if (!s.applicationTokenConfigured) {
    const fallback =
      s.pollSeconds > 0 ? `Bitrix24 changes are found by polling every ${s.pollSeconds} s` : 'polling is off too, so no Bitrix24 change reaches QuickBooks';
    todo.push(`${s.envPrefix}BITRIX24_APPLICATION_TOKEN is not set: Bitrix24 event webhooks are refused (${fallback})`);
  } else if (s.eventsReceived === false) {
    todo.push('no Bitrix24 outbound webhook event received yet: check the outbound webhook in Bitrix24');
  }
  if (s.webConnectorContacted === false) todo.push('Web Connector has not connected yet: add the .qwc file in Web Connector and type the password');
  return todo;
}

export interface CompanyStartFacts {
  /** Undefined for a single company. */
  readonly companyId?: string;
  /** Where this company's endpoints are reached (PUBLIC_URL, plus /companies/<id>). */
  readonly publicUrl: string;
  readonly qwcFile: string;
  readonly runEveryMinutes: number;
  /** Where the Web Connector password is: its file, or the variable that sets it. Never the password. */
  readonly password: { readonly file: string } | { readonly env: string };
  readonly todo: readonly string[];
}

export interface StartFacts {
  readonly version: string;
  /** PUBLIC_URL, or http://localhost:PORT. */
  readonly rootUrl: string;
  readonly companies: readonly CompanyStartFacts[];
}

/** The start-up banner for people: where to go, where the files are, what is missing. Pure; holds no secret. */
export function bannerLines(f: StartFacts): string[] {
  const [only] = f.companies;
  if (f.companies.length === 1 && only !== undefined && only.companyId === undefined) {
    return [
      `QuickBooks-Bitrix24 Connector ${f.version} is running.`,
      `  Dashboard:              ${f.rootUrl}/`,
      `  Setup:                  ${f.rootUrl}/setup`,
      `  Web Connector file:     ${only.qwcFile} (runs every ${only.runEveryMinutes} minutes)`,
      `  Web Connector password: ${passwordLine(only.password)}`,
      ...todoLines(only.todo),
    ];
  }
  return [
    `QuickBooks-Bitrix24 Connector ${f.version} is running for ${f.companies.length} companies.`,
    `  Dashboard: ${f.rootUrl}/`,
    ...f.companies.map(
      (c) =>
        `  ${c.companyId ?? 'default'}: setup ${c.publicUrl}/setup; .qwc ${c.qwcFile} (every ${c.runEveryMinutes} min); password ${passwordLine(c.password)}; ` +
        (c.todo.length === 0 ? 'nothing missing' : `still to do: ${c.todo.join('; ')}`),
    ),
  ];
}

/** The same facts as one structured log record (JSON logs). Pure. */
export function bannerRecord(f: StartFacts): Record<string, unknown> {
  return {
    event: 'startup.ready',
    version: f.version,
    dashboardUrl: `${f.rootUrl}/`,
    companies: f.companies.map((c) => ({
      ...(c.companyId === undefined ? {} : { company: c.companyId }),
      setupUrl: `${c.publicUrl}/setup`,
      qwcFile: c.qwcFile,
      runEveryMinutes: c.runEveryMinutes,
      ...('file' in c.password ? { passwordFile: c.password.file } : { passwordFrom: c.password.env }),
      todo: c.todo,
    })),
  };
}

function passwordLine(p: CompanyStartFacts['password']): string {
  return 'file' in p ? `in ${p.file}` : `set by ${p.env}`;
}

function todoLines(todo: readonly string[]): string[] {
  return todo.length === 0 ? ['  Nothing is missing.'] : ['  Still to do:', ...todo.map((t) => `  - ${t}`)];
}
