import { isPlainObject, MappingProblems, quote } from './mapping-problems.js';

const STAGE_KEYS = ['invoiceOpen', 'invoicePartiallyPaid', 'invoicePaid', 'estimate', 'salesOrder', 'salesReceipt', 'creditMemo', 'deleted'] as const;
const QB_ENTITIES = ['customer', 'vendor', 'item', 'invoice'] as const;
const B24_ENTITIES = ['contact', 'company', 'deal', 'product'] as const;
/** Which Bitrix24 record can carry the custom field of which QuickBooks record (the records the sync links). */
const PAIRS: Readonly<Record<(typeof QB_ENTITIES)[number], readonly string[]>> = {
  customer: ['contact', 'company'],
  vendor: ['contact'],
  item: ['product'],
  invoice: ['deal'],
};
export const USER_FIELD = /^UF_CRM_[A-Z0-9_]+$/;
export const PRODUCT_PROPERTY = /^PROPERTY_[0-9]+$/;
/** The portal's stage ids: letters, digits and _, with a `C{n}:` prefix outside the default pipeline. */
export const STAGE_ID = /^(C[0-9]+:)?[A-Z0-9_]+$/;
/** QuickBooks' DataExtName limit (qbxml.md §4.10). */
const QB_NAME_MAX = 31;

type Obj = Record<string, unknown>;

/**
 * Checks the shape of a (possibly partial) mapping file. Pure. Returns every problem as "json.path: what is wrong";
 * an empty list means the file may be merged over the defaults. Cross-key rules (stages against the pipeline,
 * two rules writing one field) are checked on the merged rules by checkMappingRules.
 */
export function validateMappingFile(raw: unknown): string[] {
  const p = new MappingProblems();
  if (!isPlainObject(raw)) {
    p.add('', 'the file must hold one JSON object ({ "deals": …, "toQuickBooks": … })');
    return p.list;
  }
  eachKey(raw, '', p, {
    $schema: (v, at) => string(v, at, p),
    deals: (v, at) =>
      object(v, at, p, {
        categoryId: (c, cat) => {
          if (typeof c !== 'number' || !Number.isInteger(c) || c < 0) p.add(cat, `${quote(c)} is not a pipeline id (a whole number, 0 or more)`);
        },
        stages: (s, sat) =>
          object(
            s,
            sat,
            p,
            Object.fromEntries(
              STAGE_KEYS.map((k) => [
                k,
                (st: unknown, stat: string) => {
                  if (typeof st !== 'string' || !STAGE_ID.test(st)) p.add(stat, `${quote(st)} is not a stage id (such as WON, or C2:WON in pipeline 2)`);
                },
              ]),
            ),
          ),
        amount: (a, aat) => oneOf(a, aat, p, ['subtotal', 'total']),
        currency: (c, cat) => {
          if (typeof c !== 'string' || !/^[A-Z]{3}$/.test(c)) p.add(cat, `${quote(c)} is not a currency code (3 capital letters, such as USD)`);
        },
        fields: (f, fat) =>
          object(f, fat, p, {
            creditRemaining: (u, uat) => nullOrUserField(u, uat, p),
            amountPaid: (u, uat) => userFieldOrNull(u, uat, p),
            balance: (u, uat) => userFieldOrNull(u, uat, p),
          }),
      }),
    toQuickBooks: (v, at) =>
      object(v, at, p, {
        contactTypes: (t, tat) => stringList(t, tat, p),
        companyTypes: (t, tat) => stringList(t, tat, p),
        products: (b, bat) => {
          if (typeof b !== 'boolean') p.add(bat, `${quote(b)} must be true or false`);
        },
        deals: (d, dat) =>
          object(d, dat, p, {
            enabled: (b, bat) => {
              if (typeof b !== 'boolean') p.add(bat, `${quote(b)} must be true or false`);
            },
            stages: (l, lat) => {
              if (!Array.isArray(l) || l.length === 0) return p.add(lat, 'must be a list of one or more stage ids, such as ["WON"]');
              l.forEach((st: unknown, i) => {
                if (typeof st !== 'string' || !STAGE_ID.test(st))
                  p.add(`${lat}[${i}]`, `${quote(st)} is not a stage id (such as WON, or C2:WON in pipeline 2)`);
              });
            },
            create: (c, cat) => oneOf(c, cat, p, ['salesOrder', 'invoice']),
            txnIdField: (f, fat) => {
              if (f !== null && (typeof f !== 'string' || !USER_FIELD.test(f))) p.add(fat, `${quote(f)} must be null or a deal user field name (UF_CRM_…)`);
            },
          }),
      }),
    customFields: (v, at) => {
      if (!Array.isArray(v)) return p.add(at, 'must be a list of custom field rules');
      v.forEach((rule, i) => customField(rule, `${at}[${i}]`, p));
    },
    deletes: (v, at) =>
      object(v, at, p, {
        fromQuickBooks: (d, dat) => oneOf(d, dat, p, ['mark', 'delete']),
        inactiveField: (f, fat) => userFieldOrNull(f, fat, p),
      }),
    vendors: (v, at) => object(v, at, p, { contactType: (t, tat) => string(t, tat, p) }),
    payments: (v, at) =>
      object(v, at, p, {
        unappliedField: (u, uat) => object(u, uat, p, { contact: (f, fat) => userFieldOrNull(f, fat, p), company: (f, fat) => userFieldOrNull(f, fat, p) }),
      }),
  });
  return p.list;
}

