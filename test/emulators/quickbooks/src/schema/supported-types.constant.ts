/** Request types the emulator models (validates and executes). Other known qbXML requests get status 1030. */
export const SUPPORTED_REQUESTS = [
  'HostQueryRq', 'CompanyQueryRq', 'PreferencesQueryRq',
  'CustomerAddRq', 'CustomerModRq', 'CustomerQueryRq',
  'VendorAddRq', 'VendorModRq', 'VendorQueryRq',
  'ItemQueryRq',
  'ItemServiceAddRq', 'ItemServiceModRq', 'ItemServiceQueryRq',
  'ItemNonInventoryAddRq', 'ItemNonInventoryModRq', 'ItemNonInventoryQueryRq',
  'ItemInventoryAddRq', 'ItemInventoryModRq', 'ItemInventoryQueryRq',
  'ItemOtherChargeAddRq', 'ItemOtherChargeModRq', 'ItemOtherChargeQueryRq',
  'InvoiceAddRq', 'InvoiceModRq', 'InvoiceQueryRq',
  'EstimateAddRq', 'EstimateModRq', 'EstimateQueryRq',
  'ListDelRq', 'TxnDelRq', 'ListDeletedQueryRq', 'TxnDeletedQueryRq',
] as const;

export type SupportedRequest = (typeof SUPPORTED_REQUESTS)[number];

/** Ret elements the emulator emits; their XSD order drives response element order. */
export const SUPPORTED_RETS = [
  'CustomerRet', 'VendorRet', 'ItemServiceRet', 'ItemNonInventoryRet', 'ItemInventoryRet', 'ItemOtherChargeRet',
  'InvoiceRet', 'EstimateRet', 'ListDeletedRet', 'TxnDeletedRet', 'HostRet', 'CompanyRet', 'PreferencesRet',
] as const;
