import type { CustomerModFields, VendorModFields } from '../types/requests.type.js';
import { REF_MAX, type ElementWriter } from './element-writer.js';

/** PersonName group: Salutation ≤15, FirstName ≤25, MiddleName ≤5, LastName ≤25 (Suffix is QBOE only). */
export function writePersonName(w: ElementWriter, f: CustomerModFields | VendorModFields): void {
  w.str('Salutation', f.Salutation, 15);
  w.str('FirstName', f.FirstName, 25);
  w.str('MiddleName', f.MiddleName, 5);
  w.str('LastName', f.LastName, 25);
}

/** CommInfo group: phones ≤21, Email/Cc ≤1023, Contact/AltContact ≤41. */
export function writeCommInfo(w: ElementWriter, f: CustomerModFields | VendorModFields): void {
  w.str('Phone', f.Phone, 21);
  w.str('Mobile', f.Mobile, 21);
  w.str('Pager', f.Pager, 21);
  w.str('AltPhone', f.AltPhone, 21);
  w.str('Fax', f.Fax, 21);
  w.str('Email', f.Email, 1023);
  w.str('Cc', f.Cc, 1023);
  w.str('Contact', f.Contact, 41);
  w.str('AltContact', f.AltContact, 41);
}

/** CustomerAdd/CustomerMod fields from IsActive to JobTitle ([FLAT] CustomerAdd). Takes the Mod shape (an Add is a subset without CLEAR). */
export function writeCustomerHead(w: ElementWriter, f: CustomerModFields): void {
  w.bool('IsActive', f.IsActive);
  w.ref('ClassRef', f.ClassRef);
  w.ref('ParentRef', f.ParentRef, REF_MAX.customer);
  w.str('CompanyName', f.CompanyName, 41);
  writePersonName(w, f);
  w.str('JobTitle', f.JobTitle, 41);
  w.address('BillAddress', f.BillAddress);
  w.address('ShipAddress', f.ShipAddress);
  w.str('PrintAs', f.PrintAs, 41);
  writeCommInfo(w, f);
  w.ref('CustomerTypeRef', f.CustomerTypeRef);
  w.ref('TermsRef', f.TermsRef, REF_MAX.simple);
  w.ref('SalesRepRef', f.SalesRepRef, REF_MAX.salesRep);
}

/** CustomerAdd/CustomerMod fields from SalesTaxCodeRef to PriceLevelRef. */
export function writeCustomerTail(w: ElementWriter, f: CustomerModFields): void {
  w.ref('SalesTaxCodeRef', f.SalesTaxCodeRef, REF_MAX.salesTaxCode);
  w.ref('ItemSalesTaxRef', f.ItemSalesTaxRef, REF_MAX.simple);
  w.str('ResaleNumber', f.ResaleNumber, 15);
  w.str('AccountNumber', f.AccountNumber, 99);
  w.amount('CreditLimit', f.CreditLimit);
  w.enumValue('JobStatus', f.JobStatus);
  w.date('JobStartDate', f.JobStartDate);
  w.date('JobProjectedEndDate', f.JobProjectedEndDate);
  w.date('JobEndDate', f.JobEndDate);
  w.str('JobDesc', f.JobDesc, 99);
  w.ref('JobTypeRef', f.JobTypeRef);
  w.str('Notes', f.Notes, 4095);
  w.ref('PriceLevelRef', f.PriceLevelRef, REF_MAX.simple);
}

/** VendorAdd/VendorMod fields from IsActive to IsVendorEligibleFor1099 ([FLAT] VendorAdd, [XSD] VendorMod). */
export function writeVendorHead(w: ElementWriter, f: VendorModFields): void {
  w.bool('IsActive', f.IsActive);
  w.ref('ClassRef', f.ClassRef);
  w.str('CompanyName', f.CompanyName, 41);
  writePersonName(w, f);
  w.str('JobTitle', f.JobTitle, 41);
  w.address('VendorAddress', f.VendorAddress);
  w.address('ShipAddress', f.ShipAddress);
  writeCommInfo(w, f);
  w.str('NameOnCheck', f.NameOnCheck, 41);
  w.str('AccountNumber', f.AccountNumber, 99);
  w.str('Notes', f.Notes, 4095);
  w.ref('VendorTypeRef', f.VendorTypeRef);
  w.ref('TermsRef', f.TermsRef, REF_MAX.simple);
  w.amount('CreditLimit', f.CreditLimit);
  w.str('VendorTaxIdent', f.VendorTaxIdent, 15);
  w.bool('IsVendorEligibleFor1099', f.IsVendorEligibleFor1099);
}
