import { describe, expect, it } from 'vitest';
import { buildQbxmlRequest, parseQbxmlResponse, QbxmlError, type QbxmlResponse } from '../index.js';

const wrap = (inner: string): string => `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n${inner}\n</QBXMLMsgsRs>\n</QBXML>`;

function responses(xml: string): readonly QbxmlResponse[] {
  const r = parseQbxmlResponse(xml);
  if (!r.ok) throw r.error;
  return r.value.responses;
}

describe('custom-field writes (DataExtAdd / DataExtMod / DataExtDel, qbxml.md §4.10)', () => {
  it('an added or changed value comes back as the DataExtRet QuickBooks now holds', () => {
    const [add, mod] = responses(
      wrap(
        [
          '<DataExtAddRs requestID="1-o7" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><DataExtRet><OwnerID>0</OwnerID><DataExtName>Region</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>North &amp; West</DataExtValue></DataExtRet></DataExtAddRs>',
          '<DataExtModRs requestID="1-o8" statusCode="0" statusSeverity="Info"><DataExtRet><DataExtName>Colour</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>Blue</DataExtValue></DataExtRet></DataExtModRs>',
        ].join(''),
      ),
    );
    expect(add).toMatchObject({ kind: 'DataExtAdd', retType: 'dataExt', action: 'ok' });
    expect(add?.rets).toEqual([{ OwnerID: '0', DataExtName: 'Region', DataExtType: 'STR255TYPE', DataExtValue: 'North & West' }]);
    expect(mod).toMatchObject({ kind: 'DataExtMod', retType: 'dataExt' });
    expect(mod?.rets).toEqual([{ DataExtName: 'Colour', DataExtType: 'STR255TYPE', DataExtValue: 'Blue' }]);
  });

  it('a removed value is answered with the name, the object it was removed from and when', () => {
    const [del] = responses(
      wrap(
        '<DataExtDelRs requestID="1-o9" statusCode="0" statusSeverity="Info"><DataExtDelRet><OwnerID>0</OwnerID><DataExtName>Region</DataExtName><ListDataExtType>Customer</ListDataExtType><ListObjRef><ListID>80000017-1331869840</ListID><FullName>Steve</FullName></ListObjRef><TimeDeleted>2024-05-01T10:00:00-08:00</TimeDeleted></DataExtDelRet></DataExtDelRs>',
      ),
    );
    expect(del).toMatchObject({ kind: 'DataExtDel', retType: 'dataExtDel' });
    expect(del?.rets).toEqual([
      {
        OwnerID: '0',
        DataExtName: 'Region',
        ListDataExtType: 'Customer',
        ListObjRef: { ListID: '80000017-1331869840', FullName: 'Steve' },
        TimeDeleted: '2024-05-01T10:00:00-08:00',
      },
    ]);
  });

  it('"value exists" (3180) and "not found" (3120) arrive as statuses with no record, for the caller to switch Add and Mod', () => {
    const [exists, missing] = responses(
      wrap(
        [
          '<DataExtAddRs requestID="1-o7" statusCode="3180" statusSeverity="Error" statusMessage="There was an error when saving a data extension named &quot;Region&quot;." />',
          '<DataExtModRs requestID="1-o8" statusCode="3120" statusSeverity="Error" statusMessage="Object &quot;Region&quot; specified in the request cannot be found." />',
        ].join(''),
      ),
    );
    expect(exists).toMatchObject({ kind: 'DataExtAdd', retType: 'dataExt', statusCode: 3180, rets: [] });
    expect(missing).toMatchObject({ kind: 'DataExtMod', retType: 'dataExt', statusCode: 3120, rets: [] });
  });

  it('definition answers are not mistaken for values', () => {
    const [def] = responses(
      wrap(
        '<DataExtDefQueryRs requestID="d" statusCode="0" statusSeverity="Info"><DataExtDefRet><OwnerID>0</OwnerID><DataExtID>1</DataExtID><DataExtName>Region</DataExtName><DataExtType>STR255TYPE</DataExtType><AssignToObject>Customer</AssignToObject><DataExtListRequire>false</DataExtListRequire><DataExtTxnRequire>false</DataExtTxnRequire><DataExtFormatString></DataExtFormatString></DataExtDefRet></DataExtDefQueryRs>',
      ),
    );
    expect(def?.retType).toBe('other');
  });

  it('an empty value cannot be sent as an Add or Mod (QuickBooks clears with DataExtDel)', () => {
    const target = { OwnerID: '0', DataExtName: 'Region', ListDataExtType: 'Customer', ListObjRef: { ListID: '80000017-1331869840' } } as const;
    expect(() => buildQbxmlRequest([{ kind: 'DataExtMod', requestID: 'x', DataExtMod: { ...target, DataExtValue: '  ' } }])).toThrow(QbxmlError);
    expect(buildQbxmlRequest([{ kind: 'DataExtDel', requestID: 'x', DataExtDel: target }]).xml).toContain(
      '<DataExtDel><OwnerID>0</OwnerID><DataExtName>Region</DataExtName>',
    );
  });

  it('an OwnerID that is neither "0" nor a GUID is refused before it reaches QuickBooks', () => {
    expect(() =>
      buildQbxmlRequest([
        { kind: 'DataExtDel', requestID: 'x', DataExtDel: { OwnerID: 'me', DataExtName: 'Region', TxnDataExtType: 'Invoice', TxnID: '7-1274221220' } },
      ]),
    ).toThrow(/OwnerID/);
  });
});
