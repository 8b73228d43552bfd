import { parseQbxmlResponse } from '@qb-b24/qbxml';
import type { QwcIdentity } from './qwc-identity.repository.js';

export type CompanyFileCheck =
  | { readonly kind: 'match'; readonly companyName: string }
  | { readonly kind: 'unverifiable'; readonly companyName: string }
  | { readonly kind: 'mismatch'; readonly companyName: string };

const norm = (v: string): string => v.trim().toUpperCase();

/**
 * Compares the FileID Web Connector keeps in the open company file (a data extension under our OwnerID,
 * carried in strHCPResponse) with the FileIDs of the .qwc files we issued (qbwc.md §10 "Verify the company").
 * Pure. Without our OwnerID in the company data it cannot tell, and says so.
 */
export function checkCompanyFile(hcpResponse: string, issued: readonly QwcIdentity[]): CompanyFileCheck {
  const parsed = parseQbxmlResponse(hcpResponse);
  const company = parsed.ok ? parsed.value.responses.find((r) => r.retType === 'company') : undefined;
  const ret = company?.retType === 'company' ? company.rets[0] : undefined;
  const companyName = ret?.CompanyName ?? '';
  for (const ext of ret?.DataExtRet ?? []) {
    if (ext.DataExtName !== 'FileID' || ext.OwnerID === undefined) continue;
    const ours = issued.filter((i) => norm(i.ownerId) === norm(ext.OwnerID ?? ''));
    if (ours.length === 0) continue;
    return ours.some((i) => norm(i.fileId) === norm(ext.DataExtValue)) ? { kind: 'match', companyName } : { kind: 'mismatch', companyName };
  }
  return { kind: 'unverifiable', companyName };
}
