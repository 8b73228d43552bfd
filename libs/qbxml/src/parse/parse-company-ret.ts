import type { CompanyRet } from '../types/rets.type.js';
import { dataExt, text, type XmlNode } from './xml-node.util.js';

/** CompanyRet from a CompanyQueryRs (part of QBWC's strHCPResponse, qbwc.md §5.4). Pure. */
export function parseCompanyRet(n: XmlNode, path: string): CompanyRet {
  const CompanyName = text(n, 'CompanyName');
  const LegalCompanyName = text(n, 'LegalCompanyName');
  return {
    ...(CompanyName !== undefined && { CompanyName }),
    ...(LegalCompanyName !== undefined && { LegalCompanyName }),
    DataExtRet: dataExt(n, path),
  };
}
