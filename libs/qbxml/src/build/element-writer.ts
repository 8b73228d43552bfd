import type { create } from 'xmlbuilder2';
import { centsToAmount, toQbDecimal } from '../money/money.util.js';
import { QbxmlError } from '../qbxml.error.js';
import { toLatin1 } from '../text/transliterate.util.js';
import { formatQbDateTime } from '../time/qb-date-time.util.js';
import {
  CLEAR,
  type AddressModInput,
  type Cents,
  type DateInput,
  type DateTimeInput,
  type DecimalInput,
  type ModText,
  type RefInput,
} from '../types/request-common.type.js';

/** A string that was cut to its schema maxLength (lengths in characters, after transliteration). */
export interface Truncation {
  readonly path: string;
  readonly from: number;
  readonly to: number;
}

/** What the builder changed in the caller's text, so the sync can report it. */
export interface BuildReport {
  readonly truncations: Truncation[];
  /** paths whose text had characters outside ISO-8859-1 replaced or removed */
  readonly transliterations: string[];
}

type XMLBuilder = ReturnType<typeof create>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// DATETIMETYPE without "Z" and fractions, which the schema rejects (qbxml.md §2.1).
const DATE_TIME = /^\d{4}-\d{1,2}-\d{1,2}(T\d{1,2}(:\d{1,2}(:\d{1,2}([+-]\d{2}:\d{2})?)?)?)?$/;
const GUID = /^(0|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$/;

/** Reference FullName lengths by list kind (qbxml.md §4 "…Ref"). */
export const REF_MAX = {
  list: 159,
  simple: 31,
  customer: 209,
  vendor: 41,
  salesRep: 5,
  salesTaxCode: 3,
  currency: 64,
} as const;

/**
 * Writes child elements of one aggregate in the order the calls are made. Every builder calls it in
 * XSD sequence order because QuickBooks rejects out-of-order elements (qbxml.md §4). Undefined and
 * empty values are omitted; text goes through toLatin1 and is cut to maxLength. CLEAR (Mod requests only,
 * by their types) is written as an empty element, which clears the field in QuickBooks.
 */
export class ElementWriter {
  constructor(
    private readonly node: XMLBuilder,
    private readonly path: string,
    private readonly report: BuildReport,
  ) {}

  /** Opens a child aggregate; it is removed again by `close` if nothing was written into it. */
  child(name: string): ElementWriter {
    return new ElementWriter(this.node.ele(name), `${this.path}/${name}`, this.report);
  }

  /** Removes this element when it ended up empty (an optional aggregate with no fields). */
  dropIfEmpty(): void {
    if (this.node.node.childNodes.length === 0) this.node.remove();
  }

  /**
   * Text, mapped to Latin-1 and cut to `max` characters. A required text that ends up empty throws. CLEAR
   * writes `<name></name>`; a value that is empty or maps to nothing is still omitted (it keeps the old value),
   * so only an explicit CLEAR ever empties a field.
   */
  str(name: string, value: ModText | undefined, max?: number, required = false): void {
    const path = `${this.path}/${name}`;
    if (value === undefined) {
      if (required) throw new QbxmlError('EMPTY_REQUIRED_FIELD', `${path} is required`, path);
      return;
    }
    if (value === CLEAR) {
      if (required) throw new QbxmlError('INVALID_INPUT', `${path} is required and cannot be cleared`, path);
      this.node.ele(name).txt('');
      return;
    }
    const latin = toLatin1(value);
    let text = latin.value;
    if (latin.changed) this.report.transliterations.push(path);
    if (max !== undefined && text.length > max) {
      // Trailing whitespace left by the cut would be stored by QuickBooks, so drop it too.
      const cut = text.slice(0, max).trimEnd();
      this.report.truncations.push({ path, from: text.length, to: cut.length });
      text = cut;
    }
    if (text.trim() === '') {
      if (required) throw new QbxmlError('EMPTY_REQUIRED_FIELD', `${path} is empty after mapping to ISO-8859-1`, path);
      return;
    }
    this.node.ele(name).txt(escapeAmpersands(text));
  }

  /** Several text elements of the same name (ListID+, FullName+, IncludeRetElement*). */
  strs(name: string, values: readonly string[] | undefined, max?: number): void {
    for (const v of values ?? []) this.str(name, v, max);
  }

  /** An identifier (ListID, TxnID, EditSequence): never transliterated or cut, so a bad one throws. */
  id(name: string, value: string | undefined, max = 36, required = false): void {
    const path = `${this.path}/${name}`;
    if (value === undefined || value === '') {
      if (required) throw new QbxmlError('EMPTY_REQUIRED_FIELD', `${path} is required`, path);
      return;
    }
    if (value.length > max || !/^[\x21-\x7e]+$/.test(value)) {
      throw new QbxmlError('INVALID_INPUT', `${path} "${value}" is not a QuickBooks identifier (≤ ${max} printable ASCII)`, path);
    }
    this.node.ele(name).txt(escapeAmpersands(value));
  }

  ids(name: string, values: readonly string[] | undefined): void {
    for (const v of values ?? []) this.id(name, v);
  }

  /** An enumeration value; the TypeScript type restricts it, so it is written as is. */
  enumValue(name: string, value: string | undefined): void {
    if (value !== undefined) this.node.ele(name).txt(escapeAmpersands(value));
  }

  bool(name: string, value: boolean | undefined): void {
    if (value !== undefined) this.node.ele(name).txt(escapeAmpersands(value ? 'true' : 'false'));
  }

  int(name: string, value: number | undefined, min = 0): void {
    if (value === undefined) return;
    if (!Number.isSafeInteger(value) || value < min) {
      throw new QbxmlError('INVALID_INPUT', `${this.path}/${name} must be an integer ≥ ${min}, got ${value}`, `${this.path}/${name}`);
    }
    this.node.ele(name).txt(escapeAmpersands(String(value)));
  }

  amount(name: string, cents: Cents | undefined): void {
    if (cents === undefined) return;
    try {
      this.node.ele(name).txt(escapeAmpersands(centsToAmount(cents)));
    } catch (cause) {
      throw new QbxmlError('INVALID_INPUT', `${this.path}/${name}: ${String(cents)} is not whole cents`, `${this.path}/${name}`, { cause });
    }
  }

  decimal(name: string, value: DecimalInput | undefined): void {
    if (value !== undefined) this.node.ele(name).txt(escapeAmpersands(toQbDecimal(value, `${this.path}/${name}`)));
  }

  date(name: string, value: DateInput | undefined): void {
    if (value === undefined) return;
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      throw new QbxmlError('INVALID_INPUT', `${this.path}/${name} "${value}" is not YYYY-MM-DD`, `${this.path}/${name}`);
    }
    this.node.ele(name).txt(escapeAmpersands(value));
  }

  dateTime(name: string, value: DateTimeInput | undefined): void {
    if (value === undefined) return;
    const text = typeof value === 'string' ? value : formatQbDateTime(value.at, value.timeZone, { offset: value.offset ?? 'none' });
    if (!DATE_TIME.test(text)) {
      throw new QbxmlError('INVALID_INPUT', `${this.path}/${name} "${text}" is not a QuickBooks date-time (no "Z", no fractions)`, `${this.path}/${name}`);
    }
    this.node.ele(name).txt(escapeAmpersands(text));
  }

  guid(name: string, value: string | undefined): void {
    if (value === undefined) return;
    if (!GUID.test(value)) throw new QbxmlError('INVALID_INPUT', `${this.path}/${name} "${value}" is not "0" or a braced GUID`, `${this.path}/${name}`);
    this.node.ele(name).txt(escapeAmpersands(value));
  }

  guids(name: string, values: readonly string[] | undefined): void {
    for (const v of values ?? []) this.guid(name, v);
  }

  /** A …Ref aggregate with ListID or FullName (FullName cut to the list's length). */
  ref(name: string, value: RefInput | undefined, fullNameMax: number = REF_MAX.list): void {
    if (value === undefined) return;
    const w = this.child(name);
    if (value.ListID !== undefined) w.id('ListID', value.ListID);
    else w.str('FullName', value.FullName, fullNameMax, true);
  }

  /** AddressData: Addr1..5 ≤ 41, City ≤ 31, State ≤ 21, PostalCode ≤ 13, Country ≤ 31, Note ≤ 41; CLEAR lines are written empty. */
  address(name: string, a: AddressModInput | undefined): void {
    if (a === undefined) return;
    const w = this.child(name);
    w.str('Addr1', a.Addr1, 41);
    w.str('Addr2', a.Addr2, 41);
    w.str('Addr3', a.Addr3, 41);
    w.str('Addr4', a.Addr4, 41);
    w.str('Addr5', a.Addr5, 41);
    w.str('City', a.City, 31);
    w.str('State', a.State, 21);
    w.str('PostalCode', a.PostalCode, 13);
    w.str('Country', a.Country, 31);
    w.str('Note', a.Note, 41);
    w.dropIfEmpty();
  }
}

/**
 * xmlbuilder2 4.x leaves an `&` that looks like an entity (`&amp;`, `&#38;`, `R&D;`) unescaped, which
 * would corrupt the text or make the document invalid; escaping every `&` first keeps `.txt()` exact.
 */
function escapeAmpersands(text: string): string {
  return text.replaceAll('&', '&amp;');
}