function nullOrUserField(value: unknown, at: string, p: MappingProblems): void {
  if (value !== null && (typeof value !== 'string' || !USER_FIELD.test(value))) p.add(at, `${quote(value)} must be null or a user field name (UF_CRM_…)`);
}

function customField(rule: unknown, at: string, p: MappingProblems): void {
  let qbEntity: unknown;
  let b24Entity: unknown;
  let b24Field: unknown;
  object(
    rule,
    at,
    p,
    {
      qb: (q, qat) =>
        object(
          q,
          qat,
          p,
          {
            entity: (e, eat) => {
              qbEntity = e;
              oneOf(e, eat, p, QB_ENTITIES);
            },
            name: (n, nat) => {
              if (typeof n !== 'string' || n.trim() === '' || n.length > QB_NAME_MAX)
                p.add(nat, `${quote(n)} is not a QuickBooks custom field name (1 to ${QB_NAME_MAX} characters)`);
            },
          },
          ['entity', 'name'],
        ),
      b24: (b, bat) =>
        object(
          b,
          bat,
          p,
          {
            entity: (e, eat) => {
              b24Entity = e;
              oneOf(e, eat, p, B24_ENTITIES);
            },
            field: (f, fat) => {
              b24Field = f;
              if (typeof f !== 'string') p.add(fat, `${quote(f)} is not a field name`);
            },
          },
          ['entity', 'field'],
        ),
      direction: (d, dat) => oneOf(d, dat, p, ['both', 'toB24', 'toQb']),
    },
    ['qb', 'b24', 'direction'],
  );
  if (typeof b24Field === 'string' && typeof b24Entity === 'string' && (B24_ENTITIES as readonly string[]).includes(b24Entity)) {
    const product = b24Entity === 'product';
    if (!(product ? PRODUCT_PROPERTY : USER_FIELD).test(b24Field)) {
      p.add(`${at}.b24.field`, `${quote(b24Field)} is not a ${product ? 'product property (PROPERTY_<id>)' : 'user field name (UF_CRM_…)'}`);
    }
  }
  if (typeof qbEntity === 'string' && typeof b24Entity === 'string' && qbEntity in PAIRS && (B24_ENTITIES as readonly string[]).includes(b24Entity)) {
    const allowed = PAIRS[qbEntity as keyof typeof PAIRS];
    if (!allowed.includes(b24Entity)) p.add(`${at}.b24.entity`, `a QuickBooks ${qbEntity} syncs with a Bitrix24 ${allowed.join(' or ')}, not a ${b24Entity}`);
  }
}

function userFieldOrNull(f: unknown, at: string, p: MappingProblems): void {
  if (f !== null && (typeof f !== 'string' || !USER_FIELD.test(f))) p.add(at, `${quote(f)} must be null or a user field name (UF_CRM_…)`);
}

function eachKey(value: Obj, at: string, p: MappingProblems, keys: Record<string, (v: unknown, at: string) => void>): void {
  for (const [key, inner] of Object.entries(value)) {
    const path = at === '' ? key : `${at}.${key}`;
    const check = Object.hasOwn(keys, key) ? keys[key] : undefined;
    if (check) check(inner, path);
    else
      p.add(
        path,
        `unknown key (known here: ${Object.keys(keys)
          .filter((k) => k !== '$schema')
          .join(', ')})`,
      );
  }
}

function object(
  value: unknown,
  at: string,
  p: MappingProblems,
  keys: Record<string, (v: unknown, at: string) => void>,
  required: readonly string[] = [],
): void {
  if (!isPlainObject(value)) {
    p.add(at, 'must be an object');
    return;
  }
  eachKey(value, at, p, keys);
  for (const key of required) if (!Object.hasOwn(value, key)) p.add(`${at}.${key}`, 'is missing');
}

function oneOf(value: unknown, at: string, p: MappingProblems, allowed: readonly string[]): void {
  if (typeof value !== 'string' || !allowed.includes(value)) p.add(at, `${quote(value)} is not one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
}

function string(value: unknown, at: string, p: MappingProblems): void {
  if (typeof value !== 'string' || value.trim() === '') p.add(at, `${quote(value)} must be a non-empty string`);
}

function stringList(value: unknown, at: string, p: MappingProblems): void {
  if (!Array.isArray(value)) {
    p.add(at, 'must be a list of type ids, such as ["CLIENT"]');
    return;
  }
  value.forEach((v, i) => string(v, `${at}[${i}]`, p));
}
