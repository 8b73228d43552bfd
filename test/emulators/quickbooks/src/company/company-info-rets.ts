/** The HostRet, CompanyRet and PreferencesRet the company answers (HostQuery / CompanyQuery / PreferencesQuery and the HCP response). */
import type { CompanyClock } from '../time/company-clock.js';
import type { CompanyPreferences, FieldObject } from './company-data.type.js';

const SUPPORTED_VERSIONS = ['1.0', '1.1', '2.0', '2.1', '3.0', '4.0', '4.1', '5.0', '6.0', '7.0', '8.0', '9.0', '10.0', '11.0', '12.0', '13.0'];

export function hostRet(maxVersion: number): FieldObject {
  return {
    ProductName: 'QuickBooks Pro 2014',
    MajorVersion: '24',
    MinorVersion: '0',
    Country: 'US',
    SupportedQBXMLVersion: SUPPORTED_VERSIONS.filter((v) => Number(v) <= maxVersion),
    IsAutomaticLogin: 'false',
    QBFileMode: 'SingleUser',
  };
}

/** With an owner and file ID (the HCP response), the AppLock and FileID DataExts are included. */
export function companyRet(companyName: string, clock: CompanyClock, ownerId?: string, fileId?: string): FieldObject {
  const ret: FieldObject = {
    IsSampleCompany: 'false',
    CompanyName: companyName,
    LegalCompanyName: companyName,
    Address: { Addr1: '100 Main Street', City: 'New York', State: 'NY', PostalCode: '10001', Country: 'US' },
  };
  if (ownerId !== undefined && fileId !== undefined) {
    ret['DataExtRet'] = [
      { OwnerID: ownerId, DataExtName: 'AppLock', DataExtType: 'STR1024TYPE', DataExtValue: `LOCKED:EMULATOR:${clock.now().getTime()}` },
      { OwnerID: ownerId, DataExtName: 'FileID', DataExtType: 'STR1024TYPE', DataExtValue: fileId },
    ];
  }
  return ret;
}

export function preferencesRet(preferences: CompanyPreferences): FieldObject {
  const b = (v: boolean): string => (v ? 'true' : 'false');
  return {
    AccountingPreferences: {
      IsUsingAccountNumbers: 'false',
      IsRequiringAccounts: 'true',
      IsUsingClassTracking: 'false',
      IsUsingAuditTrail: 'true',
      IsAssigningJournalEntryNumbers: 'true',
    },
    FinanceChargePreferences: {
      AnnualInterestRate: '0.00',
      MinFinanceCharge: '0.00',
      GracePeriod: '0',
      IsAssessingForOverdueCharges: 'false',
      CalculateChargesFrom: 'DueDate',
      IsMarkedToBePrinted: 'false',
    },
    JobsAndEstimatesPreferences: {
      IsUsingEstimates: b(preferences.isUsingEstimates),
      IsUsingProgressInvoicing: 'false',
      IsPrintingItemsWithZeroAmounts: 'false',
    },
  };
}
