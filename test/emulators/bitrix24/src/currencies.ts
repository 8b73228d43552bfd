/** Currencies of the emulated portal: `crm.currency.list`, `crm.currency.base.get` (bitrix24.md §5.14). */
export interface CurrencyRow {
  /** ISO-4217 code; the key (no numeric ID). */
  currency: string;
  /** Rate to the base currency for `amountCnt` units, 4 decimals ("1.0000" for the base). */
  amount: string;
  amountCnt: number;
  sort: number;
  base: boolean;
  fullName: string;
}

/** A US portal: USD base, a few others with fixed rates. Pure. */
export function seedCurrencies(): CurrencyRow[] {
  const row = (currency: string, amount: string, sort: number, fullName: string): CurrencyRow => ({
    currency,
    amount,
    amountCnt: 1,
    sort,
    base: currency === 'USD',
    fullName,
  });
  return [
    row('USD', '1.0000', 100, 'US Dollar'),
    row('EUR', '1.0800', 200, 'Euro'),
    row('GBP', '1.2700', 300, 'Pound Sterling'),
    row('CAD', '0.7300', 400, 'Canadian Dollar'),
    row('AUD', '0.6600', 500, 'Australian Dollar'),
    row('RUB', '0.0110', 600, 'Russian Ruble'),
    row('UAH', '0.0240', 700, 'Hryvnia'),
    row('BYN', '0.3000', 800, 'Belarusian Ruble'),
    row('KZT', '0.0021', 900, 'Tenge'),
  ];
}

/** `crm.currency.list` row: every value a string (§5.14). */
export function renderCurrency(c: CurrencyRow, dateUpdate: string): Record<string, string> {
  return {
    CURRENCY: c.currency,
    AMOUNT_CNT: String(c.amountCnt),
    AMOUNT: c.amount,
    SORT: String(c.sort),
    BASE: c.base ? 'Y' : 'N',
    FULL_NAME: c.fullName,
    LID: 'en',
    FORMAT_STRING: c.currency === 'USD' ? '$#' : `# ${c.currency}`,
    DEC_POINT: '.',
    THOUSANDS_SEP: ',',
    DECIMALS: '2',
    DATE_UPDATE: dateUpdate,
  };
}
