import { writeFileSync } from 'node:fs';
import { loadCompanyFile } from './dist/index.js';
const c = loadCompanyFile('fixtures/sample-company.json');
const r = await c.processRequest(`<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError"><CustomerQueryRq requestID="1"><MaxReturned>60</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq><VendorQueryRq requestID="2"><MaxReturned>3</MaxReturned></VendorQueryRq><ItemQueryRq requestID="3"/><InvoiceQueryRq requestID="4"><MaxReturned>20</MaxReturned><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq><EstimateQueryRq requestID="5"><MaxReturned>5</MaxReturned><IncludeLineItems>true</IncludeLineItems></EstimateQueryRq></QBXMLMsgsRq></QBXML>`);
writeFileSync('/dev/shm/rs.xml', r.response);
writeFileSync('/dev/shm/hcp.xml', c.hcpResponse('{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}', '{11111111-2222-3333-4444-555555555555}'));
