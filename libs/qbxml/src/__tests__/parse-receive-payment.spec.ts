import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQbxmlResponse, type QbxmlResponse } from '../index.js';
import { referenceRoot, samplesRoot } from './paths.js';

function first(xml: string): QbxmlResponse {
  const r = parseQbxmlResponse(xml);
  if (!r.ok) throw r.error;
  const rs = r.value.responses[0];
  if (rs === undefined) throw new Error('no response');
  return rs;
}

describe('ReceivePaymentRet (qbxml.md §4.6)', () => {
  it('a recorded payment reads with its customer, totals and the invoice it paid (CreditCardTxnInfo skipped)', () => {
    const rs = first(readFileSync(path.join(samplesRoot, 'qbxml-gem', 'receive_payment_query_rs.xml'), 'utf8'));
    expect(rs.retType).toBe('receivePayment');
    if (rs.retType !== 'receivePayment') return;
    expect(rs.rets).toHaveLength(1);
    expect(rs.rets[0]).toMatchObject({
      TxnID: '2484-1263499231',
      CustomerRef: { ListID: '800002FB-1263497272', FullName: 'Greg F' },
      TotalAmount: 11235,
      UnusedPayment: 0,
      UnusedCredits: 0,
      AppliedToTxnRet: [{ TxnID: '244B-1263497335', TxnType: 'Invoice', RefNumber: 'OP13988', BalanceRemaining: 0, Amount: 11235, LinkedTxn: [] }],
    });
  });

  it('several applications stay a list, each with its nested LinkedTxn (the §8.9 round trip)', () => {
    const xml = readFileSync(path.join(referenceRoot, 'data', 'qbxml', 'validation', 'good_payments_dataext_rs.xml'), 'utf8');
    const r = parseQbxmlResponse(xml);
    if (!r.ok) throw r.error;
    const payments = r.value.responses.find((x) => x.retType === 'receivePayment');
    if (payments?.retType !== 'receivePayment') throw new Error('no ReceivePaymentQueryRs');
    const pay = payments.rets[0];
    expect(pay?.AppliedToTxnRet.map((a) => a.TxnID)).toEqual(['4EB8-1347889479', '4EBB-1360044733']);
    expect(pay?.AppliedToTxnRet[1]?.LinkedTxn).toEqual([
      { TxnID: '4EBE-1360045371', TxnType: 'ReceivePayment', TxnDate: '2013-02-04', RefNumber: '100', LinkType: 'AMTTYPE', Amount: -10000 },
    ]);
  });

  it('an unapplied payment has no applications and its whole amount unused', () => {
    const rs = first(
      '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><ReceivePaymentQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><ReceivePaymentRet><TxnID>9-1700000000</TxnID><TimeCreated>2024-05-01T10:00:00-05:00</TimeCreated><TimeModified>2024-05-01T10:00:00-05:00</TimeModified><EditSequence>1700000000</EditSequence><CustomerRef><ListID>80000001-1700000000</ListID></CustomerRef><TxnDate>2024-05-01</TxnDate><TotalAmount>210.00</TotalAmount><UnusedPayment>210.00</UnusedPayment><UnusedCredits>0.00</UnusedCredits></ReceivePaymentRet></ReceivePaymentQueryRs></QBXMLMsgsRs></QBXML>',
    );
    if (rs.retType !== 'receivePayment') throw new Error(rs.retType);
    expect(rs.rets[0]).toMatchObject({ TotalAmount: 21000, UnusedPayment: 21000, AppliedToTxnRet: [] });
  });
});
