/** Writing `…Rs` elements (status attributes and Rets) into a QBXMLMsgsRs and serialising the response document. */
import type { QbStatus } from './qb-status.js';
import type { RequestOutcome } from './request-executor.js';
import type { RetWriter, XmlNode } from './ret-writer.js';

export function writeRs(
  writer: RetWriter,
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
    writer.write(rs, ret.name, writer.retType(ret.name), ret.fields);
  }
}

/** `<?xml version="1.0" ?>`, no qbxml PI, one element per line, no indentation (qbxml.md §1.2). */
export function serialise(msgsRs: XmlNode): string {
  const body = msgsRs.root().end({ headless: true, prettyPrint: true, indent: '', newline: '\n' });
  return `<?xml version="1.0" ?>\n${body}\n`;
}
