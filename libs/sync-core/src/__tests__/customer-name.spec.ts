import type { CompanyRecord, ContactRecord } from '@qb-b24/bitrix24-client';
import { buildQbxmlRequest } from '@qb-b24/qbxml';
import { describe, expect, it } from 'vitest';
import {
  companyToCustomer,
  connectorCustomerName,
  contactToCustomer,
  customerModInput,
  customerNamesChanged,
  decideCustomerName,
  keepUntouchedNames,
  type CustomerDesired,
} from '../index.js';

// Agreed values as IdMapping.baseJson holds them (customerRetToDesired of the QuickBooks customer).
const rossi: CustomerDesired = { name: 'Rossi, Olivia', firstName: 'Olivia', lastName: 'Rossi', phone: '555-0100', email: 'olivia@example.org' };
const ada: CustomerDesired = { name: 'Ada Lovelace', firstName: 'Ada', lastName: 'Lovelace', phone: '555-0100' };
const acme: CustomerDesired = { name: 'Acme Tools LLC', companyName: 'Acme Tools LLC', firstName: 'Jo', lastName: 'Ng', phone: '555-0200' };

const contact = (over: Partial<ContactRecord>): ContactRecord => ({ ID: '17', NAME: 'Olivia', LAST_NAME: 'Rossi', ...over });
const settle = (
  kind: 'contact' | 'company',
  base: CustomerDesired | undefined,
  desired: CustomerDesired,
  extra: { qbNow?: CustomerDesired; isJob?: boolean } = {},
) => decideCustomerName({ kind, b24Id: '17', base, next: keepUntouchedNames(kind, base, desired), ...extra });

describe('connectorCustomerName', () => {
  it('is the Name contactToCustomer / companyToCustomer give an Add', () => {
    for (const c of [
      contact({}),
      contact({ NAME: null, LAST_NAME: null, EMAIL: [{ ID: '1', VALUE: 'a@x.org', VALUE_TYPE: 'WORK' }] }),
      contact({ NAME: null, LAST_NAME: null }),
    ]) {
      const d = contactToCustomer(c);
      expect(connectorCustomerName('contact', d, '17')).toBe(d.name);
    }
    const co: CompanyRecord = { ID: '9', TITLE: 'Acme: Tools' };
    expect(connectorCustomerName('company', companyToCustomer(co), '9')).toBe(companyToCustomer(co).name);
  });
});

