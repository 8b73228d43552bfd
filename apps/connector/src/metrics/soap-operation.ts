import { isQbwcOperation } from '@qb-b24/qbwc-soap';

/** The Web Connector paths (STYLE: `/soap` and `/qbwc`, trailing slash and query allowed). Pure. */
export function isQbwcPath(url: string): boolean {
  const path = url.split('?')[0]?.toLowerCase() ?? '';
  return /^\/(soap|qbwc)\/?$/.test(path);
}

/**
 * The QBWC operation of a request, for a metric label. QBWC sends `SOAPAction: "http://developer.intuit.com/<op>"`
 * (shared/reference, Web Connector WSDL); anything else is bucketed so a caller cannot grow the label set. Pure.
 */
export function soapOperationLabel(method: string, url: string, soapAction: string | string[] | undefined): string {
  if (method === 'GET') return url.toLowerCase().includes('?wsdl') ? 'wsdl' : 'probe';
  const raw = (Array.isArray(soapAction) ? soapAction[0] : soapAction) ?? '';
  const name = raw.replace(/^"|"$/g, '').split('/').pop() ?? '';
  return isQbwcOperation(name) ? name : 'other';
}
