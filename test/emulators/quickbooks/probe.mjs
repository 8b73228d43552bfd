import { readFileSync } from 'node:fs';
import { QuickBooksCompany, loadCompanyFile } from './dist/index.js';
const R = '/work/shared/reference/data/qbxml/';
const c = loadCompanyFile('fixtures/sample-company.json');
for (const f of ['validation/good.xml','validation/badorder.xml','validation/toolong.xml','samples/qbxml-gem/customer_add_rq.xml','samples/qbxml-gem/invoice_add_rq.xml']) {
  const r = await c.processRequest(readFileSync(R+f,'latin1'));
  console.log(f, r.ok ? r.response.slice(0, 1500) : r);
}
const r = await c.processRequest(`<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError"><ItemQueryRq requestID="9" iterator="Start"><MaxReturned>2</MaxReturned></ItemQueryRq><CustomerQueryRq requestID="a"><FullName>Nope</FullName></CustomerQueryRq></QBXMLMsgsRq></QBXML>`);
console.log(r.response);
console.log(c.hcpResponse('{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}', '{11111111-2222-3333-4444-555555555555}').slice(0,800));
const t0 = performance.now(); const big = new QuickBooksCompany(); 
const { generateSampleCompany } = await import('./dist/index.js');
const s = generateSampleCompany({ scale: { customers: 10000, invoices: 10000 } }); console.log('scale ms', performance.now()-t0, s.count('Customer'), s.count('Invoice'));