describe('decideCustomerName', () => {
  it('an edit of a phone keeps "Rossi, Olivia": Name is left out of the Mod', () => {
    const edited = contactToCustomer(
      contact({ PHONE: [{ ID: '2', VALUE: '555-0199', VALUE_TYPE: 'WORK' }], EMAIL: [{ ID: '3', VALUE: 'olivia@example.org', VALUE_TYPE: 'WORK' }] }),
    );
    expect(edited.name).toBe('Olivia Rossi');
    const d = settle('contact', rossi, edited);
    expect(d).toEqual({ action: 'unchanged', name: 'Rossi, Olivia' });
    const mod = customerModInput('L1', '5', { ...keepUntouchedNames('contact', rossi, edited), name: d.name }, [], { sendName: false });
    expect(mod).not.toHaveProperty('Name');
    expect(buildQbxmlRequest([{ kind: 'CustomerMod', requestID: 'r-1', CustomerMod: mod }]).xml).not.toContain('<Name>');
  });

  it('a last name changed in Bitrix24 for a custom QuickBooks Name changes LastName only, and says the name was kept', () => {
    const d = settle('contact', rossi, { name: 'Olivia Rossi-Bianchi', firstName: 'Olivia', lastName: 'Rossi-Bianchi' });
    expect(d).toEqual({ action: 'keep', name: 'Rossi, Olivia', wouldBe: 'Olivia Rossi-Bianchi', reason: 'custom-name' });
  });

  it("a name changed in Bitrix24 renames a customer whose Name follows the connector's pattern", () => {
    expect(settle('contact', ada, { name: 'Ada King', firstName: 'Ada', lastName: 'King' })).toEqual({
      action: 'rename',
      name: 'Ada King',
      from: 'Ada Lovelace',
    });
  });

  it('a suffixed name (an earlier 3100) keeps its suffix on a rename', () => {
    const base = { ...ada, name: 'Ada Lovelace (B24 17)' };
    expect(settle('contact', base, { name: 'Ada King', firstName: 'Ada', lastName: 'King' })).toMatchObject({ action: 'rename', name: 'Ada King (B24 17)' });
  });

  it('a QuickBooks customer without First/Last name agreed on its split Name: an unrelated edit writes no First/Last', () => {
    const base: CustomerDesired = { name: 'John Smith', phone: '1' };
    const next = keepUntouchedNames('contact', base, { name: 'John Smith', firstName: 'John', lastName: 'Smith', phone: '2' });
    expect(next).toEqual({ name: 'John Smith', phone: '2' });
    expect(customerNamesChanged('contact', base, { name: 'Jon Smith', firstName: 'Jon', lastName: 'Smith' })).toBe(true);
    expect(settle('contact', base, { name: 'Jon Smith', firstName: 'Jon', lastName: 'Smith' })).toMatchObject({ action: 'rename', name: 'Jon Smith' });
    expect(settle('contact', { name: 'Rossi, Olivia' }, { name: 'Liv Rossi', firstName: 'Liv', lastName: 'Rossi' })).toMatchObject({
      action: 'keep',
      name: 'Rossi, Olivia',
    });
  });

  it('companies follow CompanyName: a TITLE change renames "Acme Tools LLC", a custom Name stays', () => {
    expect(settle('company', acme, { name: 'Acme Tools LLC', companyName: 'Acme Tools LLC', phone: '9' })).toEqual({
      action: 'unchanged',
      name: 'Acme Tools LLC',
    });
    expect(settle('company', acme, { name: 'Acme Tools Inc', companyName: 'Acme Tools Inc' })).toMatchObject({ action: 'rename', name: 'Acme Tools Inc' });
    const custom = { ...acme, name: 'ACME-01' };
    expect(settle('company', custom, { name: 'Acme Tools Inc', companyName: 'Acme Tools Inc' })).toMatchObject({
      action: 'keep',
      name: 'ACME-01',
      reason: 'custom-name',
    });
    // the person's names of a company customer are not the company record's: they are never touched
    expect(keepUntouchedNames('company', acme, { name: 'Acme Tools LLC', companyName: 'Acme Tools LLC' })).toEqual({
      name: 'Acme Tools LLC',
      companyName: 'Acme Tools LLC',
    });
  });

  it('jobs are never renamed, and nothing is renamed without agreed values', () => {
    expect(settle('contact', ada, { name: 'Ada King', firstName: 'Ada', lastName: 'King' }, { isJob: true })).toMatchObject({ action: 'keep', reason: 'job' });
    expect(settle('contact', undefined, { name: 'Ada King', firstName: 'Ada', lastName: 'King' })).toMatchObject({ action: 'keep', reason: 'unknown' });
  });

  it('after a 3200 it judges against what QuickBooks holds now: a rename there wins, same names there need no Name', () => {
    const renamedInQb = { ...ada, name: 'Lovelace, Ada (VIP)' };
    expect(settle('contact', ada, { name: 'Ada King', firstName: 'Ada', lastName: 'King' }, { qbNow: renamedInQb })).toMatchObject({
      action: 'keep',
      name: 'Lovelace, Ada (VIP)',
    });
    const sameInQb = { ...ada, lastName: 'King' };
    expect(settle('contact', ada, { name: 'Ada King', firstName: 'Ada', lastName: 'King' }, { qbNow: sameInQb })).toEqual({
      action: 'unchanged',
      name: 'Ada Lovelace',
    });
  });
});
