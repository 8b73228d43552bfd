/** One line of the setup page's checklist. */
export interface SetupCheck {
  readonly key: 'qbwc' | 'portal' | 'events' | 'import';
  readonly label: string;
  readonly done: boolean;
  readonly detail: string;
}

export interface SetupFacts {
  readonly lastContactAt: Date | null;
  readonly lastSession: { readonly progress: number; readonly failed: boolean } | null;
  /** null: no webhook URL; otherwise what `scope` said. */
  readonly portal: { readonly ok: boolean; readonly detail: string } | null;
  readonly lastEventAt: Date | null;
  readonly linkedRecords: number;
  /** QuickBooks records read and not yet in Bitrix24, and pages set aside after repeated failures. */
  readonly waitingRecords: number;
  readonly setAsidePages: number;
}

/**
 * The four questions a person setting up asks, answered from what the service already records. Pure.
 * The first import is done once a Web Connector session finished without error, something is linked, and nothing
 * read from QuickBooks still waits for Bitrix24.
 */
export function setupChecklist(f: SetupFacts): SetupCheck[] {
  const importDone =
    f.lastSession !== null && f.lastSession.progress >= 100 && !f.lastSession.failed && f.linkedRecords > 0 && f.waitingRecords === 0 && f.setAsidePages === 0;
  return [
    {
      key: 'qbwc',
      label: 'Web Connector contacted the service',
      done: f.lastContactAt !== null,
      detail: f.lastContactAt
        ? `last contact ${f.lastContactAt.toISOString()}`
        : 'add the .qwc file in Web Connector, type the password, press Update Selected',
    },
    {
      key: 'portal',
      label: 'Bitrix24 portal reachable',
      done: f.portal?.ok === true,
      detail: f.portal?.detail ?? 'paste and save the inbound webhook URL',
    },
    {
      key: 'events',
      label: 'Bitrix24 events arriving',
      done: f.lastEventAt !== null,
      detail: f.lastEventAt ? `last event ${f.lastEventAt.toISOString()}` : 'create the outbound webhook below; the first change in Bitrix24 shows here',
    },
    {
      key: 'import',
      label: 'First import finished',
      done: importDone,
      detail: importDone
        ? `${f.linkedRecords} records linked`
        : f.setAsidePages > 0
          ? 'some pages failed repeatedly: see the dashboard'
          : f.waitingRecords > 0
            ? `${f.waitingRecords} QuickBooks records still on their way to Bitrix24`
            : 'runs with the first Web Connector session after Bitrix24 is connected',
    },
  ];
}
