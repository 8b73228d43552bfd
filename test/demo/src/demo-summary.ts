/** What one demo run did, for the printed summary (counts only). */
export interface DemoSummary {
  /** Per QuickBooks entity, from the import session's sync_run stats. */
  readonly imported: readonly {
    readonly entity: string;
    readonly created: number;
    readonly updated: number;
    readonly matched: number;
    readonly failed: number;
  }[];
  /** Bitrix24 → QuickBooks: the contact made in the portal and whether QuickBooks now has it. */
  readonly toQuickBooks: { readonly contact: string; readonly arrived: boolean; readonly customerAdds: number };
  readonly calls: { readonly qbwcSoap: number; readonly qbxmlRequests: number; readonly bitrix24Http: number };
  readonly sessions: readonly string[];
  readonly elapsedMs: number;
}

/** The human-readable summary block. Pure. */
export function formatSummary(s: DemoSummary): string {
  const pad = (v: string | number, n: number): string => String(v).padStart(n);
  const lines = [
    'What synced',
    '  QuickBooks → Bitrix24 (first Web Connector session, full import)',
    `    ${'entity'.padEnd(10)}${pad('created', 9)}${pad('updated', 9)}${pad('matched', 9)}${pad('failed', 8)}`,
    ...s.imported.map((r) => `    ${r.entity.padEnd(10)}${pad(r.created, 9)}${pad(r.updated, 9)}${pad(r.matched, 9)}${pad(r.failed, 8)}`),
    '  Bitrix24 → QuickBooks (contact created in the portal, next Web Connector session)',
    `    ${s.toQuickBooks.contact}: ${s.toQuickBooks.arrived ? 'now a QuickBooks customer' : 'NOT in QuickBooks'} (${s.toQuickBooks.customerAdds} CustomerAdd request(s))`,
    `Sessions: ${s.sessions.join(', ')}`,
    `Calls used: ${s.calls.qbwcSoap} Web Connector SOAP calls, ${s.calls.qbxmlRequests} qbXML requests, ${s.calls.bitrix24Http} Bitrix24 HTTP calls`,
    `Time: ${(s.elapsedMs / 1000).toFixed(1)} s`,
  ];
  return lines.join('\n');
}
